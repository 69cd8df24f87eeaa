internal import COpenSSL
internal import CTLSShims
public import TLSConfig

/// A ready OpenSSL `SSL_CTX`, built from `TLSSettings` by `TLSContextBuilder`. It is
/// immutable once built, so one context can serve any number of connections on any
/// thread; the `SSL_CTX` is freed with the last reference. Everything it reports was read
/// back from OpenSSL, not copied from the settings.
public final class TLSContext: Sendable {
    /// Which side of the handshake the context is for.
    public enum Role: String, Sendable, Hashable {
        /// Connects out and verifies the server.
        case client
        /// Accepts connections and, when asked, verifies clients.
        case server
    }

    /// Client or server.
    public let role: Role
    /// The settings it was built from.
    public let settings: TLSSettings
    /// Server contexts only.
    public let clientAuthentication: ClientAuthentication
    /// The protocol versions in force, read back from OpenSSL.
    public let protocolVersions: TLSVersionRange
    /// TLS 1.2 (and older) ciphers in force, in preference order.
    public let cipherList: [String]
    /// TLS 1.3 cipher suites in force, in preference order.
    public let cipherSuites: [String]
    /// IANA numbers of `cipherList`, in the same order, for engines that take ciphers by number.
    package let cipherNumbers: [UInt16]
    /// OpenSSL's security level (0-5); level 2 and up refuse keys under 2048 bits RSA.
    public let securityLevel: Int
    /// What the shared trust store holds, and whether it came from the cache.
    package let trustStore: TrustStoreSummary
    /// The certificate chain this context presents, leaf first; empty without an identity.
    public let certificateChain: [CertificateSummary]
    /// Findings that did not stop the build, such as unknown TLS 1.3 suite names.
    public let warnings: [Diagnostic]

    /// Owned: freed in `deinit`. Never changed after the initialiser returns.
    nonisolated(unsafe) let pointer: OpaquePointer
    let policy: ContextPolicy

    init(
        taking pointer: OpaquePointer, role: Role, settings: TLSSettings, clientAuthentication: ClientAuthentication,
        policy: ContextPolicy, trustStore: TrustStoreSummary, certificateChain: [CertificateSummary],
        warnings: [Diagnostic]
    ) {
        self.pointer = pointer
        self.role = role
        self.settings = settings
        self.clientAuthentication = clientAuthentication
        self.policy = policy
        self.trustStore = trustStore
        self.certificateChain = certificateChain
        self.warnings = warnings
        let bounds = ProtocolVersionBounds(readingFrom: pointer)
        // The builder always sets the minimum; the settings' own is the fallback should OpenSSL not say.
        self.protocolVersions =
            (try? TLSVersionRange(minimum: bounds.minimum ?? settings.versions.minimum, maximum: bounds.maximum))
            ?? settings.versions
        var list: [String] = []
        var numbers: [UInt16] = []
        var suites: [String] = []
        if let ciphers = SSL_CTX_get_ciphers(pointer) {
            for index in 0..<ctls_sk_SSL_CIPHER_num(ciphers) {
                guard let cipher = ctls_sk_SSL_CIPHER_value(ciphers, index), let name = SSL_CIPHER_get_name(cipher)
                else { continue }
                let version = SSL_CIPHER_get_version(cipher).map { String(cString: $0) }
                if version == "TLSv1.3" {
                    suites.append(String(cString: name))
                } else {
                    list.append(String(cString: name))
                    numbers.append(SSL_CIPHER_get_protocol_id(cipher))
                }
            }
        }
        self.cipherList = list
        self.cipherNumbers = numbers
        self.cipherSuites = suites
        self.securityLevel = Int(SSL_CTX_get_security_level(pointer))
    }

    deinit {
        SSL_CTX_free(pointer)
    }

    /// The name checked against the server's certificate: `server-name`, else the host.
    public func verifiedName(forHost host: String) -> String {
        settings.verifiedName(forHost: host)
    }

    /// A new connection (`SSL`) for `host`, with SNI and the hostname or IP check set up as
    /// the settings ask. The caller owns it and frees it with `SSL_free`.
    func makeConnection(host: String) -> Result<OpaquePointer, OpenSSLFailure> {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(pointer) else {
            return .failure(OpenSSLFailure(OpenSSLErrorQueue.drainedText(fallback: "cannot create a connection")))
        }
        guard role == .client else { return .success(ssl) }
        let name = verifiedName(forHost: host)
        let target = try? HostTarget(parsing: name)
        var ok = true
        if let indicated = settings.serverNameIndication(forHost: host) {
            ok = ctls_SSL_set_tlsext_host_name(ssl, indicated) == 1
        }
        if ok, settings.verification == .full, let parameters = SSL_get0_param(ssl) {
            ok = Self.expect(name: name, target: target, in: parameters)
        }
        guard ok else {
            SSL_free(ssl)
            return .failure(
                OpenSSLFailure(
                    "cannot use \(quoted(name)) as server name: \(OpenSSLErrorQueue.drainedText(fallback: "invalid name"))"
                ))
        }
        return .success(ssl)
    }

    /// Sets the name (or address) a peer's leaf must carry; one rule for handshakes and for
    /// chains handed over by other engines.
    static func expect(name: String, target: HostTarget?, in parameters: OpaquePointer) -> Bool {
        if let target, target.kind != .name {
            return X509_VERIFY_PARAM_set1_ip_asc(parameters, target.host) == 1
        }
        return X509_VERIFY_PARAM_set1_host(parameters, name, 0) == 1
    }

    /// For code that drives OpenSSL itself: the `SSL_CTX`, valid during `body`. Connections
    /// made from it get the pins and verification policy, but not SNI or the hostname check;
    /// `makeUnsafeConnection` sets those up.
    @_spi(UnsafeOpenSSL)
    public func withUnsafeContextPointer<Result>(_ body: (OpaquePointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(pointer) }
    }

    /// For code that drives OpenSSL itself: a new `SSL` for `host` with SNI and the hostname
    /// check set, or `nil`. The caller frees it with `SSL_free`.
    @_spi(UnsafeOpenSSL)
    public func makeUnsafeConnection(host: String) -> OpaquePointer? {
        try? makeConnection(host: host).get()
    }
}

extension TLSContext: BuildWarnings {
    /// The build's warnings, for reload events.
    package var buildWarnings: [Diagnostic] { warnings }
}
