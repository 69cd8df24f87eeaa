public import TLSConfig

/// What a handshake attempt found, whether it succeeded or not. Fields the attempt did not
/// reach are empty.
public struct HandshakeReport: Sendable, Hashable {
    /// How the server's certificate fared.
    public enum Verification: Sendable, Hashable {
        /// Every check the settings ask for passed.
        case passed
        case failed(VerificationError)
        /// `verify = none`: OpenSSL's verdict is shown but did not count.
        case notEnforced(VerificationError?)
        /// No certificate was received.
        case notReached
    }

    public var host: String
    public var port: Int
    /// The numeric address connected to.
    public var address: String?
    /// The name sent in SNI; `nil` for IP addresses.
    public var serverName: String?
    /// The name (or address) the certificate was checked against; `nil` unless `verify = full`.
    public var verifiedName: String?
    public var failure: HandshakeFailure?
    public var protocolVersion: TLSProtocolVersion?
    public var cipher: String?
    /// The negotiated ALPN protocol.
    public var applicationProtocol: String?
    /// As the server sent it, leaf first.
    public var peerCertificates: [CertificateSummary] = []
    public var verification: Verification = .notReached
    public var clientCertificateRequested = false
    /// The client certificate sent in answer to a request.
    public var clientCertificateSent: CertificateSummary?

    public var succeeded: Bool { failure == nil }

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}
