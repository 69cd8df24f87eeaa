internal import COpenSSL
internal import CTLSShims
public import TLSConfig
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns a resolution into a `TLSContext`. Versions, ciphers and verification are set
/// explicitly after `SSL_CTX_new`; certificates, keys and CRLs are decoded from the
/// resolution's material (no file is opened again); a passphrase callback is always installed;
/// trust stores come from a shared cache keyed by the identity of the files they were built
/// from. A resolution with errors builds nothing: its errors are thrown as they are. Every
/// other problem is reported at once, each citing where its setting came from.
///
/// ```swift
/// let resolution = SettingsResolver(configuration).resolve(host: "api.example.com", defaultPort: 443)
/// let context = try TLSContextBuilder(resolution: resolution).makeClientContext()
/// ```
public struct TLSContextBuilder: Sendable {
    /// The settings, material and origins everything is built from.
    public let resolution: Resolution
    /// Where trust stores are shared; `.shared` unless a test or benchmark wants its own.
    @_spi(Plumbing) public let trustStoreCache: TrustStoreCache

    /// Where the system store is, and whether it may be looked up lazily; tests set their own.
    package var systemTrust = SystemTrustLocations.openSSLDefaults
    /// Material the task decodes more than once (`check` decodes CA files for the deep checks
    /// first; `connect` checks its identity after building).
    package var decoded: DecodedMaterial?

    /// Cited by every diagnostic; derived from the resolution once, not per lookup.
    private let origins: SettingOrigins

    /// A builder for `resolution`; trust stores are shared with every other context of the process.
    public init(resolution: Resolution) {
        self.init(resolution: resolution, trustStoreCache: .shared)
    }

    /// A builder whose trust stores are shared through `trustStoreCache` only.
    @_spi(Plumbing) public init(resolution: Resolution, trustStoreCache: TrustStoreCache) {
        self.resolution = resolution
        self.trustStoreCache = trustStoreCache
        self.origins = resolution.origins
    }

    private var settings: TLSSettings { resolution.settings }

    /// A client context: trust and verification of the server, an optional client identity,
    /// ALPN and pins. The settings must be resolved for a client (the default role).
    public func makeClientContext() throws(TLSSettingsError) -> TLSContext {
        try requireRole(.client)
        return try build(role: .client, clientAuthentication: .none)
    }

    /// A server context from settings resolved for a server (`ResolverConfiguration/role`):
    /// `cert` and `key` are its identity, checked at every build (validity, serverAuth,
    /// subjectAltName, chain order, the key); with `client-auth`, client certificates are
    /// verified against the configured CAs, whose subjects the CertificateRequest names.
    /// `clientAuthentication` given in code wins over the setting, and a note says so.
    public func makeServerContext(
        clientAuthentication: ClientAuthentication? = nil
    ) throws(TLSSettingsError) -> TLSContext {
        try requireRole(.server)
        var notes: [Diagnostic] = []
        if let clientAuthentication, clientAuthentication != settings.clientAuthentication {
            notes.append(
                Diagnostic(
                    .note, .clientAuthOverriddenInCode,
                    "client authentication is \(clientAuthentication), as the code building the server says, not \(settings.clientAuthentication)",
                    setting: .clientAuth, origin: origins[.clientAuth],
                    help: "to let operators choose, drop the parameter and set client-auth instead"
                ))
        }
        return try build(
            role: .server, clientAuthentication: clientAuthentication ?? settings.clientAuthentication, notes: notes)
    }

    /// A client context from material that passed the deep checks: an expired or not yet
    /// valid certificate, an expired CRL or a key that does not match is refused, not built.
    /// The checks and the build decode each file once. What a service or a reloader should call.
    public func makeCheckedClientContext() throws(TLSSettingsError) -> TLSContext {
        var builder = self
        builder.decoded = try DecodedMaterial.checked(resolution)
        return try builder.makeClientContext()
    }

    /// A server context from material that passed the deep checks, as ``makeCheckedClientContext()``.
    public func makeCheckedServerContext(
        clientAuthentication: ClientAuthentication? = nil
    ) throws(TLSSettingsError) -> TLSContext {
        var builder = self
        builder.decoded = try DecodedMaterial.checked(resolution)
        return try builder.makeServerContext(clientAuthentication: clientAuthentication)
    }

    private func requireRole(_ role: TLSRole) throws(TLSSettingsError) {
        guard settings.role != role else { return }
        throw TLSSettingsError(diagnostics: [
            Diagnostic(
                .error, .roleMismatch, "a \(role) context was asked of settings resolved for a \(settings.role)",
                notes: [
                    "the role decides which keys and variables apply: a server's identity is cert and key, a client's client-cert and client-key"
                ],
                help: "resolve with ResolverConfiguration.role = .\(role)"
            )
        ])
    }

