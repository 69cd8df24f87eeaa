#if NIO
public import NIOSSL
public import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// A server's TLS that follows its files while it runs: the identity, the client CAs, the CRL
/// and the configuration files are watched (file events, and a poll at `interval`), and each
/// change is resolved and built again. A build that fails, or that the consumer could not
/// serve, never replaces the last good one: it is a `rejected` `ReloadEvent` with its
/// diagnostics.
///
/// The consumer is named up front, because it decides how a running server follows:
/// - `.handlers`: ``makeHandler(onRejection:)`` for each accepted connection; everything follows.
/// - a framework with a verification callback (`.hummingbird`, `.vapor`, `.grpc`):
///   ``configurationWithVerifier(onRejection:)`` once, at start-up. The identity follows through
///   swift-nio-ssl's context callback, and client chains are judged by the current trust, CRL
///   and pins. Versions, ciphers, ALPN and `client-auth` stay as the framework was given them,
///   so a reload that changes one is refused with `reload-needs-restart`.
/// - a library with no hook: ``configuration()``; the identity follows, the roots are fixed.
///
/// ```swift
/// let tls = try ReloadingServerTLS(for: .hummingbird) { SettingsResolver(configuration).resolve() }
/// let hooked = try tls.configurationWithVerifier()
/// // ... hand hooked.configuration and hooked.verificationCallback to the framework, and run
/// // `tls` (a swift-service-lifecycle Service with the Reloading trait) beside it.
/// ```
public final class ReloadingServerTLS: Sendable {
    let core: ReloadingCore<ServerTLS>

    /// Resolves and builds the first context for `consumer` (its failure is thrown: there is
    /// nothing to keep yet). `interval` bounds how long a change no file event reports waits.
    public convenience init(
        for consumer: TLSConsumer = .handlers, clientAuthentication: ClientAuthentication? = nil,
        accepting: Set<TLSConsumer.UnenforcedSetting> = [], pollingEvery interval: Duration = .seconds(30),
        resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) {
        try self.init(
            for: consumer, clientAuthentication: clientAuthentication, accepting: accepting, pollingEvery: interval,
            trustStoreCache: .shared, observe: nil, resolve: resolve
        )
    }

    init(
        for consumer: TLSConsumer, clientAuthentication: ClientAuthentication?,
        accepting: Set<TLSConsumer.UnenforcedSetting>,
        pollingEvery interval: Duration, trustStoreCache: TrustStoreCache,
        observe: (@Sendable (ReloadEvent) -> Void)?, resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) {
        core = try ReloadingCore(
            consumer: consumer, accepting: accepting, interval: interval, observe: observe, resolve: resolve,
            coreOf: { $0.core }
        ) { resolution, decoded throws(TLSSettingsError) in
            try ServerTLS(
                resolution: resolution, clientAuthentication: clientAuthentication, accepting: accepting,
                trustStoreCache: trustStoreCache, decoded: decoded
            )
        }
    }

    /// The build in use now.
    public var current: ServerTLS { core.reloader.current }
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

    /// A handler for one accepted connection, from the current build.
    public func makeHandler(onRejection: (@Sendable (Diagnostic) -> Void)? = nil) -> NIOSSLServerHandler {
        current.makeHandler(onRejection: onRejection)
    }

    /// For a framework that takes a verification callback: its configuration, whose identity
    /// follows the reloader, and callbacks that judge client chains with the current trust,
    /// CRL and pins. Hand both over once.
    public func configurationWithVerifier(
        onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> ConfigurationWithVerifier {
        try core.configurationWithVerifier(host: nil, port: 0, onRejection: onRejection)
    }

    /// For a library with no verification hook: a configuration whose identity follows the
    /// reloader; BoringSSL verifies clients against the roots of the first build.
    public func configuration() throws(TLSSettingsError) -> TLSConfiguration {
        try core.configuration(withCallback: false)
    }
}
#endif
