
/// Configuration files already read, parsed and mapped through the schema, keyed by file
/// identity (device, inode, size, modification time), so a tool that resolves for many hosts
/// reads each file once, and an edited file is read again.
final class DocumentCache: Sendable {
    static let shared = DocumentCache()

    struct Key: Hashable {
        var path: String
        var scope: FileScope
        var tablePath: [String]
        var home: String?
        var identity: FileInspector.Identity
    }

    struct Entry {
        var document: ConfigDocument
        var decoded: DecodedDocument
    }

    /// A bound that keeps a process resolving against ever-changing files from growing.
    private static let capacity = 128
    private let entries = Locked<[Key: Entry]>([:])

    func entry(_ key: Key) -> Entry? {
        entries.withLock { $0[key] }
    }

    func store(_ entry: Entry, for key: Key) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }
}

/// A document's offers and schema diagnostics.
struct DecodedDocument: Sendable {
    var offers: [Offer]
    var diagnostics: [Diagnostic]
}
