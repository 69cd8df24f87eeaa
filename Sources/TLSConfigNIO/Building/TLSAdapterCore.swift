#if NIO
internal import NIOSSL
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// What ``ClientTLS`` and ``ServerTLS`` share: one build (the OpenSSL verifier, with the
/// identity checks every build runs, and the swift-nio-ssl configuration read back from it),
/// the losses per consumer, the handlers' context and the verification callbacks. The two
/// public types only choose the role and name the host.
final class TLSAdapterCore: Sendable {
    let resolution: Resolution
    /// The OpenSSL context that judges peer chains; its store is the one `show` describes.
    let verifier: TLSContext
    let clientAuthentication: ClientAuthentication
    let accepted: Set<TLSConsumer.UnenforcedSetting>
    /// Versions, ciphers, identity and ALPN, plus what handlers with the callback need.
    let handlerConfiguration: TLSConfiguration
    let handlerContext: NIOSSLContext
    /// Warnings and notes of the build (OpenSSL's, the identity checks', BoringSSL's).
    let diagnostics: [Diagnostic]
    /// The verifier's last refusals, for explaining a framework's error without a new probe.
    let rejections = RecentRejections()

    init(
        resolution: Resolution, role: TLSContext.Role, clientAuthentication chosen: ClientAuthentication?,
        accepting: Set<TLSConsumer.UnenforcedSetting>, trustStoreCache: TrustStoreCache, decoded: DecodedMaterial?
    ) throws(TLSSettingsError) {
        var verifierBuilder = TLSContextBuilder(resolution: resolution, trustStoreCache: trustStoreCache)
        verifierBuilder.decoded = decoded
        let verifier =
            role == .client
            ? try verifierBuilder.makeClientContext()
            : try verifierBuilder.makeServerContext(clientAuthentication: chosen)
        let clientAuthentication = role == .client ? .none : chosen ?? resolution.settings.clientAuthentication
        var (configuration, diagnostics) = BoringSSLConfigurationBuilder(
            resolution: resolution, verifier: verifier, accepted: accepting
        ).base()
        if diagnostics.hasErrors { throw TLSSettingsError(diagnostics: diagnostics.errors) }
        let settings = resolution.settings
        switch role {
        case .client:
            // The callback decides; BoringSSL only has to ask for it (pins apply even with verify = none).
            configuration.certificateVerification =
                settings.verification == .none && settings.pinnedPublicKeys.isEmpty ? .none : .noHostnameVerification
        case .server:
            configuration.certificateVerification =
                switch clientAuthentication {
                case .none: .none
                case .optional: .optionalVerification
                case .required: .noHostnameVerification
                }
            // The CertificateRequest names the configured CAs, as the OpenSSL server does; with
            // the system store in the trust, listing 140 roots would only bloat every handshake.
            if clientAuthentication != .none, settings.trust.mode == .custom {
                configuration.trustRoots = .certificates(BoringSSLTrustRoots.shared.certificates(of: verifier))
                configuration.sendCANameList = true
            }
        }
        self.handlerContext = try Self.makeContext(configuration)
        self.handlerConfiguration = configuration
        self.resolution = resolution
        self.verifier = verifier
        self.clientAuthentication = clientAuthentication
        self.accepted = accepting
        self.diagnostics = verifier.warnings + diagnostics
    }

    var role: TLSContext.Role { verifier.role }

    /// The identity as an override of a handshake's configuration (swift-nio-ssl's context
    /// callback, swift-nio-extras' `CertificateReloader`); no change when there is none.
    var identityOverride: NIOSSLContextConfigurationOverride {
        var override = NIOSSLContextConfigurationOverride()
        if !handlerConfiguration.certificateChain.isEmpty, let key = handlerConfiguration.privateKey {
            override.certificateChain = handlerConfiguration.certificateChain
            override.privateKey = key
        }
        return override
    }

