#if NIO
public import NIOSSL
public import TLSConfig
@_spi(Plumbing) package import TLSConfigOpenSSL

/// A client's TLS that follows its files while it runs (its trust, CRL, client certificate and
/// configuration files), as ``ReloadingServerTLS`` does for servers: a reload that fails, or
/// that the consumer could not serve, keeps the last good build.
///
/// - `.handlers`: ``makeHandler(serverHostname:port:onRejection:)`` per connection.
/// - a library with a verification callback (`.grpc`): ``configurationWithVerifier(serverHostname:port:onRejection:)``
///   once; the client certificate follows through swift-nio-ssl's context callback and server
///   chains are judged by the current trust, CRL and pins.
/// - a library with no hook (AsyncHTTPClient, postgres-nio): ``configuration()``; the client
///   certificate follows, the roots are those of the first build.
public final class ReloadingClientTLS: Sendable {
    let core: ReloadingCore<ClientTLS>

    /// Resolves and builds the first context for `consumer`; `resolve` resolves for the host
    /// the client connects to.
    public convenience init(
        for consumer: TLSConsumer = .handlers, accepting: Set<TLSConsumer.UnenforcedSetting> = [],
        pollingEvery interval: Duration = .seconds(30), resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) {
        try self.init(
            for: consumer, accepting: accepting, pollingEvery: interval, trustStoreCache: .shared, observe: nil,
            resolve: resolve)
    }

    package init(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting>, pollingEvery interval: Duration,
        trustStoreCache: TrustStoreCache, observe: (@Sendable (ReloadEvent) -> Void)?,
        resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) {
        core = try ReloadingCore(
            consumer: consumer, accepting: accepting, interval: interval, observe: observe, resolve: resolve,
            coreOf: { $0.core }
        ) { resolution, decoded throws(TLSSettingsError) in
            try ClientTLS(
                resolution: resolution, accepting: accepting, trustStoreCache: trustStoreCache, decoded: decoded)
        }
    }

    /// The build in use now.
    public var current: ClientTLS { core.reloader.current }
    /// The consumer the reloader serves.
    public var consumer: TLSConsumer { core.consumer }
    /// 1 for the first build, one more per reload.
    public var generation: Int { core.reloader.generation }
    /// Every event from now on; each access is a new subscription.
    public var events: AsyncStream<ReloadEvent> { core.reloader.events }
    /// What is watched now.
    package var watchedInputs: WatchedInputs { core.reloader.watchedInputs }

    /// Looks once: `nil` when nothing changed, else what was done about the change.
    @discardableResult
    public func check() -> ReloadEvent? { core.reloader.check() }

    /// Watches until the task is cancelled (or, with the Reloading trait, until graceful
    /// shutdown when run in a `ServiceGroup`).
    public func run() async {
        await core.runUntilShutdown()
    }

    /// A handler for one connection to `serverHostname`, from the current build.
    public func makeHandler(
        serverHostname: String?, port: Int = 443, onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws -> NIOSSLClientHandler {
        try current.makeHandler(serverHostname: serverHostname, port: port, onRejection: onRejection)
    }

    /// For a library that takes a verification callback (gRPC): its configuration, whose client
    /// certificate follows the reloader, and callbacks that judge the server's chain for
    /// `serverHostname` with the current trust, CRL and pins.
    public func configurationWithVerifier(
        serverHostname: String?, port: Int = 443, onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> ConfigurationWithVerifier {
        try core.configurationWithVerifier(host: serverHostname, port: port, onRejection: onRejection)
    }

    /// For a library with no verification hook: a configuration whose client certificate
    /// follows the reloader; BoringSSL verifies servers against the roots of the first build.
    public func configuration() throws(TLSSettingsError) -> TLSConfiguration {
        try core.configuration(withCallback: false)
    }
}
#endif
