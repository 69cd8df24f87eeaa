public import TLSConfig

/// What a handshake attempt found, whether it succeeded or not. Fields the attempt did not
/// reach are empty.
public struct HandshakeReport: Sendable, Hashable {
    /// How the server's certificate fared.
    public enum Verification: Sendable, Hashable {
        /// Every check the settings ask for passed.
        case passed
        /// Verification failed, with OpenSSL's reason.
        case failed(HandshakeFailure.VerificationError)
        /// `verify = none`: OpenSSL's verdict is shown but did not count.
        case notEnforced(HandshakeFailure.VerificationError?)
        /// No certificate was received.
        case notReached
    }

    /// The host connected to, as given.
    public var host: String
    /// The port.
    public var port: Int
    /// The numeric address connected to.
    public var address: String?
    /// The name sent in SNI; `nil` for IP addresses.
    public var serverName: String?
    /// The name (or address) the certificate was checked against; `nil` unless `verify = full`.
    public var verifiedName: String?
    /// Why the attempt failed; `nil` on success.
    public var failure: HandshakeFailure?
    /// The version negotiated.
    public var protocolVersion: TLSProtocolVersion?
    /// The cipher negotiated.
    public var cipher: String?
    /// The version the server answered with when it is below TLS 1.2 (such as a server that
    /// speaks only TLS 1.0); `nil` otherwise.
    public var serverVersion: TLSProtocolVersion?
    /// The negotiated ALPN protocol.
    public var applicationProtocol: String?
    /// As the server sent it, leaf first.
    public var peerCertificates: [CertificateSummary] = []
    /// What verification of the server concluded.
    public var verification: Verification = .notReached
    /// Whether the server asked for a client certificate.
    public var clientCertificateRequested = false
    /// The proxy the connection went through; `nil` when direct.
    package var proxy: ProxyRoute?
    /// The CA names the server sent with its certificate request: the issuers it accepts.
    public var acceptableIssuers: [String] = []
    /// The client chain this context presents, leaf first (subjects and issuers), to compare
    /// with `acceptableIssuers` when the server refuses it.
    public var clientChain: [CertificateSummary] = []
    /// The security level of the context used, which decides which keys and digests pass.
    public var securityLevel: Int?
    /// The client certificate sent in answer to a request.
    public var clientCertificateSent: CertificateSummary?

    /// Whether the handshake (and the client-certificate verdict) succeeded.
    public var succeeded: Bool { failure == nil }

    /// An empty report for one attempt.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// A proxy as a report shows it: its URL without credentials, and the variable that chose it.
/// The report keeps this, never the ``ConnectProxy`` (which holds the credentials).
package struct ProxyRoute: Sendable, Hashable {
    /// `http://host:port`.
    package var url: String
    /// Such as `HTTPS_PROXY`.
    package var variable: String

    /// A route.
    package init(url: String, variable: String) {
        self.url = url
        self.variable = variable
    }
}
