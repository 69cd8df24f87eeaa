/// Configuration files already read, parsed and mapped through the schema, keyed by file
/// identity: a tool that resolves for many hosts reads and decodes each file once, and an
/// edited file (a new identity) is read again. The one cache of documents: discovery stores
/// what it parsed, and the resolver the decoding of any document that carries an identity,
/// whatever source supplied it.
enum DocumentCache {
    struct Key: Hashable, Sendable {
        var path: String
        var scope: FileScope
        var tablePath: [String]
        var identity: FileIdentity
    }

    /// A file's parsed document, and its decodings by `$HOME` (against which `~` expands).
    private struct Entry: Sendable {
        var document: ConfigDocument?
        var decoded: [String?: DecodedDocument] = [:]
    }

    private static let entries = BoundedCache<Key, Entry>(capacity: 128)

    /// The document parsed from the file with this identity, when it was read before.
    static func document(for key: Key) -> ConfigDocument? {
        entries[key]?.document
    }

    static func store(_ document: ConfigDocument, for key: Key) {
        var entry = entries[key] ?? Entry()
        entry.document = document
        entries.store(entry, for: key)
    }

    /// The decoding of `document`, from the cache when it has an identity seen before.
    static func decode(_ document: ConfigDocument, home: String?) -> DecodedDocument {
        guard let identity = document.identity else { return ConfigSchema(home: home).decode(document) }
        let key = Key(path: document.path, scope: document.scope, tablePath: document.tablePath, identity: identity)
        var entry = entries[key] ?? Entry()
        if let cached = entry.decoded[home] { return cached }
        let decoded = ConfigSchema(home: home).decode(document)
        entry.decoded[home] = decoded
        entries.store(entry, for: key)
        return decoded
    }
}

/// A document's offers and schema diagnostics.
struct DecodedDocument: Sendable {
    var offers: [Offer]
    var diagnostics: [Diagnostic]
}
