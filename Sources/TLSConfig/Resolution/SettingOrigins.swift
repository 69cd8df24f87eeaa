/// Where each setting came from, for layers (like OpenSSL) that cite origins in their errors.
public struct SettingOrigins: Sendable, Hashable {
    private var storage: [SettingKey: Origin]

    public init(_ storage: [SettingKey: Origin] = [:]) {
        self.storage = storage
    }

    public subscript(key: SettingKey) -> Origin? {
        storage[key]
    }
}
