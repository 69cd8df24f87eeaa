/// Where each setting came from, for layers (like OpenSSL) that cite origins in their errors.
package struct SettingOrigins: Sendable, Hashable {
    private var storage: [SettingKey: Origin]

    /// Origins by key.
    package init(_ storage: [SettingKey: Origin] = [:]) {
        self.storage = storage
    }

    /// The origin of `key`, if recorded.
    package subscript(key: SettingKey) -> Origin? {
        storage[key]
    }
}
