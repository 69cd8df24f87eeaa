import TLSConfig

/// Keeps one trust store per distinct set of CA sources so that building a second context
/// with the same trust costs a dictionary lookup instead of re-parsing a bundle. Entries are
/// keyed by each configured file's identity as the resolution read it (device, inode, size,
/// mtime, ctime), so an edited bundle is a new key and replaces the stale store; the system
/// bundle, which no resolution reads, is checked by `stat` on every use. Thread-safe.
@_spi(Plumbing) public final class TrustStoreCache: Sendable {
    /// The cache `TLSContextBuilder` uses unless given another.
    public static let shared = TrustStoreCache()

    private let entries = Locked<[TrustSources: SharedTrustStore]>([:])

    /// An empty cache; `shared` is what the builder uses by default.
    public init() {}

    /// Number of stores held.
    public var count: Int {
        entries.withLock { $0.count }
    }

    /// Drops every store; contexts already built keep theirs.
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    /// Forgets whether the system directory mirrors the bundle, so the next store checks
    /// again, as the first one of a process does: for benchmarks of first contexts.
    public static func forgetSystemTrustVerdicts() {
        SystemTrustMirror.forgetVerdicts()
    }

    /// A current store for `sources`, built (outside the lock) when missing or stale.
    func store(
        for sources: TrustSources, loader: TrustStoreLoader
    ) -> Result<(store: SharedTrustStore, reused: Bool), TLSSettingsError> {
        if let cached = entries.withLock({ $0[sources] }), cached.isCurrent {
            return .success((cached, true))
        }
        switch loader.build(sources) {
        case .success(let built):
            // Tasks that missed together all build; the first to store wins and the others
            // use its store, so every context for these sources shares one X509_STORE.
            let (store, reused) = entries.withLock { entries -> (SharedTrustStore, Bool) in
                if let winner = entries[sources], winner !== built, winner.isCurrent { return (winner, true) }
                // Stores for older versions of the same files can never be asked for again.
                let paths = sources.paths
                entries = entries.filter { $0.key.paths != paths }
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
