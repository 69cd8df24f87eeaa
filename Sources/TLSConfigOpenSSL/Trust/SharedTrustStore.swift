internal import COpenSSL
import Synchronization

/// One immutable `X509_STORE`, shared by every context with the same trust sources through
/// `SSL_CTX_set1_cert_store` (each context holds its own reference, so a store evicted from
/// the cache lives on until its last context is freed).
final class SharedTrustStore: Sendable {
    /// Set up completely before the store is published; afterwards only OpenSSL's own,
    /// internally locked, lazy directory lookups touch it.
    nonisolated(unsafe) let pointer: OpaquePointer
    let id: Int
    /// The system paths the store was built from; if any changed, the store is stale (configured
    /// files are part of the cache key, by identity).
    let stamps: [SystemPathStamp]
    let sources: [TrustStoreSummary.Source]
    let usesSystemStore: Bool
    let certificateCount: Int
    let crlCount: Int
    /// Certificates from the configured CA files and unhashed directories, in order: the
    /// names a server context sends in its CertificateRequest.
    let configuredAuthorities: [OwnedCertificate]

    private static let nextID = Atomic<Int>(1)

    init(
        taking pointer: OpaquePointer, stamps: [SystemPathStamp], sources: [TrustStoreSummary.Source],
        usesSystemStore: Bool, certificateCount: Int, crlCount: Int, configuredAuthorities: [OwnedCertificate]
    ) {
        self.pointer = pointer
        self.id = Self.nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.stamps = stamps
        self.sources = sources
        self.usesSystemStore = usesSystemStore
        self.certificateCount = certificateCount
        self.crlCount = crlCount
        self.configuredAuthorities = configuredAuthorities
    }

    deinit {
        X509_STORE_free(pointer)
    }

    /// Whether every file and directory still has the identity it had when the store was built.
    var isCurrent: Bool {
        stamps.allSatisfy(\.isCurrent)
    }

    func summary(reusedFromCache: Bool, checksRevocation: Bool) -> TrustStoreSummary {
        TrustStoreSummary(
            usesSystemStore: usesSystemStore, sources: sources, certificates: certificateCount, crls: crlCount,
            checksRevocation: checksRevocation, storeID: id, reusedFromCache: reusedFromCache
        )
    }
}
