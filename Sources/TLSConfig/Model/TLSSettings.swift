/// Everything a TLS client or server needs to know for one connection, fully resolved and
/// validated. Paths are absolute; secrets are never held, only where to find them.
public struct TLSSettings: Sendable, Hashable {
    /// Client (the default) or server: which end the settings are for.
    public package(set) var role: TLSRole = .client
    /// For a server: whether it asks for client certificates (`client-auth`).
    public package(set) var clientAuthentication: ClientAuthentication = .none
    /// Which CAs verify the peer; decided once by the resolution.
    public package(set) var trust: TrustSettings
    /// The certificate and key presented, if any: `client-cert` for a client, `cert` for a server.
    public package(set) var identity: ClientIdentity?
    /// How much of the peer certificate is checked.
    public package(set) var verification: PeerVerification
    /// The protocol versions allowed.
    public package(set) var versions: TLSVersionRange
    /// TLS 1.2 cipher list in OpenSSL syntax; `nil` keeps the library default.
    public package(set) var ciphers: String?
    /// TLS 1.3 suites, `:`-separated; `nil` keeps the library default.
    public package(set) var cipherSuites: String?
    /// Name for SNI and certificate matching; `nil` means the host connected to.
    public package(set) var serverName: String?
    /// ALPN protocols offered, in preference order.
    public package(set) var alpn: [String]
    /// SPKI pins; when set, the peer's chain must hold one of these keys.
    public package(set) var pinnedPublicKeys: [PublicKeyPin]
    /// PEM CRL file; enables CRL checks of the leaf certificate.
    public package(set) var crlFile: String?

    /// Settings with every default as the resolver would fill it.
    @_spi(Plumbing) public init(
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

extension TLSSettings {
    /// The name a client checks the server's certificate against: `server-name`, else the host.
    package func verifiedName(forHost host: String) -> String {
        serverName ?? host
    }

    /// The name a client sends as SNI: the verified name, or none when it is an IP address
    /// (RFC 6066 allows only host names). Every client path (OpenSSL, NIO, reports) asks here.
    /// With no host (a handler made before the host is known), `server-name` alone.
    package func serverNameIndication(forHost host: String?) -> String? {
        guard let name = serverName ?? host else { return nil }
        return HostTarget.isAddress(name) ? nil : name
    }
}

extension HostTarget {
    /// Whether `name` is an IP address (v4, or v6 with or without brackets), which a
    /// certificate must list as `IP:`, and which is never sent as SNI.
    package static func isAddress(_ name: String) -> Bool {
        (try? HostTarget(parsing: name)).map { $0.kind != .name } ?? false
    }
}