    /// The protocol versions and security level a context for these settings would have,
    /// without loading trust or identity: cheap enough for `tlsconfig show` to report on every
    /// run (loading the system bundle costs about 20 ms).
    package func protocolPreview() -> (versions: ProtocolVersionBounds, securityLevel: Int)? {
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(TLS_client_method()) else { return nil }
        defer {
            SSL_CTX_free(context)
            OpenSSLErrorQueue.clear()
        }
        var ignored: [Diagnostic] = []
        setVersions(context, &ignored)
        setCiphers(context, &ignored)
        return (ProtocolVersionBounds(readingFrom: context), Int(SSL_CTX_get_security_level(context)))
    }

    // MARK: - Steps

    private func build(
        role: TLSContext.Role, clientAuthentication: ClientAuthentication, notes: [Diagnostic] = []
    ) throws(TLSSettingsError) -> TLSContext {
        if resolution.hasErrors { throw TLSSettingsError(diagnostics: resolution.diagnostics.errors) }
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(role == .client ? TLS_client_method() : TLS_server_method()) else {
            throw TLSSettingsError(diagnostics: [
                Diagnostic(
                    .error, .openSSLFailure,
                    "cannot create an OpenSSL context: \(OpenSSLErrorQueue.drainedText(fallback: "unknown error"))"
                )
            ])
        }
        var diagnostics: [Diagnostic] = notes
        SSL_CTX_set_default_passwd_cb(context, refusePassphrase)
        setVersions(context, &diagnostics)
        setCiphers(context, &diagnostics)
        let alpnWire = encodeALPN(&diagnostics)
        let policy = ContextPolicy(
            enforcesChain: role == .server || settings.verification != .none,
            pins: role == .client ? settings.pinnedPublicKeys : [],
            alpnWire: alpnWire
        )
        if !policy.attach(to: context) {
            diagnostics.append(
                Diagnostic(
                    .error, .openSSLFailure,
                    "cannot attach verification policy: \(OpenSSLErrorQueue.drainedText(fallback: "unknown error"))"))
        }
        let trust = setTrust(context, role: role, clientAuthentication: clientAuthentication, &diagnostics)
        setVerification(
            context, role: role, clientAuthentication: clientAuthentication, policy: policy, alpnWire: alpnWire,
            &diagnostics)
        let chain = setIdentity(context, role: role, &diagnostics)
        OpenSSLErrorQueue.clear()
        if role == .server, clientAuthentication != .none, settings.trust.mode == .system,
            settings.trust.caFiles.isEmpty, settings.trust.caDirectories.isEmpty,
            !resolution.diagnostics.contains(where: { $0.code == .clientAuthTrustsPublicCAs })
        {
            // Settings built in code, or an override: the resolver's rule holds here too.
            diagnostics.append(
                Diagnostic(
                    .error, .clientAuthWithoutCAs,
                    "client authentication is \(clientAuthentication) but no CA for client certificates is configured",
                    setting: .clientAuth, origin: origins[.clientAuth],
                    notes: [
                        "a server does not trust the system store for client certificates unless trust = \"system\" is written"
                    ],
                    help: "set ca-file (or ca-dir) to the CA that issues your clients' certificates"
                ))
        }

        guard !diagnostics.hasErrors, let trust else {
            SSL_CTX_free(context)
            throw TLSSettingsError(
                diagnostics: diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
            )
        }
        return TLSContext(
            taking: context, role: role, settings: settings,
            clientAuthentication: role == .server ? clientAuthentication : .none,
            policy: policy, trustStore: trust, certificateChain: chain, warnings: diagnostics
        )
    }

    private func setVersions(_ context: OpaquePointer, _ diagnostics: inout [Diagnostic]) {
        let range = settings.versions
        if ctls_SSL_CTX_set_min_proto_version(context, range.minimum.wireValue) != 1 {
            diagnostics.append(
                Diagnostic(
                    .error, .unsupportedProtocolVersion,
                    "OpenSSL refuses \(range.minimum) as minimum version: \(OpenSSLErrorQueue.drainedText(fallback: "unsupported"))",
                    setting: .minVersion, origin: origins[.minVersion]
                ))
        }
        if ctls_SSL_CTX_set_max_proto_version(context, range.maximum?.wireValue ?? 0) != 1 {
            diagnostics.append(
                Diagnostic(
                    .error, .unsupportedProtocolVersion,
                    "OpenSSL refuses \(range.maximum?.description ?? "newest") as maximum version: \(OpenSSLErrorQueue.drainedText(fallback: "unsupported"))",
                    setting: .maxVersion, origin: origins[.maxVersion]
                ))
        }
        // OpenSSL 3 only negotiates TLS 1.0 and 1.1 at security level 0 (their handshakes need SHA-1).
        let level = SSL_CTX_get_security_level(context)
        if range.minimum < .tls1_2, level > 0 {
            diagnostics.append(
                Diagnostic(
                    .warning, .versionDisabledBySecurityLevel,
                    "min-version \(range.minimum.rawValue) has no effect: OpenSSL's security level \(level) refuses TLS versions below 1.2",
                    setting: .minVersion, origin: origins[.minVersion],
                    help:
                        "use min-version = \"1.2\"; old servers need \"@SECLEVEL=0\" in ciphers, which weakens every connection"
                ))
        }
    }

