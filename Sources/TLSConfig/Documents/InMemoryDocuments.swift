/// Documents prepared by the caller (tests, or a host tool that parsed its own file).
public struct InMemoryDocuments: ConfigDocumentSource {
    /// The documents handed to every resolution.
    public var documents: [ConfigDocument]

    /// A source of fixed documents.
    public init(_ documents: [ConfigDocument]) {
        self.documents = documents
    }

    /// The documents, each listed as "given in memory".
    public func load(_ context: ResolutionContext) -> ConfigDocumentLoad {
        ConfigDocumentLoad(
            documents: documents,
            candidates: documents.map {
                ConfigDocumentLoad.FileCandidate(
                    path: $0.path, scope: $0.scope, exists: true, reason: "given in memory")
            })
    }
}
