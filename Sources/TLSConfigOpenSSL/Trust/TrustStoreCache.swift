import TLSConfig

/// Keeps one trust store per distinct set of CA sources so that building a second context
/// with the same trust costs a few `stat` calls instead of re-parsing a bundle. Entries are
/// keyed by the sources and validated against each file's identity (device, inode, size,
/// modification time) on every use, so an edited bundle is picked up by the next context.
/// Thread-safe.
public final class TrustStoreCache: Sendable {
    /// The cache `TLSContextBuilder` uses unless given another.
    public static let shared = TrustStoreCache()

    private let entries = Locked<[TrustSources: SharedTrustStore]>([:])

    public init() {}

    /// Number of stores held.
    public var count: Int {
        entries.withLock { $0.count }
    }

    /// Drops every store; contexts already built keep theirs.
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    /// A current store for `sources`, built (outside the lock) when missing or stale.
    func store(for sources: TrustSources, loader: TrustStoreLoader) -> Result<(store: SharedTrustStore, reused: Bool), TLSContextError> {
        if let cached = entries.withLock({ $0[sources] }), cached.isCurrent {
            return .success((cached, true))
        }
        switch loader.build(sources) {
        case .success(let built):
            // Tasks that missed together all build; the first to store wins and the others
            // use its store, so every context for these sources shares one X509_STORE.
            let (store, reused) = entries.withLock { entries -> (SharedTrustStore, Bool) in
                if let winner = entries[sources], winner !== built, winner.isCurrent { return (winner, true) }
                entries[sources] = built
                return (built, false)
            }
            return .success((store, reused))
        case .failure(let diagnostics):
            entries.withLock { _ = $0.removeValue(forKey: sources) }
            return .failure(diagnostics)
        }
    }
}