    /// The losses of `consumer`, and a note on what the system store means where BoringSSL verifies.
    func losses(for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting>) -> [Diagnostic] {
        let losses = ConsumerLosses(
            resolution: resolution, role: role, clientAuthentication: clientAuthentication,
            accepted: accepted.union(accepting))
        let verifiesPeers = role == .client || clientAuthentication != .none
        return losses.findings(for: consumer)
            + (verifiesPeers ? BoringSSLTrustRoots.systemNote(verifier, consumer: consumer) : [])
    }

    /// The configuration `consumer` gets, after refusing what it cannot enforce.
    func configuration(
        for consumer: TLSConsumer, accepting: Set<TLSConsumer.UnenforcedSetting>
    ) throws(TLSSettingsError) -> TLSConfiguration {
        let found = losses(for: consumer, accepting: accepting)
        if found.hasErrors { throw TLSSettingsError(diagnostics: found.errors) }
        var configuration = handlerConfiguration
        if consumer.verification == .swiftNIOSSL {
            // BoringSSL verifies alone: it needs the trust as roots and its own verification mode.
            if role == .client {
                configuration.certificateVerification =
                    switch resolution.settings.verification {
                    case .full: .fullVerification
                    case .noHostname: .noHostnameVerification
                    case .none: .none
                    }
            }
            if role == .client || clientAuthentication != .none {
                configuration.trustRoots = BoringSSLTrustRoots.shared.roots(of: verifier)
            }
        }
        if consumer.setsItsOwnALPN { configuration.applicationProtocols = [] }
        return configuration
    }

    /// A consumer with a hook must be given the callback with its configuration: alone, that
    /// configuration would verify with BoringSSL (without the CRL or pins) or not at all.
    func requireNoCallback(_ consumer: TLSConsumer, _ call: String) throws(TLSSettingsError) {
        guard consumer.verification == .callback else { return }
        throw TLSSettingsError(diagnostics: [
            Diagnostic(
                .error, .nioConsumerNeedsCallback,
                "\(consumer.name) takes a verification callback, and its configuration is only safe with that callback installed",
                help:
                    "call configurationWithVerifier(for:) instead of \(call), and give \(consumer.name) both its configuration and its verificationCallback"
            )
        ])
    }

    func requireCallback(_ consumer: TLSConsumer) throws(TLSSettingsError) {
        guard consumer.verification == .swiftNIOSSL else { return }
        throw TLSSettingsError(diagnostics: [
            Diagnostic(
                .error, .nioConsumerNeedsCallback,
                "\(consumer.name) is described as having no verification hook, so a callback would never run",
                help:
                    "call configuration(for:) for it, or describe the consumer with verification: .callback if it takes one"
            )
        ])
    }

    /// The name sent as SNI: `server-name` when set, else the host; none for an IP address.
    func serverNameIndication(for host: String?) -> String? {
        resolution.settings.serverNameIndication(forHost: host)
    }

    func callback(host: String?, port: Int, onRejection: (@Sendable (Diagnostic) -> Void)?) -> PeerChainCallback {
        PeerChainCallback(core: self, host: host, port: port, onRejection: onRejection)
    }

    /// Warnings and errors of the resolution and the build, as the CLI prints them.
    func renderedWarnings(style: TextStyle) -> String {
        var notable: [Diagnostic] = []
        for diagnostic in resolution.diagnostics + diagnostics
        where diagnostic.severity >= .warning && !notable.contains(diagnostic) {
            notable.append(diagnostic)
        }
        return DiagnosticRenderer(style: style, sources: resolution.sources).render(notable)
    }

    /// Builds an `NIOSSLContext`, turning BoringSSL's refusal into a diagnostic. What the
    /// adapter hands over was accepted by OpenSSL and filtered for BoringSSL first, so this is
    /// a last line.
    static func makeContext(_ configuration: TLSConfiguration) throws(TLSSettingsError) -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSSettingsError(diagnostics: [
                Diagnostic(
                    .error, .nioContextFailed, "swift-nio-ssl cannot build a context from these settings: \(error)",
                    help:
                        "run `tlsconfig check` for these settings; if it finds nothing, report this with the settings it shows"
                )
            ])
        }
    }
}
#endif
