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
    public package(set) var host: String
    /// The port.
    public package(set) var port: Int
    /// The numeric address connected to.
    public package(set) var address: String?
    /// The name sent in SNI; `nil` for IP addresses.
    public package(set) var serverName: String?
    /// The name (or address) the certificate was checked against; `nil` unless `verify = full`.
    public package(set) var verifiedName: String?
    /// Why the attempt failed; `nil` on success.
    public package(set) var failure: HandshakeFailure?
    /// The version negotiated.
    public package(set) var protocolVersion: TLSProtocolVersion?
    /// The cipher negotiated.
    public package(set) var cipher: String?
    /// The version the server answered with when it is below TLS 1.2 (such as a server that
    /// speaks only TLS 1.0); `nil` otherwise.
    public package(set) var serverVersion: TLSProtocolVersion?
    /// The negotiated ALPN protocol.
    public package(set) var applicationProtocol: String?
    /// As the server sent it, leaf first.
    public package(set) var peerCertificates: [CertificateSummary] = []
    /// What verification of the server concluded.
    public package(set) var verification: Verification = .notReached
    /// Whether the server asked for a client certificate.
    public var clientCertificateRequested = false
    /// The proxy the connection went through; `nil` when direct.
    package var proxy: ProxyRoute?
    /// The CA names the server sent with its certificate request: the issuers it accepts.
    public package(set) var acceptableIssuers: [String] = []
    /// The client chain this context presents, leaf first (subjects and issuers), to compare
    /// with `acceptableIssuers` when the server refuses it.
    public package(set) var clientChain: [CertificateSummary] = []
    /// The security level of the context used, which decides which keys and digests pass.
    public package(set) var securityLevel: Int?
    /// The client certificate sent in answer to a request.
    public package(set) var clientCertificateSent: CertificateSummary?

    /// Whether the handshake (and the client-certificate verdict) succeeded.
    public var succeeded: Bool { failure == nil }

    /// An empty report for one attempt.
    package init(host: String, port: Int) {
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
