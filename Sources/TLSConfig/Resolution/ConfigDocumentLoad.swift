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
