/// A configuration file after reading: the TLS table and the text it came from.
/// This is the interface between the file readers and the resolver; tests build
/// documents in memory with hand-written positions.
public struct ConfigDocument: Sendable {
    /// The file's format, from its extension.
    public enum Format: String, Sendable, Hashable {
        /// TOML 1.0.0.
        case toml
        /// YAML 1.2, read through libyaml.
        case yaml
        /// Keys read through a configuration provider, not a file TLSConfig parsed.
        case provider
    }

    /// The path as found; relative paths inside resolve against its directory.
    public var path: String
    /// Which scope it was found in; ranks it against other files.
    public var scope: FileScope
    /// TOML or YAML, for messages.
    public var format: Format
    /// The TLS table (the whole file, or a table inside a host tool's own file).
    public var root: ConfigNode.Table
    /// Where `root` sits in the file, such as `tool.mytool.tls`; empty for the whole file.
    public var tablePath: [String]
    /// The text, for source snippets in diagnostics.
    public var source: String
    /// The identity of the file the document was read from, when it was one. Documents with the
    /// same path, scope, table and identity must hold the same settings: the resolver then maps
    /// them through the schema once, whichever source supplied them.
    package var identity: FileIdentity?
    /// The layer its values belong to: `files`, or `configReader` for provider documents.
    package var layer: Layer = .files
    /// Rank among documents of one layer and scope (lower wins), for provider order.
    package var order: Int = 0
    /// Where relative paths resolve; `nil` means the document's directory.
    public var baseDirectory: String?
    /// Whether settings that weaken TLS apply: discovery sets it for project files. Documents
    /// a tool builds or names itself need no trust.
    public package(set) var trust: ConfigDocument.Trust = .notRequired
    /// SHA-256 of the file's bytes, for project files (what `tlsconfig trust` records).
    package var contentDigest: String?
    /// Origins by value position, for documents not read from a file (provider documents
    /// give each value a synthetic position); values not listed cite the document's path.
    package var valueOrigins: [SourcePosition: Origin] = [:]

    /// A document made by a source; the resolver maps it through the schema each time.
    public init(
        path: String, scope: FileScope, format: Format, root: ConfigNode.Table, tablePath: [String] = [], source: String
    ) {
        self.init(
            path: path, scope: scope, format: format, root: root, tablePath: tablePath, source: source, identity: nil)
    }

    /// A document read from a file; `identity` lets the resolver reuse its decoding across resolutions.
    package init(
        path: String, scope: FileScope, format: Format, root: ConfigNode.Table, tablePath: [String] = [],
        source: String, identity: FileIdentity?
    ) {
        self.identity = identity
        self.path = path
        self.scope = scope
        self.format = format
        self.root = root
        self.tablePath = tablePath
        self.source = source
    }
}
