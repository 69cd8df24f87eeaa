public import TLSConfig
internal import COpenSSL

/// What went wrong when connecting, classified so a tool can say what to fix.
public enum HandshakeFailure: Sendable, Hashable, Error, CustomStringConvertible {
    /// How far the attempt got when time ran out.
    public enum Phase: String, Sendable, Hashable {
        /// Before the TCP connection was made.
        case connecting
        /// During the TLS handshake.
        case handshaking
    }

    /// The host name could not be resolved.
    ///
    /// Fix: check the host name and DNS (`getent hosts HOST`).
    case nameResolution(String)
    /// Nothing listens on the port.
    ///
    /// Fix: check the port, and that the server runs.
    case connectionRefused
    /// The timeout passed.
    ///
    /// Fix: check the network path and firewalls, or give a longer `--timeout`.
    case timedOut(Phase)
    /// Another socket error, such as "network is unreachable".
    ///
    /// Fix: check the network path to the host.
    case connectionFailed(String)
    /// The server's chain failed verification, with OpenSSL's reason.
    ///
    /// Fix: add the server's CA to `ca-file`, as `tlsconfig connect` names it.
    case serverCertificateNotTrusted(HandshakeFailure.VerificationError)
    /// The certificate does not name the host (or `server-name`).
    ///
    /// Fix: connect with a name the certificate lists, or have it reissued with yours.
    case hostnameMismatch(expected: String, certificateNames: [String])
    /// The server asked for a client certificate, none is configured, and it refused to go on.
    ///
    /// Fix: set `client-cert` (and `client-key`).
    case clientCertificateRequired
    /// The server refused the client certificate we sent.
    ///
    /// Fix: use a client certificate from a CA the server trusts.
    case clientCertificateRejected(HandshakeFailure.Alert)
    /// Client and server share no protocol version; carries OpenSSL's reason.
    ///
    /// Fix: align `min-version` and `max-version` with the server's versions.
    case noCommonProtocolVersion(String)
    /// The certificate names its host only in the common name: refused, as rustls, Go and
    /// browsers refuse it.
    ///
    /// Fix: have the certificate reissued with a subjectAltName.
    case serverCertificateWithoutSubjectAltName(subject: String)
    /// The server answered with something that is not TLS (a plain-text port).
    ///
    /// Fix: connect to the TLS port, or begin TLS as the protocol does (PostgreSQL's SSLRequest).
    case notTLS(String)
    /// The server accepted the TCP connection and closed it without a TLS answer.
    ///
    /// Fix: check the server's logs: it ended the connection before answering.
    case closedDuringHandshake
    /// The server speaks none of the ALPN protocols offered (alert 120).
    ///
    /// Fix: set `alpn` to a protocol the server speaks.
    case noCommonApplicationProtocol
    /// The server shares no cipher suite, group or signature algorithm (alert 40).
    ///
    /// Fix: allow the server's ciphers in `ciphers`, or remove `ciphers`.
    case noCommonCipher(HandshakeFailure.Alert)
    /// The server's public key matches none of `pinned-public-keys`.
    ///
    /// Fix: update `pinned-public-keys` if the key was rotated on purpose; otherwise do not
    /// connect.
    case pinMismatch(presented: PublicKeyPin)
    /// The proxy could not be used, or refused the tunnel.
    ///
    /// Fix: check the proxy variable, or bypass it with `NO_PROXY` or `--no-proxy`.
    case proxyFailed(String)
    /// The configuration has errors, so no connection was attempted.
    ///
    /// Fix: fix the configuration errors listed first.
    case configuration(errors: Int)
    /// Anything else, with OpenSSL's text.
    ///
    /// Fix: read OpenSSL's text in the message.
    case other(String)

    /// A stable identifier for scripts and JSON output.
    public var code: String {
        switch self {
        case .nameResolution: "name-resolution-failed"
        case .connectionRefused: "connection-refused"
        case .timedOut: "timed-out"
        case .connectionFailed: "connection-failed"
        case .serverCertificateNotTrusted: "server-certificate-not-trusted"
        case .hostnameMismatch: "hostname-mismatch"
        case .clientCertificateRequired: "client-certificate-required"
        case .clientCertificateRejected: "client-certificate-rejected"
        case .noCommonProtocolVersion: "no-common-protocol-version"
        case .pinMismatch: "pin-mismatch"
        case .serverCertificateWithoutSubjectAltName: "server-certificate-without-san"
        case .notTLS: "not-tls"
        case .closedDuringHandshake: "closed-during-handshake"
        case .noCommonApplicationProtocol: "no-common-alpn"
        case .noCommonCipher: "no-common-cipher"
        case .proxyFailed: "proxy-failed"
        case .configuration: "configuration-error"
        case .other: "handshake-failed"
        }
    }

    /// What went wrong, in words that say what to fix.
    public var description: String {
        switch self {
        case .nameResolution(let reason): "cannot resolve the host name: \(reason)"
        case .connectionRefused: "connection refused"
        case .timedOut(let phase): "timed out while \(phase.rawValue)"
        case .connectionFailed(let reason): "cannot connect: \(reason)"
        case .serverCertificateNotTrusted(let error): "the server's certificate is not trusted: \(error)"
        case .hostnameMismatch(let expected, let names):
            "the server's certificate is not valid for \"\(expected)\""
                + (names.isEmpty ? " (it lists no names)" : "; it names \(names.joined(separator: ", "))")
        case .clientCertificateRequired: "the server requires a client certificate and none is configured"
        case .clientCertificateRejected(let alert): "the server rejected our client certificate: \(alert)"
        case .noCommonProtocolVersion(let detail): "no TLS version both sides accept: \(detail)"
        case .pinMismatch(let presented): "the server's public key matches no pinned key; it is \(presented)"
        case .serverCertificateWithoutSubjectAltName(let subject):
            "the server's certificate (\(subject)) has no subjectAltName; a name only in the common name is not accepted"
        case .notTLS(let detail): "the server did not answer with TLS: \(detail)"
        case .closedDuringHandshake: "the server closed the connection without answering the TLS handshake"
        case .noCommonApplicationProtocol:
            "the server speaks none of the ALPN protocols offered (alert no_application_protocol)"
        case .noCommonCipher(let alert):
            "the server found no cipher suite, group or signature algorithm in common (alert \(alert))"
        case .proxyFailed(let reason): reason
        case .configuration(let errors): "the configuration has \(errors) error(s), so no connection was attempted"
        case .other(let text): text
        }
    }
}

extension HandshakeFailure {
    /// A chain refused by OpenSSL's verifier: a name mismatch is its own failure, and a leaf
    /// with no subjectAltName at all is refused for that reason rather than for its name.
    static func verification(
        _ error: HandshakeFailure.VerificationError, leaf: CertificateSummary?, expectedName: String
    ) -> HandshakeFailure {
        guard error.code == Int(X509_V_ERR_HOSTNAME_MISMATCH) || error.code == Int(X509_V_ERR_IP_ADDRESS_MISMATCH)
        else {
            return .serverCertificateNotTrusted(error)
        }
        let names = leaf?.subjectAlternativeNames ?? []
        if names.isEmpty, let leaf {
            return .serverCertificateWithoutSubjectAltName(subject: leaf.subject)
        }
        return .hostnameMismatch(expected: expectedName, certificateNames: names)
    }
}
