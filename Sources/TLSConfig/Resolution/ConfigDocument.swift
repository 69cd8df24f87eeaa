/// A configuration file after reading: the TLS table and the text it came from.
/// This is the interface between the file readers and the resolver; tests build
/// documents in memory with hand-written positions.
public struct ConfigDocument: Sendable {
    public enum Format: String, Sendable, Hashable {
        case toml
        case yaml
    }

    /// The path as found; relative paths inside resolve against its directory.
    public var path: String
    public var scope: FileScope
    public var format: Format
    /// The TLS table (the whole file, or a table inside a host tool's own file).
    public var root: ConfigTable
    /// Where `root` sits in the file, such as `tool.mytool.tls`; empty for the whole file.
    public var tablePath: [String]
    /// The text, for source snippets in diagnostics.
    public var source: String
    /// The identity of the file the document was read from, when it was one. Documents with the
    /// same path, scope, table and identity must hold the same settings: the resolver then maps
    /// them through the schema once, whichever source supplied them.
    public var identity: FileIdentity?

    /// A document; `identity` lets the resolver reuse its decoding across resolutions.
    public init(path: String, scope: FileScope, format: Format, root: ConfigTable, tablePath: [String] = [], source: String, identity: FileIdentity? = nil) {
        self.identity = identity
        self.path = path
        self.scope = scope
        self.format = format
        self.root = root
        self.tablePath = tablePath
        self.source = source
    }
}

/// A configuration file the resolver looked for, found or not; `show` lists them.
public struct ConfigFileCandidate: Sendable, Hashable {
    public var path: String
    public var scope: FileScope
    public var exists: Bool
    /// Why it was considered: `--config`, `TLSCONFIG_CONFIG`, the project walk, ...
    public var reason: String

    public init(path: String, scope: FileScope, exists: Bool, reason: String) {
        self.path = path
        self.scope = scope
        self.exists = exists
        self.reason = reason
    }
}

/// What loading configuration files produced.
public struct ConfigDocumentLoad: Sendable {
    public var documents: [ConfigDocument]
    public var candidates: [ConfigFileCandidate]
    public var diagnostics: [Diagnostic]
    /// Texts of files that failed to parse, so their errors can show the line.
    public var sources: [String: String]

    public init(documents: [ConfigDocument] = [], candidates: [ConfigFileCandidate] = [], diagnostics: [Diagnostic] = [], sources: [String: String] = [:]) {
        self.documents = documents
        self.candidates = candidates
        self.diagnostics = diagnostics
        self.sources = sources
    }
}

/// Supplies configuration documents. `ConfigFileDiscovery` reads them from disk;
/// `InMemoryDocuments` hands over prepared ones.
public protocol ConfigDocumentSource: Sendable {
    func load(_ context: ResolutionContext) -> ConfigDocumentLoad
}

/// Documents prepared by the caller (tests, or a host tool that parsed its own file).
public struct InMemoryDocuments: ConfigDocumentSource {
    public var documents: [ConfigDocument]

    public init(_ documents: [ConfigDocument]) {
        self.documents = documents
    }

    public func load(_ context: ResolutionContext) -> ConfigDocumentLoad {
        ConfigDocumentLoad(documents: documents, candidates: documents.map {
            ConfigFileCandidate(path: $0.path, scope: $0.scope, exists: true, reason: "given in memory")
        })
    }
}
