/// Everything a TLS client needs to know for one connection, fully resolved and validated.
/// Paths are absolute; secrets are never held, only where to find them.
public struct TLSSettings: Sendable, Hashable {
    public var trust: TrustSettings
    public var identity: ClientIdentity?
    public var verification: PeerVerification
    public var versions: TLSVersionRange
    /// TLS 1.2 cipher list in OpenSSL syntax; `nil` keeps the library default.
    public var ciphers: String?
    /// TLS 1.3 suites, `:`-separated; `nil` keeps the library default.
    public var cipherSuites: String?
    /// Name for SNI and certificate matching; `nil` means the host connected to.
    public var serverName: String?
    public var alpn: [String]
    public var pinnedPublicKeys: [PublicKeyPin]
    /// PEM CRL file; enables CRL checks of the leaf certificate.
    public var crlFile: String?

    public init(
        trust: TrustSettings = .system,
        identity: ClientIdentity? = nil,
        verification: PeerVerification = .full,
        versions: TLSVersionRange = .default,
        ciphers: String? = nil,
        cipherSuites: String? = nil,
        serverName: String? = nil,
        alpn: [String] = [],
        pinnedPublicKeys: [PublicKeyPin] = [],
        crlFile: String? = nil
    ) {
        self.trust = trust
        self.identity = identity
        self.verification = verification
        self.versions = versions
        self.ciphers = ciphers
        self.cipherSuites = cipherSuites
        self.serverName = serverName
        self.alpn = alpn
        self.pinnedPublicKeys = pinnedPublicKeys
        self.crlFile = crlFile
    }
}
