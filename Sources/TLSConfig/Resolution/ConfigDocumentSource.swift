/// Supplies configuration documents. `ConfigFileDiscovery` reads them from disk;
/// `InMemoryDocuments` hands over prepared ones.
public protocol ConfigDocumentSource: Sendable {
    /// The documents for one resolution; read the environment through `context.environment` so `show` lists it.
    func load(_ context: ResolutionContext) -> ConfigDocumentLoad
}
