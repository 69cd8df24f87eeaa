#if NIO
internal import NIOSSL
import TLSConfig

/// What a framework keeps from the configuration it was handed at start-up. Rotation reaches
/// a running framework through two hooks only: the identity (swift-nio-ssl's context callback)
/// and, where the framework takes one, the verification callback (trust, CRL, pins). Versions,
/// ciphers, ALPN, whether peers are verified at all and, for a consumer with no verification
/// hook, the trust roots stay as they were. A reload that changes one of those is refused
/// here, naming the setting, rather than reported as done while the old value goes on.
struct StartUpSettings: Equatable {
    var minimumVersion: TLSVersion?
    var maximumVersion: TLSVersion?
    var cipherSuites: String
    var cipherSuiteValues: [NIOTLSCipher]
    var applicationProtocols: [String]
    var certificateVerification: CertificateVerification
    /// Only for consumers that verify with BoringSSL alone.
    var trustRoots: NIOSSLTrustRoots?

    init(_ configuration: TLSConfiguration, consumer: TLSConsumer) {
        minimumVersion = configuration.minimumTLSVersion
        maximumVersion = configuration.maximumTLSVersion
        cipherSuites = configuration.cipherSuites
        cipherSuiteValues = configuration.cipherSuiteValues
        applicationProtocols = configuration.applicationProtocols
        certificateVerification = configuration.certificateVerification
        trustRoots = consumer.verification == .swiftNIOSSL ? configuration.trustRoots : nil
    }

    /// The refusal of a reload from `old` to `new`, or `nil` when `new` keeps what `consumer`
    /// was given. Each changed setting is named with its new origin.
    static func refusal(
        from old: (settings: StartUpSettings, resolution: Resolution),
        to new: (settings: StartUpSettings, resolution: Resolution), consumer: TLSConsumer
    ) -> [Diagnostic]? {
        guard old.settings != new.settings else { return nil }
        var keys: [SettingKey] = [.minVersion, .maxVersion, .ciphers, .ciphersuites, .alpn, .verify, .clientAuth]
        if consumer.verification == .swiftNIOSSL { keys += [.trust, .caFile, .caDir] }
        let help =
            "restart the service to apply it; until then the current certificate and trust stay in use, and rotations wait until the setting is back as it was at start-up"
        let changed = keys.filter { old.resolution.value($0).items != new.resolution.value($0).items }
        guard !changed.isEmpty else {
            // Same settings, other bytes: the CA files of a consumer that verifies alone.
            let files = new.resolution.material.caFiles.map(\.path) + new.resolution.material.caDirectories.map(\.path)
            return [
                Diagnostic(
                    .error, .reloadNeedsRestart,
                    "the trusted CAs changed (\(files.joined(separator: ", "))), but \(consumer.name) verifies with the roots it was given at start-up",
                    setting: .caFile, origin: new.resolution.origin(of: .caFile), help: help
                )
            ]
        }
        return changed.map { key in
            let value = new.resolution.value(key).value ?? "its default"
            return Diagnostic(
                .error, .reloadNeedsRestart,
                "\(key) changed to \(value), but \(consumer.name) keeps the \(key) of the configuration it was given at start-up",
                setting: key, origin: new.resolution.origin(of: key), help: help
            )
        }
    }
}
#endif
