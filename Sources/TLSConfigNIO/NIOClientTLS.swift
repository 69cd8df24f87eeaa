#if NIO
public import NIOSSL
public import TLSConfig
public import TLSConfigOpenSSL

/// The TLS side of a swift-nio-ssl client, built from a resolution: the configuration,
/// context and handlers a NIO tool needs, with every setting either enforced or refused.
///
/// Everything is decoded once, by TLSConfig's OpenSSL layer, from the resolution's material:
/// CA files and directories, the identity in any PEM key encoding or PKCS#12, unlocked with the
/// resolution's passphrase source, and the CRL. Material problems are thrown with TLSConfig's
/// codes and origins before BoringSSL is involved. The same OpenSSL context then judges every
/// server chain the adapter's handlers receive, so pins, CRLs and the name rules of
/// `tlsconfig connect` hold for NIO too.
///
/// ```swift
/// let tls = try NIOClientTLS(resolution: SettingsResolver(configuration).resolve(host: host))
/// let handler = try tls.makeHandler(serverHostname: host)            // NIO channels
/// let configuration = try tls.configuration(for: .asyncHTTPClient)   // AsyncHTTPClient
/// ```
///
/// Build it off the event loop: the first one for a trust store reads the system bundle.
public final class NIOClientTLS: Sendable {
    /// The settings it was built from.
    public let resolution: Resolution
    /// The OpenSSL context that verifies server chains; its trust store is the one `show` and
    /// `check` describe.
    public let verifier: TLSContext
    /// The context behind `makeHandler`: identity, versions, ciphers and ALPN, and no trust roots
    /// of its own, since the handlers' callback verifies.
    public let handlerContext: NIOSSLContext
    /// Warnings and notes from building (OpenSSL's and the adapter's). Errors are thrown.
    public let diagnostics: [Diagnostic]

    private let base: TLSConfiguration
    private let builder: NIOConfigurationBuilder

    /// Builds the verifier and the handler context. `accepting` names settings the host tool
    /// enforces itself or chooses to lose; today only `.ciphersuites` applies to every consumer.
    public convenience init(resolution: Resolution, accepting: Set<NIOUnenforcedSetting> = [], trustStoreCache: TrustStoreCache = .shared) throws(TLSSettingsError) {
        try self.init(resolution: resolution, accepting: accepting, trustStoreCache: trustStoreCache, decoded: nil)
    }

    /// As the public initialiser, decoding from `decoded` when the caller's checks already did.
    package init(resolution: Resolution, accepting: Set<NIOUnenforcedSetting>, trustStoreCache: TrustStoreCache, decoded: DecodedMaterial?) throws(TLSSettingsError) {
        var verifierBuilder = TLSContextBuilder(resolution: resolution, trustStoreCache: trustStoreCache)
        verifierBuilder.decoded = decoded
        let verifier = try verifierBuilder.makeClientContext()
        let builder = NIOConfigurationBuilder(resolution: resolution, verifier: verifier, accepted: accepting)
        var (base, diagnostics) = builder.base()
        if diagnostics.hasErrors { throw TLSSettingsError(diagnostics: diagnostics.errors) }
        var handlers = base
        // The callback decides; BoringSSL only has to ask for it (pins apply even with verify = none).
        handlers.certificateVerification = resolution.settings.verification == .none && resolution.settings.pinnedPublicKeys.isEmpty ? .none : .noHostnameVerification
        self.handlerContext = try NIOContextFactory.make(handlers, resolution: resolution)
        self.resolution = resolution
        self.verifier = verifier
        self.base = base
        self.builder = builder
        diagnostics = verifier.warnings + diagnostics
        self.diagnostics = diagnostics
    }

    /// A handler for one connection to `serverHostname` (the host connected to): SNI is
    /// `server-name` when set, else the host (none for an IP address); the chain is checked
    /// against `server-name` or the host. `onRejection` receives the reason a server chain was
    /// refused, with the next step `tlsconfig connect` would give.
    public func makeHandler(serverHostname: String?, port: Int = 443, onRejection: (@Sendable (Diagnostic) -> Void)? = nil) throws -> NIOSSLClientHandler {
        let name = resolution.settings.serverName ?? serverHostname
        let sni = name.flatMap { (try? HostTarget(parsing: $0))?.kind == .name ? $0 : nil }
        return try NIOSSLClientHandler(
            context: handlerContext, serverHostname: sni,
            customVerificationCallback: verificationCallback(serverHostname: serverHostname, port: port, onRejection: onRejection)
        )
    }

    /// The verification callback `makeHandler` installs, for APIs that take one with their own
    /// context (it ignores that context's trust roots and judges with `verifier`).
    public func verificationCallback(serverHostname: String?, port: Int = 443, onRejection: (@Sendable (Diagnostic) -> Void)? = nil) -> NIOSSLCustomVerificationCallback {
        NIOPeerVerifier(resolution: resolution, verifier: verifier, host: serverHostname, port: port, onRejection: onRejection).callback()
    }

    /// A configuration for a consumer that makes its own handlers. Trust roots are the
    /// certificates of `verifier`'s store; settings the consumer cannot enforce are refused
    /// with `nio-setting-not-enforced` unless listed in `accepting` (then they are warnings in
    /// the returned findings' place: `lossDiagnostics(for:accepting:)`).
    public func configuration(for consumer: NIOTLSConsumer, accepting: Set<NIOUnenforcedSetting> = []) throws(TLSSettingsError) -> TLSConfiguration {
        guard consumer != .handlers else { return handlerContext.configuration }
        let losses = lossDiagnostics(for: consumer, accepting: accepting)
        if losses.hasErrors { throw TLSSettingsError(diagnostics: losses.errors) }
        var configuration = base
        switch resolution.settings.verification {
        case .full: configuration.certificateVerification = .fullVerification
        case .noHostname: configuration.certificateVerification = .noHostnameVerification
        case .none: configuration.certificateVerification = .none
        }
        configuration.trustRoots = NIOTrustRoots.shared.roots(of: verifier)
        return configuration
    }

    /// A context for a consumer that takes an `NIOSSLContext` (postgres-nio), as `configuration(for:accepting:)`.
    public func makeContext(for consumer: NIOTLSConsumer, accepting: Set<NIOUnenforcedSetting> = []) throws(TLSSettingsError) -> NIOSSLContext {
        try NIOContextFactory.make(configuration(for: consumer, accepting: accepting), resolution: resolution)
    }

    /// What `configuration(for:accepting:)` would report for `consumer`: an error per setting it
    /// cannot enforce and `accepting` does not list, a warning per accepted one, and a note on
    /// what the system store means there.
    public func lossDiagnostics(for consumer: NIOTLSConsumer, accepting: Set<NIOUnenforcedSetting> = []) -> [Diagnostic] {
        let builder = NIOConfigurationBuilder(resolution: resolution, verifier: verifier, accepted: self.builder.accepted.union(accepting))
        return builder.losses(for: consumer, clientAuthentication: .none) + NIOTrustRoots.systemNote(verifier, consumer: consumer)
    }
}
#endif
