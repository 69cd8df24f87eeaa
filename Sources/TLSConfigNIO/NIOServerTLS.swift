#if NIO
public import NIOSSL
public import TLSConfig
public import TLSConfigOpenSSL

/// The TLS side of a swift-nio-ssl server, built from a resolution for a server
/// (`ResolverConfiguration/role`): `cert` and `key` are its identity, checked as
/// every server build checks them, and `client-auth` says whether client certificates are
/// asked for and verified against the configured CAs (and CRL, through the handlers).
///
/// ```swift
/// var configuration = ResolverConfiguration(appName: "myserver")
/// configuration.role = .server
/// let tls = try NIOServerTLS(resolution: SettingsResolver(configuration).resolve())
/// channel.pipeline.addHandler(tls.makeHandler())                    // NIO servers
/// let configuration = try tls.configuration(for: .configuration)     // Hummingbird, Vapor
/// ```
public final class NIOServerTLS: Sendable {
    /// The settings it was built from.
    public let resolution: Resolution
    /// Whether and how client certificates are asked for: `client-auth`, unless code chose.
    public let clientAuthentication: ClientAuthentication
    /// The OpenSSL server context that verifies client chains.
    public let verifier: TLSContext
    /// The context behind `makeHandler`.
    public let handlerContext: NIOSSLContext
    /// Warnings and notes from building. Errors are thrown.
    public let diagnostics: [Diagnostic]

    private let base: TLSConfiguration
    private let builder: NIOConfigurationBuilder

    /// Builds the verifier and the handler context; a resolution without an identity is the
    /// `server-identity-missing` error.
    public convenience init(
        resolution: Resolution, clientAuthentication: ClientAuthentication? = nil,
        accepting: Set<NIOUnenforcedSetting> = [], trustStoreCache: TrustStoreCache = .shared
    ) throws(TLSSettingsError) {
        try self.init(resolution: resolution, clientAuthentication: clientAuthentication, accepting: accepting, trustStoreCache: trustStoreCache, decoded: nil)
    }

    /// As the public initialiser, decoding from `decoded` when the caller's checks already did.
    package init(
        resolution: Resolution, clientAuthentication chosen: ClientAuthentication?,
        accepting: Set<NIOUnenforcedSetting>, trustStoreCache: TrustStoreCache, decoded: DecodedMaterial?
    ) throws(TLSSettingsError) {
        let clientAuthentication = chosen ?? resolution.settings.clientAuthentication
        var verifierBuilder = TLSContextBuilder(resolution: resolution, trustStoreCache: trustStoreCache)
        verifierBuilder.decoded = decoded
        let verifier = try verifierBuilder.makeServerContext(clientAuthentication: chosen)
        let builder = NIOConfigurationBuilder(resolution: resolution, verifier: verifier, accepted: accepting)
        var (base, diagnostics) = builder.base()
        if diagnostics.hasErrors { throw TLSSettingsError(diagnostics: diagnostics.errors) }
        base.certificateVerification = switch clientAuthentication {
        case .none: .none
        case .optional: .optionalVerification
        case .required: .noHostnameVerification
        }
        // The CertificateRequest names the configured CAs, as the OpenSSL server does; with the
        // system store in the trust (written explicitly), listing 140 roots would only bloat
        // every handshake.
        if clientAuthentication != .none, resolution.settings.trust.mode == .custom {
            base.trustRoots = .certificates(NIOTrustRoots.shared.certificates(of: verifier))
            base.sendCANameList = true
        }
        self.handlerContext = try NIOContextFactory.make(base, resolution: resolution)
        self.resolution = resolution
        self.clientAuthentication = clientAuthentication
        self.verifier = verifier
        self.base = base
        self.builder = builder
        diagnostics = verifier.warnings + diagnostics
        self.diagnostics = diagnostics
    }

    /// A handler for one accepted connection; client chains are judged by `verifier`.
    /// `onRejection` receives the reason a client chain was refused.
    public func makeHandler(onRejection: (@Sendable (Diagnostic) -> Void)? = nil) -> NIOSSLServerHandler {
        NIOSSLServerHandler(context: handlerContext, customVerificationCallback: verificationCallback(onRejection: onRejection))
    }

    /// The verification callback `makeHandler` installs.
    public func verificationCallback(onRejection: (@Sendable (Diagnostic) -> Void)? = nil) -> NIOSSLCustomVerificationCallback {
        NIOPeerVerifier(resolution: resolution, verifier: verifier, host: nil, port: 0, onRejection: onRejection).callback()
    }

    /// A configuration for a server library that makes its own handlers (Hummingbird, Vapor):
    /// client certificates are verified by BoringSSL against the certificates of `verifier`'s
    /// store; a CRL it cannot check is refused unless accepted.
    public func configuration(for consumer: NIOTLSConsumer, accepting: Set<NIOUnenforcedSetting> = []) throws(TLSSettingsError) -> TLSConfiguration {
        guard consumer != .handlers else { return handlerContext.configuration }
        let losses = lossDiagnostics(for: consumer, accepting: accepting)
        if losses.hasErrors { throw TLSSettingsError(diagnostics: losses.errors) }
        var configuration = base
        if clientAuthentication != .none {
            configuration.trustRoots = NIOTrustRoots.shared.roots(of: verifier)
        }
        return configuration
    }

    /// A context for a library that takes an `NIOSSLContext`, as `configuration(for:accepting:)`.
    public func makeContext(for consumer: NIOTLSConsumer, accepting: Set<NIOUnenforcedSetting> = []) throws(TLSSettingsError) -> NIOSSLContext {
        try NIOContextFactory.make(configuration(for: consumer, accepting: accepting), resolution: resolution)
    }

    /// What `configuration(for:accepting:)` would report for `consumer`.
    public func lossDiagnostics(for consumer: NIOTLSConsumer, accepting: Set<NIOUnenforcedSetting> = []) -> [Diagnostic] {
        let builder = NIOConfigurationBuilder(resolution: resolution, verifier: verifier, accepted: self.builder.accepted.union(accepting))
        var found = builder.losses(for: consumer, clientAuthentication: clientAuthentication)
        if clientAuthentication != .none { found += NIOTrustRoots.systemNote(verifier, consumer: consumer) }
        return found
    }
}
extension NIOServerTLS: BuildWarnings {
    /// The build's warnings, for reload events.
    public var buildWarnings: [Diagnostic] { diagnostics }
}
#endif
