public import TLSConfig

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
    case nameResolution(String)
    /// Nothing listens on the port.
    case connectionRefused
    /// The timeout passed.
    case timedOut(Phase)
    /// Another socket error, such as "network is unreachable".
    case connectionFailed(String)
    /// The server's chain failed verification, with OpenSSL's reason.
    case serverCertificateNotTrusted(VerificationError)
    /// The certificate does not name the host (or `server-name`).
    case hostnameMismatch(expected: String, certificateNames: [String])
    /// The server asked for a client certificate, none is configured, and it refused to go on.
    case clientCertificateRequired
    /// The server refused the client certificate we sent.
    case clientCertificateRejected(TLSAlert)
    /// Client and server share no protocol version; carries OpenSSL's reason.
    case noCommonProtocolVersion(String)
    /// The server's public key matches none of `pinned-public-keys`.
    case pinMismatch(presented: PublicKeyPin)
    /// The configuration has errors, so no connection was attempted.
    case configuration(errors: Int)
    /// Anything else, with OpenSSL's text.
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
        case .configuration: "configuration-error"
        case .other: "handshake-failed"
        }
    }

    public var description: String {
        switch self {
        case .nameResolution(let reason): "cannot resolve the host name: \(reason)"
        case .connectionRefused: "connection refused"
        case .timedOut(let phase): "timed out while \(phase.rawValue)"
        case .connectionFailed(let reason): "cannot connect: \(reason)"
        case .serverCertificateNotTrusted(let error): "the server's certificate is not trusted: \(error)"
        case .hostnameMismatch(let expected, let names):
            "the server's certificate is not valid for \"\(expected)\"" + (names.isEmpty ? " (it lists no names)" : "; it names \(names.joined(separator: ", "))")
        case .clientCertificateRequired: "the server requires a client certificate and none is configured"
        case .clientCertificateRejected(let alert): "the server rejected our client certificate: \(alert)"
        case .noCommonProtocolVersion(let detail): "no TLS version both sides accept: \(detail)"
        case .pinMismatch(let presented): "the server's public key matches no pinned key; it is \(presented)"
        case .configuration(let errors): "the configuration has \(errors) error(s), so no connection was attempted"
        case .other(let text): text
        }
    }
}
