#if Reloading
public import Logging
public import NIOCertificateReloading
public import NIOSSL
public import ServiceLifecycle
public import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

// The ecosystem's hooks: swift-nio-extras' `CertificateReloader` (grpc-swift-nio-transport's
// `certificateReloader:`, `TLSConfiguration.makeServerConfiguration(certificateReloader:)`),
// for reloaders and for single builds alike, and swift-service-lifecycle's `Service`, so a
// reloader takes its place in the application's `ServiceGroup` and stops at graceful
// shutdown. `run()` is each class's own.

extension ServerTLS: CertificateReloader {
    /// This build's certificate chain and key, for APIs that take a `CertificateReloader`
    /// (grpc-swift-nio-transport) when the files are not to be followed.
    public var sslContextConfigurationOverride: NIOSSLContextConfigurationOverride { core.identityOverride }
}

extension ClientTLS: CertificateReloader {
    /// This build's client certificate chain and key (no change when there is none).
    public var sslContextConfigurationOverride: NIOSSLContextConfigurationOverride { core.identityOverride }
}

extension ReloadingServerTLS: CertificateReloader, Service {
    /// The current certificate chain and key.
    public var sslContextConfigurationOverride: NIOSSLContextConfigurationOverride { core.identityOverride }

    /// As the other initialiser, with each reload event logged to `logger`: `notice` when a new
    /// build is in use (its warnings as `warning`), `error` when a change was refused.
    public convenience init(
        for consumer: TLSConsumer = .handlers, clientAuthentication: ClientAuthentication? = nil,
        accepting: Set<TLSConsumer.UnenforcedSetting> = [], pollingEvery interval: Duration = .seconds(30),
        logger: Logger, resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) {
        try self.init(
            for: consumer, clientAuthentication: clientAuthentication, accepting: accepting, pollingEvery: interval,
            trustStoreCache: .shared, observe: ReloadEventLog(logger).record, resolve: resolve
        )
    }
}

extension ReloadingClientTLS: CertificateReloader, Service {
    /// The current client certificate chain and key (empty when there is none).
    public var sslContextConfigurationOverride: NIOSSLContextConfigurationOverride { core.identityOverride }

    /// As the other initialiser, with each reload event logged to `logger`.
    public convenience init(
        for consumer: TLSConsumer = .handlers, accepting: Set<TLSConsumer.UnenforcedSetting> = [],
        pollingEvery interval: Duration = .seconds(30), logger: Logger, resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) {
        try self.init(
            for: consumer, accepting: accepting, pollingEvery: interval, trustStoreCache: .shared,
            observe: ReloadEventLog(logger).record, resolve: resolve
        )
    }
}

/// How a reload event reads in a service's log.
struct ReloadEventLog: Sendable {
    let logger: Logger

    init(_ logger: Logger) { self.logger = logger }

    func record(_ event: ReloadEvent) {
        let metadata: Logger.Metadata = [
            "tls.generation": "\(event.generation)",
            "tls.changed": .array(event.changedPaths.map { .string($0) }),
        ]
        switch event.outcome {
        case .reloaded:
            logger.notice("TLS reloaded: \(event.changedPaths.joined(separator: ", ")) changed", metadata: metadata)
            for warning in event.diagnostics {
                logger.warning(
                    "TLS reload: [\(warning.code)] \(warning.message)\(warning.origin.map { " (\($0))" } ?? "")",
                    metadata: metadata)
            }
        case .rejected:
            for error in event.diagnostics.errors {
                var text =
                    "TLS reload refused, generation \(event.generation) stays in use: [\(error.code)] \(error.message)"
                if let origin = error.origin { text += " (\(origin))" }
                if let help = error.help { text += "; \(help)" }
                logger.error("\(text)", metadata: metadata)
            }
        }
    }
}
#endif
