#if NIO
internal import NIOSSL
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// Trust roots for consumers that verify with BoringSSL alone: the certificates of the
/// verifier's OpenSSL store, converted once per store. Contexts share stores through
/// `TrustStoreCache`, so a second configuration for the same trust costs a lookup here.
final class BoringSSLTrustRoots: Sendable {
    static let shared = BoringSSLTrustRoots()

    /// By store id; stores are immutable, and the cache drops the oldest beyond a few.
    private let entries = Locked<[(id: Int, certificates: [NIOSSLCertificate])]>([])
    private static let capacity = 8

    /// The trust roots for BoringSSL: when the trust is the system store alone and its
    /// directory mirrors the bundle, that directory (BoringSSL looks certificates up through the
    /// same hash links, so nothing is parsed up front); otherwise the store's certificates.
    func roots(of verifier: TLSContext) -> NIOSSLTrustRoots {
        let sources = verifier.trustStore.sources
        if sources.allSatisfy({ $0.kind == .systemFile || $0.kind == .systemDirectory }),
            let directory = sources.first(where: { $0.kind == .systemFile })?.lookedUpThrough
        {
            return .file(directory)
        }
        return .certificates(certificates(of: verifier))
    }

    func certificates(of verifier: TLSContext) -> [NIOSSLCertificate] {
        let id = verifier.trustStore.storeID
        if let hit = entries.withLock({ $0.first { $0.id == id }?.certificates }) { return hit }
        let converted = verifier.trustAnchorsDER().compactMap { try? NIOSSLCertificate(bytes: $0, format: .der) }
        entries.withLock { entries in
            entries.removeAll { $0.id == id }
            entries.append((id, converted))
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
        return converted
    }

    /// OpenSSL looks in the system directory as well as the bundle; the list handed to BoringSSL
    /// holds the bundle's certificates only (the directory mirrors it on Debian and Red Hat).
    static func systemNote(_ verifier: TLSContext, consumer: TLSConsumer) -> [Diagnostic] {
        guard consumer.verification == .swiftNIOSSL, verifier.trustStore.usesSystemStore else { return [] }
        let sources = verifier.trustStore.sources
        guard let file = sources.first(where: { $0.kind == .systemFile }), let count = file.count, count > 0,
            file.lookedUpThrough == nil,
            let directory = sources.first(where: { $0.kind == .systemDirectory && $0.exists })
        else { return [] }
        return [
            Diagnostic(
                .note, .nioSystemTrust,
                "the system store given to swift-nio-ssl is the \(count) certificates of \(file.path); OpenSSL (and so `show` and the adapter's handlers) also looks CAs up in \(directory.path), which usually mirrors that bundle",
                setting: .trust
            )
        ]
    }
}
#endif