    private func setCiphers(_ context: OpaquePointer, _ diagnostics: inout [Diagnostic]) {
        if let ciphers = settings.ciphers {
            OpenSSLErrorQueue.clear()
            if SSL_CTX_set_cipher_list(context, ciphers) != 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidCipherList,
                        "no usable TLS 1.2 cipher in \(quoted(ciphers)): \(OpenSSLErrorQueue.drainedText(fallback: "no cipher match"))",
                        setting: .ciphers, origin: origins[.ciphers],
                        help:
                            "use OpenSSL cipher-list syntax, such as \"ECDHE+AESGCM:ECDHE+CHACHA20\" (see `openssl ciphers -v`)"
                    ))
            }
        }
        if let suites = settings.cipherSuites {
            OpenSSLErrorQueue.clear()
            let requested = suites.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            if SSL_CTX_set_ciphersuites(context, suites) != 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidCipherSuites,
                        "invalid TLS 1.3 cipher suites \(quoted(suites)): \(OpenSSLErrorQueue.drainedText(fallback: "rejected"))",
                        setting: .ciphersuites, origin: origins[.ciphersuites]
                    ))
                return
            }
            // OpenSSL skips names it does not know; say which, and refuse a list that leaves none.
            var known = Set<String>()
            if let ciphers = SSL_CTX_get_ciphers(context) {
                for index in 0..<ctls_sk_SSL_CIPHER_num(ciphers) {
                    if let cipher = ctls_sk_SSL_CIPHER_value(ciphers, index), let name = SSL_CIPHER_get_name(cipher) {
                        known.insert(String(cString: name))
                    }
                }
            }
            let unknown = requested.filter { !known.contains($0) }
            let help =
                "TLS 1.3 suites are TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_CCM_SHA256, TLS_AES_128_CCM_8_SHA256"
            if !requested.isEmpty, unknown.count == requested.count {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidCipherSuites,
                        "none of the TLS 1.3 cipher suites \(quoted(suites)) is known, so TLS 1.3 could not be used",
                        setting: .ciphersuites, origin: origins[.ciphersuites], help: help
                    ))
            } else if !unknown.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning, .unknownCipherSuite,
                        "unknown TLS 1.3 cipher suite(s) ignored: \(unknown.joined(separator: ", "))",
                        setting: .ciphersuites, origin: origins[.ciphersuites], help: help
                    ))
            }
        }
        OpenSSLErrorQueue.clear()
    }

    /// Settings made in code (not by the resolver) may hold a name the resolver would refuse.
    private func encodeALPN(_ diagnostics: inout [Diagnostic]) -> [UInt8] {
        for name in settings.alpn where !ALPNWire.isValidName(name) {
            diagnostics.append(
                Diagnostic(
                    .error, .invalidALPN, "ALPN protocol \(quoted(name)) must be 1 to 255 bytes of printable ASCII",
                    setting: .alpn, origin: origins[.alpn],
                    help: "use registered names such as \"h2\" and \"http/1.1\""
                ))
        }
        return ALPNWire.encode(settings.alpn)
    }

    private func setTrust(
        _ context: OpaquePointer, role: TLSContext.Role, clientAuthentication: ClientAuthentication,
        _ diagnostics: inout [Diagnostic]
    ) -> TrustStoreSummary? {
        let loader = TrustStoreLoader(
            material: resolution.material, maximumFileSize: ResolverConfiguration.defaultMaximumFileSize,
            decoded: decoded)
        var sources = TrustSources(settings, resolution.material, system: systemTrust)
        sources.listsAuthorities = role == .server && clientAuthentication != .none
        switch trustStoreCache.store(for: sources, loader: loader) {
        case .failure(let problems):
            diagnostics += problems.diagnostics
            return nil
        case .success(let found):
            let store = found.store
            SSL_CTX_set1_cert_store(context, store.pointer)
            let checksRevocation = settings.crlFile != nil
            if let parameters = SSL_CTX_get0_param(context) {
                // Any certificate in the trust store is an anchor, as for curl, rustls and Python 3.13.
                var flags = UInt(X509_V_FLAG_PARTIAL_CHAIN)
                if checksRevocation { flags |= UInt(X509_V_FLAG_CRL_CHECK) }
                _ = X509_VERIFY_PARAM_set_flags(parameters, flags)
                // Names come from subjectAltName only, as in rustls, Go and browsers: a
                // certificate naming its host only in the common name is refused.
                X509_VERIFY_PARAM_set_hostflags(
                    parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT))
            }
            if role == .server, clientAuthentication != .none {
                for authority in store.configuredAuthorities {
                    _ = SSL_CTX_add_client_CA(context, authority.pointer)
                }
                OpenSSLErrorQueue.clear()
            }
            return store.summary(reusedFromCache: found.reused, checksRevocation: checksRevocation)
        }
    }

    private func setVerification(
        _ context: OpaquePointer, role: TLSContext.Role, clientAuthentication: ClientAuthentication,
        policy: ContextPolicy, alpnWire: [UInt8], _ diagnostics: inout [Diagnostic]
    ) {
        switch role {
        case .client:
            let mode = settings.verification != .none || !policy.pins.isEmpty ? SSL_VERIFY_PEER : SSL_VERIFY_NONE
            SSL_CTX_set_verify(context, mode, verifyPeerCertificate)
            if !alpnWire.isEmpty, SSL_CTX_set_alpn_protos(context, alpnWire, UInt32(alpnWire.count)) != 0 {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidALPN,
                        "OpenSSL refuses the ALPN list: \(OpenSSLErrorQueue.drainedText(fallback: "invalid"))",
                        setting: .alpn, origin: origins[.alpn]
                    ))
            }
        case .server:
            let mode: Int32 =
                switch clientAuthentication {
                case .none: SSL_VERIFY_NONE
                case .optional: SSL_VERIFY_PEER
                case .required: SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT
                }
            SSL_CTX_set_verify(context, mode, verifyPeerCertificate)
            let sessionContext = Array("tlsconfig".utf8)
            _ = SSL_CTX_set_session_id_context(context, sessionContext, UInt32(sessionContext.count))
            if !alpnWire.isEmpty {
                SSL_CTX_set_alpn_select_cb(
                    context, selectApplicationProtocol, Unmanaged.passUnretained(policy).toOpaque())
            }
        }
    }

    private func setIdentity(
        _ context: OpaquePointer, role: TLSContext.Role, _ diagnostics: inout [Diagnostic]
    ) -> [CertificateSummary] {
        let keys = settings.role.identityKeys
        guard let identity = settings.identity else {
            if role == .server {
                diagnostics.append(
                    Diagnostic(
                        .error, .serverIdentityMissing, "a server context needs a certificate and key",
                        setting: keys.certificate, origin: origins[keys.certificate],
                        help: "set cert (and key) to the server's certificate and key"
                    ))
            }
            return []
        }
        let loaded = decoded.identity(
            IdentityLoader(
                material: resolution.material, origins: origins, environmentPrefix: resolution.environmentPrefix,
                keys: keys))
        diagnostics += loaded.diagnostics
        // Every build, first or reloaded, client or server, judges the identity it would present,
        // so a build, `check` and the reloaders never disagree about it.
        if let file = resolution.material.certificate {
            diagnostics += MaterialChecks.identityFindings(
                loaded, file: file, keys: keys, now: Date(), expiryWarning: MaterialChecks.defaultExpiryWarning)
        }
        guard loaded.isUsable, let leaf = loaded.leaf, let key = loaded.key else { return [] }
        OpenSSLErrorQueue.clear()
        var ok = SSL_CTX_use_certificate(context, leaf.pointer) == 1
        for intermediate in loaded.intermediates where ok {
            ok = ctls_SSL_CTX_add1_chain_cert(context, intermediate.pointer) == 1
        }
        ok = ok && SSL_CTX_use_PrivateKey(context, key.pointer) == 1 && SSL_CTX_check_private_key(context) == 1
        guard ok else {
            let setting: SettingKey = identity.keyFile == nil ? keys.certificate : keys.key
            diagnostics.append(
                Diagnostic(
                    .error, .openSSLFailure,
                    "OpenSSL refuses the \(role.rawValue) certificate or key: \(OpenSSLErrorQueue.drainedText(fallback: "unknown error"))",
                    setting: setting, origin: origins[setting] ?? origins[keys.certificate],
                    notes: [
                        "security level \(SSL_CTX_get_security_level(context)) refuses weak keys and signatures (RSA under 2048 bits, SHA-1)"
                    ]
                ))
            return []
        }
        return loaded.certificates.map(\.summary)
    }
}
