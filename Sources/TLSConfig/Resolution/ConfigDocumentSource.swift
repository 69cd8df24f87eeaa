/// Supplies configuration documents. `ConfigFileDiscovery` reads them from disk;
/// `InMemoryDocuments` hands over prepared ones.
public protocol ConfigDocumentSource: Sendable {
    func load(_ context: ResolutionContext) -> ConfigDocumentLoad
}
