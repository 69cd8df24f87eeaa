#if NIO
public import NIOCore
public import NIOSSL
public import TLSConfig
@_spi(Plumbing) public import TLSConfigOpenSSL

/// The TLS side of a swift-nio-ssl server, built from a resolution for a server
/// (`ResolverConfiguration.role`): `cert` and `key` are its identity, checked at every build
/// (validity, key, serverAuth, subjectAltName, chain order), and `client-auth` says whether
/// client certificates are asked for. Client chains are judged by TLSConfig's verifier (the
/// configured CAs and the CRL) in the adapter's handlers and in the callback given to a
/// framework.
///
/// ```swift
/// var configuration = ResolverConfiguration(appName: "myserver")
/// configuration.role = .server
/// let tls = try ServerTLS(resolution: SettingsResolver(configuration).resolve())
/// channel.pipeline.addHandler(tls.makeHandler())                          // NIO servers
/// let hooked = try tls.configurationWithVerifier(for: .hummingbird)        // Hummingbird, Vapor, gRPC
/// ```
public final class ServerTLS: Sendable {
    let core: TLSAdapterCore

    /// The settings it was built from.
    public var resolution: Resolution { core.resolution }
    /// Whether and how client certificates are asked for: `client-auth`, unless code chose.
    public var clientAuthentication: ClientAuthentication { core.clientAuthentication }
    /// Warnings and notes from building. Errors are thrown.
    public var diagnostics: [Diagnostic] { core.diagnostics }

    /// Builds the verifier and the handler context; a resolution without an identity is the
    /// `server-identity-missing` error.
    public convenience init(
        resolution: Resolution, clientAuthentication: ClientAuthentication? = nil,
        accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) {
        try self.init(
            resolution: resolution, clientAuthentication: clientAuthentication, accepting: accepting,
            trustStoreCache: .shared, decoded: nil)
    }

    /// The same, with trust stores shared through `trustStoreCache` only.
    @_spi(Plumbing) public convenience init(
        resolution: Resolution, clientAuthentication: ClientAuthentication? = nil,
        accepting: Set<TLSConsumer.UnenforcedSetting> = [], trustStoreCache: TrustStoreCache
    ) throws(TLSSettingsError) {
        try self.init(
            resolution: resolution, clientAuthentication: clientAuthentication, accepting: accepting,
            trustStoreCache: trustStoreCache, decoded: nil)
    }

    /// As the public initialiser, decoding from `decoded` when the caller's checks already did.
    package init(
        resolution: Resolution, clientAuthentication: ClientAuthentication?,
        accepting: Set<TLSConsumer.UnenforcedSetting>, trustStoreCache: TrustStoreCache, decoded: DecodedMaterial?
    ) throws(TLSSettingsError) {
        core = try TLSAdapterCore(
            resolution: resolution, role: .server, clientAuthentication: clientAuthentication,
            accepting: accepting, trustStoreCache: trustStoreCache, decoded: decoded
        )
    }

    /// The OpenSSL server context that verifies client chains.
    package var verifier: TLSContext { core.verifier }

    /// A handler for one accepted connection; client chains are judged by TLSConfig's verifier.
    /// `onRejection` receives the reason a client chain was refused.
    public func makeHandler(onRejection: (@Sendable (Diagnostic) -> Void)? = nil) -> NIOSSLServerHandler {
        NIOSSLServerHandler(
            context: core.handlerContext, customVerificationCallback: verificationCallback(onRejection: onRejection))
    }

    /// The verification callback `makeHandler` installs.
    public func verificationCallback(
        onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) -> @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void {
        core.callback(host: nil, port: 0, onRejection: onRejection).plain
    }

    /// For a server library that makes its own handlers and takes a verification callback
    /// (Hummingbird, Vapor, gRPC): the configuration and the callback that judges client chains
    /// with TLSConfig's verifier, the CRL included.
    public func configurationWithVerifier(
        for consumer: TLSConsumer = .callback, accepting: Set<TLSConsumer.UnenforcedSetting> = [],
        onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> ConfigurationWithVerifier {
        try core.requireCallback(consumer)
        return ConfigurationWithVerifier(
            configuration: try core.configuration(for: consumer, accepting: accepting), serverHostname: nil,
            callback: core.callback(host: nil, port: 0, onRejection: onRejection)
        )
    }

    /// A configuration for a server library with no verification hook: client certificates
    /// are verified by BoringSSL against the certificates of TLSConfig's store, and what it
    /// cannot check (a CRL, the security level) is refused unless accepted.
    public func configuration(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) -> TLSConfiguration {
        try core.requireNoCallback(consumer, "configuration(for:)")
        return try core.configuration(for: consumer, accepting: accepting)
    }

    /// A context for a library that takes an `NIOSSLContext`, as ``configuration(for:accepting:)``.
    public func makeContext(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) -> NIOSSLContext {
        try TLSAdapterCore.makeContext(configuration(for: consumer, accepting: accepting))
    }

    /// What ``configuration(for:accepting:)`` would report for `consumer`.
    public func lossDiagnostics(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) -> [Diagnostic] {
        core.losses(for: consumer, accepting: accepting)
    }

    /// The warnings and errors of the resolution and of this build, as `tlsconfig` prints them.
    public func renderedWarnings(style: TextStyle = .plain) -> String {
        core.renderedWarnings(style: style)
    }
}

extension ServerTLS: BuildWarnings {
    /// The build's warnings, for reload events.
    package var buildWarnings: [Diagnostic] { diagnostics }
}

extension ServerTLS {
    /// As ``init(resolution:clientAuthentication:accepting:)``, after the deep checks, as
    /// ``ClientTLS/checked(resolution:accepting:)``. What ``ReloadingServerTLS`` builds with.
    public static func checked(
        resolution: Resolution, clientAuthentication: ClientAuthentication? = nil,
        accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) -> ServerTLS {
        try ServerTLS(
            resolution: resolution, clientAuthentication: clientAuthentication, accepting: accepting,
            trustStoreCache: .shared, decoded: DecodedMaterial.checked(resolution))
    }
}
#endif
