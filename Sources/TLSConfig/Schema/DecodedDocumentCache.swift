/// Schema results for documents that carry a file identity, whatever source supplied them:
/// the same path, scope, table and identity decode to the same offers, so a tool resolving for
/// many hosts maps each file through the schema once.
enum DecodedDocumentCache {
    struct Key: Hashable, Sendable {
        var path: String
        var scope: FileScope
        var tablePath: [String]
        /// `~` in paths expands against it.
        var home: String?
        var identity: FileIdentity
    }

    private static let entries = BoundedCache<Key, DecodedDocument>(capacity: 128)

    /// The decoding of `document`, from the cache when it has an identity seen before.
    static func decode(_ document: ConfigDocument, home: String?) -> DecodedDocument {
        guard let identity = document.identity else { return ConfigSchema(home: home).decode(document) }
        let key = Key(
            path: document.path, scope: document.scope, tablePath: document.tablePath, home: home, identity: identity)
        if let cached = entries[key] { return cached }
        let decoded = ConfigSchema(home: home).decode(document)
        entries.store(decoded, for: key)
        return decoded
    }
}

/// A document's offers and schema diagnostics.
struct DecodedDocument: Sendable {
    var offers: [Offer]
    var diagnostics: [Diagnostic]
}
