/// What loading configuration files produced.
public struct ConfigDocumentLoad: Sendable {
    /// The documents read, highest scope first.
    public var documents: [ConfigDocument]
    /// Every file looked for, found or not, for `show`.
    public var candidates: [ConfigDocumentLoad.FileCandidate]
    /// Problems finding or reading files (syntax errors, conflicts, permissions).
    public var diagnostics: [Diagnostic]
    /// Texts of files that failed to parse, so their errors can show the line.
    public var sources: [String: String]

    /// A load result.
    public init(
        documents: [ConfigDocument] = [], candidates: [ConfigDocumentLoad.FileCandidate] = [],
        diagnostics: [Diagnostic] = [], sources: [String: String] = [:]
    ) {
        self.documents = documents
        self.candidates = candidates
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// Adds another load's documents, candidates, diagnostics and sources after this one's.
    package mutating func append(_ other: ConfigDocumentLoad) {
        documents += other.documents
        candidates += other.candidates
        diagnostics += other.diagnostics
        sources.merge(other.sources) { $1 }
    }
}
