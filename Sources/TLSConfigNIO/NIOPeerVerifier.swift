#if NIO
internal import NIOSSL
internal import NIOCore
import TLSConfig
import TLSConfigOpenSSL

/// The verification callback of the adapter's handlers: BoringSSL hands over the peer's chain
/// and TLSConfig's OpenSSL context judges it, so a NIO connection is accepted or refused for
/// the same reasons as `tlsconfig connect`, and a refusal is explained the same way.
struct NIOPeerVerifier: Sendable {
    let resolution: Resolution
    let verifier: TLSContext
    /// The host connected to; `nil` on servers.
    let host: String?
    let port: Int
    let onRejection: (@Sendable (Diagnostic) -> Void)?

    func callback() -> NIOSSLCustomVerificationCallback {
        { certificates, promise in
            promise.succeed(judge(certificates) ? .certificateVerified : .failed)
        }
    }

    private func judge(_ certificates: [NIOSSLCertificate]) -> Bool {
        var chain: [[UInt8]] = []
        for certificate in certificates {
            guard let der = try? certificate.toDERBytes() else { return reject(.other("swift-nio-ssl cannot encode a certificate of the peer's chain"), []) }
            chain.append(der)
        }
        let verdict = verifier.verifyPeerChain(chain, host: host)
        guard let failure = verdict.failure else { return true }
        return reject(failure, verdict.peerCertificates, verifiedName: verdict.verifiedName)
    }

    private func reject(_ failure: HandshakeFailure, _ chain: [CertificateSummary], verifiedName: String? = nil) -> Bool {
        guard let onRejection else { return false }
        onRejection(diagnostic(for: failure, chain: chain, verifiedName: verifiedName))
        return false
    }

    /// The refusal in the words `tlsconfig connect` would use, with its next step.
    func diagnostic(for failure: HandshakeFailure, chain: [CertificateSummary], verifiedName: String?) -> Diagnostic {
        var report = HandshakeReport(host: host ?? "client", port: port)
        report.failure = failure
        report.peerCertificates = chain
        report.verifiedName = verifiedName
        report.securityLevel = verifier.securityLevel
        let setting: SettingKey = switch failure {
        case .pinMismatch: .pinnedPublicKeys
        case .hostnameMismatch, .serverCertificateWithoutSubjectAltName: resolution.settings.serverName == nil ? .verify : .serverName
        default: .trust
        }
        guard verifier.role == .server else {
            return Diagnostic(
                .error, DiagnosticCode(rawValue: failure.code), "the server's certificate is refused: \(failure)",
                setting: setting, origin: resolution.origin(of: setting), help: ConnectionReport(report, resolution: resolution).nextStep
            )
        }
        let reason = if case .serverCertificateNotTrusted(let error) = failure { error.description } else { failure.description }
        return Diagnostic(
            .error, .clientCertificateNotTrusted, "the client's certificate is refused: \(reason)",
            setting: .trust, origin: resolution.origin(of: .trust),
            help: "the client's chain must lead to a CA of this server's trust: the client sends its intermediate CAs with its certificate, and the root must be in ca-file or ca-dir"
        )
    }
}
#endif
