#if NIO
public import NIOCore
public import NIOSSL
public import TLSConfig
@_spi(Plumbing) public import TLSConfigOpenSSL

/// The TLS side of a swift-nio-ssl client, built from a resolution: handlers, configurations
/// and contexts for each kind of consumer, with every setting either enforced or refused.
///
/// Everything is decoded once, by TLSConfig's OpenSSL layer, from the resolution's material,
/// and the identity is checked as `check` and the reloaders check it (validity, key, usage,
/// chain order): an expired certificate fails here, not at the server. The same OpenSSL
/// context then judges every server chain that reaches the adapter's handlers or a
/// framework's verification callback, so pins, CRLs and the name rules of `tlsconfig connect`
/// hold there too.
///
/// ```swift
/// let tls = try ClientTLS(resolution: SettingsResolver(configuration).resolve(host: host, defaultPort: 443))
/// let handler = try tls.makeHandler(serverHostname: host)                              // NIO channels
/// let grpc = try tls.configurationWithVerifier(for: .grpc, serverHostname: host)       // gRPC
/// let ahc = try tls.configuration(for: .asyncHTTPClient, accepting: [.verify])         // AsyncHTTPClient
/// ```
///
/// Build it off the event loop: the first one for a trust store reads the system bundle.
public final class ClientTLS: Sendable {
    let core: TLSAdapterCore

    /// The settings it was built from.
    public var resolution: Resolution { core.resolution }
    /// Warnings and notes from building (the identity checks', OpenSSL's and the adapter's).
    /// Errors are thrown. ``renderedWarnings(style:)`` prints them with the resolution's.
    public var diagnostics: [Diagnostic] { core.diagnostics }

    /// Builds the verifier and the handler context. `accepting` names losses the host tool
    /// accepts for every consumer it asks for (today only `.ciphersuites` is decided here).
    public convenience init(
        resolution: Resolution, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) {
        try self.init(resolution: resolution, accepting: accepting, trustStoreCache: .shared, decoded: nil)
    }

    /// The same, with trust stores shared through `trustStoreCache` only.
    @_spi(Plumbing) public convenience init(
        resolution: Resolution, accepting: Set<TLSConsumer.UnenforcedSetting> = [], trustStoreCache: TrustStoreCache
    ) throws(TLSSettingsError) {
        try self.init(resolution: resolution, accepting: accepting, trustStoreCache: trustStoreCache, decoded: nil)
    }

    /// As the public initialiser, decoding from `decoded` when the caller's checks already did.
    package init(
        resolution: Resolution, accepting: Set<TLSConsumer.UnenforcedSetting>, trustStoreCache: TrustStoreCache,
        decoded: DecodedMaterial?
    ) throws(TLSSettingsError) {
        core = try TLSAdapterCore(
            resolution: resolution, role: .client, clientAuthentication: nil, accepting: accepting,
            trustStoreCache: trustStoreCache, decoded: decoded
        )
    }

    /// The OpenSSL context that verifies server chains.
    package var verifier: TLSContext { core.verifier }

    /// The name sent as SNI for a connection to `host`: `server-name` when set, else the host;
    /// `nil` for an IP address.
    public func serverHostname(for host: String?) -> String? {
        core.serverNameIndication(for: host)
    }

    /// A handler for one connection to `serverHostname` (the host connected to): SNI as
    /// ``serverHostname(for:)``, and the chain checked against `server-name` or the host.
    /// `onRejection` receives the reason a server chain was refused, with the next step
    /// `tlsconfig connect` would give.
    public func makeHandler(
        serverHostname: String?, port: Int = 443, onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(
            context: core.handlerContext, serverHostname: core.serverNameIndication(for: serverHostname),
            customVerificationCallback: verificationCallback(
                serverHostname: serverHostname, port: port, onRejection: onRejection)
        )
    }

    /// The verification callback `makeHandler` installs, for APIs that take one with their own
    /// context (it ignores that context's trust roots and judges with TLSConfig's verifier).
    public func verificationCallback(
        serverHostname: String?, port: Int = 443, onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) -> @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void {
        core.callback(host: serverHostname, port: port, onRejection: onRejection).plain
    }

    /// For a library that takes a configuration and a verification callback (gRPC, or a
    /// consumer described with `verification: .callback`): both, and the name to send. Pins,
    /// the CRL and TLSConfig's name rules are enforced by the callback.
    public func configurationWithVerifier(
        for consumer: TLSConsumer = .callback, serverHostname: String?, port: Int = 443,
        accepting: Set<TLSConsumer.UnenforcedSetting> = [], onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> ConfigurationWithVerifier {
        try core.requireCallback(consumer)
        return ConfigurationWithVerifier(
            configuration: try core.configuration(for: consumer, accepting: accepting),
            serverHostname: core.serverNameIndication(for: serverHostname),
            callback: core.callback(host: serverHostname, port: port, onRejection: onRejection)
        )
    }

    /// A configuration for a consumer that verifies with swift-nio-ssl alone (AsyncHTTPClient,
    /// postgres-nio) or uses the adapter's handlers. What it cannot enforce is refused with
    /// `nio-setting-not-enforced` unless listed in `accepting` (then a warning: see
    /// ``lossDiagnostics(for:accepting:)``). A consumer that takes a callback is refused here:
    /// use ``configurationWithVerifier(for:serverHostname:port:accepting:onRejection:)``.
    public func configuration(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) -> TLSConfiguration {
        try core.requireNoCallback(consumer, "configuration(for:)")
        return try core.configuration(for: consumer, accepting: accepting)
    }

    /// A context for a consumer that takes an `NIOSSLContext` (postgres-nio), as ``configuration(for:accepting:)``.
    public func makeContext(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) -> NIOSSLContext {
        try TLSAdapterCore.makeContext(configuration(for: consumer, accepting: accepting))
    }

    /// What `consumer` would lose: an error per setting it cannot enforce and `accepting` does
    /// not list, a warning per accepted one, and a note on what the system store means there.
    public func lossDiagnostics(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) -> [Diagnostic] {
        core.losses(for: consumer, accepting: accepting)
    }

    /// The warnings and errors of the resolution and of this build, rendered as `tlsconfig`
    /// prints them (with the origin of each and the line of the file it came from); empty when
    /// there are none. Print it on start-up, so that `verify = "none"` is never silent.
    public func renderedWarnings(style: TextStyle = .plain) -> String {
        core.renderedWarnings(style: style)
    }
}
#endif
#if NIO
extension ClientTLS: BuildWarnings {
    /// The build's warnings, for reload events.
    package var buildWarnings: [Diagnostic] { diagnostics }
}

extension ClientTLS {
    /// As ``init(resolution:accepting:)``, after the deep checks: material they refuse (an
    /// expired or not yet valid client certificate, a key that does not match it, an expired
    /// CRL) is thrown with its origin instead of failing at a handshake. Each file is decoded
    /// once. What ``ReloadingClientTLS`` builds with at start-up and at every reload.
    public static func checked(
        resolution: Resolution, accepting: Set<TLSConsumer.UnenforcedSetting> = []
    ) throws(TLSSettingsError) -> ClientTLS {
        try ClientTLS(
            resolution: resolution, accepting: accepting, trustStoreCache: .shared,
            decoded: DecodedMaterial.checked(resolution))
    }
}
#endif
