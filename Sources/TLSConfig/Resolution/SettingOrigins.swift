/// Where each setting came from, for layers (like OpenSSL) that cite origins in their errors.
public struct SettingOrigins: Sendable, Hashable {
    private var storage: [SettingKey: Origin]

    /// Origins by key.
    public init(_ storage: [SettingKey: Origin] = [:]) {
        self.storage = storage
    }

    /// The origin of `key`, if recorded.
    public subscript(key: SettingKey) -> Origin? {
        storage[key]
    }
}
