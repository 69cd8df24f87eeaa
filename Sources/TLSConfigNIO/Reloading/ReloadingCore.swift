#if NIO
internal import NIOCore
internal import NIOSSL
#if Reloading
internal import ServiceLifecycle
#endif
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// What ``ReloadingClientTLS`` and ``ReloadingServerTLS`` share: a ``ContextReloader`` whose
/// builds are checked against the consumer they serve (its losses, and what it keeps from
/// start-up), and the hooks through which a running framework follows it: an identity
/// override for swift-nio-ssl's context callback, and a verification callback that asks the
/// current build's verifier at each handshake.
final class ReloadingCore<Adapter: Sendable>: Sendable {
    let reloader: ContextReloader<Adapter>
    let consumer: TLSConsumer
    let accepted: Set<TLSConsumer.UnenforcedSetting>
    let interval: Duration
    private let coreOf: @Sendable (Adapter) -> TLSAdapterCore

    init(
        consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting>, interval: Duration,
        observe: (@Sendable (ReloadEvent) -> Void)?, resolve: @escaping @Sendable () -> Resolution,
        coreOf: @escaping @Sendable (Adapter) -> TLSAdapterCore,
        make: @escaping @Sendable (Resolution, DecodedMaterial) throws(TLSSettingsError) -> Adapter
    ) throws(TLSSettingsError) {
        // The first build's fixed settings: what the framework is handed at start-up.
        let startUp = Locked<(settings: StartUpSettings, resolution: Resolution)?>(nil)
        let holdsStartUp = consumer.verification != .adapterHandlers
        reloader = try ContextReloader(resolve: resolve, observe: observe) { resolution throws(TLSSettingsError) in
            let decoded = try DecodedMaterial.checked(resolution)
            let adapter = try make(resolution, decoded)
            let core = coreOf(adapter)
            // Losses are checked for every build, not only the first: a reload that adds a
            // setting the consumer cannot enforce is refused like a start with it.
            let configuration = try core.configuration(for: consumer, accepting: accepting)
            guard holdsStartUp else { return adapter }
            let new = (settings: StartUpSettings(configuration, consumer: consumer), resolution: resolution)
            let refusal: [Diagnostic]? = startUp.withLock { first in
                guard let first else {
                    first = new
                    return nil
                }
                return StartUpSettings.refusal(from: first, to: new, consumer: consumer)
            }
            if let refusal { throw TLSSettingsError(diagnostics: refusal) }
            return adapter
        }
        self.consumer = consumer
        self.accepted = accepting
        self.interval = interval
        self.coreOf = coreOf
    }

    var current: TLSAdapterCore { coreOf(reloader.current) }

    /// Polls at the interval, and at once on a file event, until the task is cancelled or,
    /// with the Reloading trait, the service group shuts down gracefully.
    func runUntilShutdown() async {
        #if Reloading
        await cancelWhenGracefulShutdown { [reloader, interval] in
            await reloader.run(every: interval, wakingOnFileEvents: true)
        }
        #else
        await reloader.run(every: interval, wakingOnFileEvents: true)
        #endif
    }

    /// The current identity, for swift-nio-ssl's context callback and `CertificateReloader`.
    var identityOverride: NIOSSLContextConfigurationOverride { current.identityOverride }

    /// The consumer's configuration, with its identity following the reloader.
    func configuration(withCallback: Bool) throws(TLSSettingsError) -> TLSConfiguration {
        guard consumer.verification != .adapterHandlers else {
            throw TLSSettingsError(diagnostics: [
                Diagnostic(
                    .error, .nioConsumerNeedsCallback,
                    "this reloader serves \(consumer.name), which takes a handler for each connection, not a configuration",
                    help:
                        "call makeHandler() for each connection, or make the reloader for the library it serves (for: .hummingbird, .vapor, .grpc, ...)"
                )
            ])
        }
        let core = current
        if withCallback {
            try core.requireCallback(consumer)
        } else {
            try core.requireNoCallback(consumer, "configuration()")
        }
        var configuration = try core.configuration(for: consumer, accepting: accepted)
        configuration.sslContextCallback = { [self] _, promise in promise.succeed(identityOverride) }
        return configuration
    }

    /// The configuration with a verification callback that judges each chain with the
    /// verifier current when the handshake happens.
    func configurationWithVerifier(
        host: String?, port: Int, onRejection: (@Sendable (Diagnostic) -> Void)?
    ) throws(TLSSettingsError) -> ConfigurationWithVerifier {
        let configuration = try configuration(withCallback: true)
        return ConfigurationWithVerifier(
            configuration: configuration, serverHostname: current.serverNameIndication(for: host),
            plain: { [self] certificates, promise in
                current.callback(host: host, port: port, onRejection: onRejection).plain(certificates, promise)
            },
            withMetadata: { [self] certificates, promise in
                current.callback(host: host, port: port, onRejection: onRejection).withMetadata(certificates, promise)
            }
        )
    }
}
#endif
