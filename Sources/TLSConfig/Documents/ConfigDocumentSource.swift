/// Supplies configuration documents. `ConfigFileDiscovery` reads them from disk;
/// `InMemoryDocuments` hands over prepared ones.
public protocol ConfigDocumentSource: Sendable {
    /// The documents for one resolution; read the environment through `context.environment` so `show` lists it.
    func load(_ context: ResolutionContext) -> ConfigDocumentLoad

    /// Whether its documents can change while no file a resolution records does: configuration
    /// providers that reload themselves or are set in code. A ``ContextReloader`` then resolves
    /// again at every poll and reloads when the settings differ. `false` unless a source says so.
    var changesWithoutFiles: Bool { get }
}

extension ConfigDocumentSource {
    /// Files and prepared documents change only with the files a resolution watches.
    public var changesWithoutFiles: Bool { false }
}
