/// Configuration files already read and parsed, keyed by file identity, so a tool that
/// resolves for many hosts parses each file once, and an edited file is parsed again.
final class DocumentCache: Sendable {
    static let shared = DocumentCache()

    struct Key: Hashable {
        var path: String
        var scope: FileScope
        var tablePath: [String]
        var identity: FileIdentity
    }

    /// A bound that keeps a process resolving against ever-changing files from growing.
    private static let capacity = 128
    private let entries = Locked<[Key: ConfigDocument]>([:])

    func document(_ key: Key) -> ConfigDocument? {
        entries.withLock { $0[key] }
    }

    func store(_ document: ConfigDocument, for key: Key) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = document
        }
    }
}
