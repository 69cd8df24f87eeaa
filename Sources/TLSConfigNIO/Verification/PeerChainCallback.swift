#if NIO
internal import NIOSSL
internal import NIOCore
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// The verification callback of the adapter's handlers and of the frameworks that take one:
/// BoringSSL hands over the peer's chain and TLSConfig's OpenSSL context judges it, so a
/// connection is accepted or refused for the same reasons as `tlsconfig connect` (trust store,
/// CRL, security level, subjectAltName-only names, `server-name` exactly, pins), and a refusal
/// is explained the same way.
struct PeerChainCallback: Sendable {
    let core: TLSAdapterCore
    /// The host connected to; `nil` on servers.
    let host: String?
    let port: Int
    let onRejection: (@Sendable (Diagnostic) -> Void)?

    /// swift-nio-ssl's plain form.
    var plain: @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void {
        { certificates, promise in
            promise.succeed(judge(certificates, keepingValidatedChain: false) == nil ? .failed : .certificateVerified)
        }
    }

    /// The form that hands the validated chain on (gRPC's `customVerificationCallback`,
    /// Vapor's `...WithMetadata`): the chain OpenSSL built, leaf to trust anchor.
    var withMetadata: @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResultWithMetadata>) -> Void {
        { certificates, promise in
            guard let verdict = judge(certificates, keepingValidatedChain: true) else {
                return promise.succeed(.failed)
            }
            let chain = verdict.validatedChain.compactMap { try? NIOSSLCertificate(bytes: $0, format: .der) }
            promise.succeed(
                .certificateVerified(VerificationMetadata(chain.isEmpty ? nil : ValidatedCertificateChain(chain))))
        }
    }

    /// The verdict when the chain is accepted; `nil` when it is refused (and reported).
    private func judge(_ certificates: [NIOSSLCertificate], keepingValidatedChain: Bool) -> PeerChainVerdict? {
        var chain: [[UInt8]] = []
        for certificate in certificates {
            guard let der = try? certificate.toDERBytes() else {
                reject(.other("swift-nio-ssl cannot encode a certificate of the peer's chain"), [])
                return nil
            }
            chain.append(der)
        }
        let verdict = core.verifier.verifyPeerChain(
            chain, host: host, summarizingAccepted: false, keepingValidatedChain: keepingValidatedChain)
        guard let failure = verdict.failure else { return verdict }
        reject(failure, verdict.peerCertificates, verifiedName: verdict.verifiedName)
        return nil
    }

    private func reject(_ failure: HandshakeFailure, _ chain: [CertificateSummary], verifiedName: String? = nil) {
        var report = HandshakeReport(host: host ?? "client", port: port)
        report.failure = failure
        report.peerCertificates = chain
        report.verifiedName = verifiedName
        report.securityLevel = core.verifier.securityLevel
        if let host { core.rejections.record(report, host: host, port: port) }
        onRejection?(diagnostic(for: failure, report: report))
    }

    /// The refusal in the words `tlsconfig connect` would use, with its next step.
    private func diagnostic(for failure: HandshakeFailure, report: HandshakeReport) -> Diagnostic {
        let resolution = core.resolution
        guard core.role == .server else {
            let setting: SettingKey =
                switch failure {
                case .pinMismatch: .pinnedPublicKeys
                case .hostnameMismatch, .serverCertificateWithoutSubjectAltName:
                    resolution.settings.serverName == nil ? .verify : .serverName
                default: .trust
                }
            return Diagnostic(
                .error, Diagnostic.Code(rawValue: failure.code), "the server's certificate is refused: \(failure)",
                setting: setting, origin: resolution.origin(of: setting),
                help: ConnectionReport(report, resolution: resolution).nextStep
            )
        }
        let reason =
            if case .serverCertificateNotTrusted(let error) = failure { error.description } else { failure.description }
        return Diagnostic(
            .error, .clientCertificateNotTrusted, "the client's certificate is refused: \(reason)",
            setting: .trust, origin: resolution.origin(of: .trust),
            help:
                "the client's chain must lead to a CA of this server's trust: the client sends its intermediate CAs with its certificate, and the root must be in ca-file or ca-dir"
        )
    }
}

/// The verifier's last refusals by host and port, so that explaining a framework's error can
/// use the verifier's own reason instead of connecting again. Bounded: old entries go first.
final class RecentRejections: Sendable {
    private let entries = Locked<[(key: String, report: HandshakeReport)]>([])
    private static let capacity = 32

    func record(_ report: HandshakeReport, host: String, port: Int) {
        let key = "\(host):\(port)"
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append((key, report))
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
    }

    /// The last refusal for `host`:`port`, removed so that it explains one error only.
    func take(host: String, port: Int) -> HandshakeReport? {
        let key = "\(host):\(port)"
        return entries.withLock { entries in
            guard let index = entries.lastIndex(where: { $0.key == key }) else { return nil }
            return entries.remove(at: index).report
        }
    }
}
#endif
