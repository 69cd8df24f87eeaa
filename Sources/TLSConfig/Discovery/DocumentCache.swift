/// Configuration files already read and parsed, keyed by file identity, so a tool that
/// resolves for many hosts parses each file once, and an edited file is parsed again.
enum DocumentCache {
    struct Key: Hashable, Sendable {
        var path: String
        var scope: FileScope
        var tablePath: [String]
        var identity: FileIdentity
    }

    static let shared = BoundedCache<Key, ConfigDocument>(capacity: 128)
}
