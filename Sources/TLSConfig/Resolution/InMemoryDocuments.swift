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
