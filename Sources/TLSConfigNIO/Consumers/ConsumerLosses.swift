#if NIO
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// What a consumer cannot enforce of a resolution's settings: the one place that decides it.
/// Each loss is an error unless the host tool accepts it in code, then a warning.
struct ConsumerLosses {
    let resolution: Resolution
    let role: TLSContext.Role
    let clientAuthentication: ClientAuthentication
    let accepted: Set<TLSConsumer.UnenforcedSetting>

    private var settings: TLSSettings { resolution.settings }

    /// The findings for `consumer`, each naming it, the setting and the setting's origin.
    func findings(for consumer: TLSConsumer) -> [Diagnostic] {
        var lost: [(TLSConsumer.UnenforcedSetting, String)] = []
        let name = consumer.name
        let hookless = consumer.verification == .swiftNIOSSL
        // A peer is verified at all: a client unless verify = none, a server asking for certificates.
        let verifiesPeers = role == .client ? settings.verification != .none : clientAuthentication != .none
        if hookless, verifiesPeers {
            let level =
                role == .client && settings.verification == .full
                ? "accepts a certificate without subjectAltName by its common name, accepts an IP subjectAltName that matches the address connected to whatever name is checked, and "
                : ""
            lost.append(
                (
                    .verify,
                    "\(name) verifies with swift-nio-ssl alone, which \(level)has no security level (RSA keys under 2048 bits and SHA-1 signatures pass)"
                ))
        }
        if role == .client {
            if hookless, !settings.pinnedPublicKeys.isEmpty {
                lost.append(
                    (.pinnedPublicKeys, "\(name) has no verification hook to check the server's key against the pins"))
            }
            if hookless, settings.crlFile != nil, settings.verification != .none {
                lost.append(
                    (
                        .crlFile,
                        "swift-nio-ssl has no CRL support, and \(name) has no verification hook to check revocation"
                    ))
            }
            if hookless, settings.serverName != nil {
                lost.append(
                    (
                        .serverName,
                        consumer == .asyncHTTPClient
                            ? "AsyncHTTPClient sends and checks the URL's host"
                            : "the name sent and checked is the one \(name) is given"
                    ))
            }
        } else if hookless, settings.crlFile != nil, clientAuthentication != .none {
            lost.append(
                (
                    .crlFile,
                    "swift-nio-ssl has no CRL support, and \(name) has no verification hook to check client certificates' revocation"
                ))
        }
        if consumer.setsItsOwnVersionsAndCiphers {
            if settings.versions.minimum > .tls1_2 {
                lost.append((.minVersion, "\(name) sets TLS 1.2 as its minimum, so TLS 1.2 would still be accepted"))
            }
            if let maximum = settings.versions.maximum {
                lost.append((.maxVersion, "\(name) sets no maximum, so versions above \(maximum) would be negotiated"))
            }
            if settings.ciphers != nil {
                lost.append((.ciphers, "\(name) uses BoringSSL's default ciphers"))
            }
            if role == .server, clientAuthentication == .optional {
                lost.append(
                    (
                        .clientAuth,
                        "\(name) requires client certificates or does not ask for them; accepted, they are required"
                    ))
            }
        }
        if consumer.setsItsOwnALPN, !settings.alpn.isEmpty {
            lost.append(
                (
                    .alpn,
                    "\(name) sets its own ALPN list or speaks one protocol whatever is negotiated, so \(settings.alpn.joined(separator: ", ")) would not be what it serves; the list is left out"
                ))
        }
        return lost.map { setting, why in
            let accepted = accepted.contains(setting)
            // A server's verification of clients is `client-auth`'s; `verify` is a client key.
            let key = setting == .verify && role == .server ? SettingKey.clientAuth : setting.settingKey
            return Diagnostic(
                accepted ? .warning : .error, .nioSettingNotEnforced,
                "\(key) cannot be enforced: \(why)" + (accepted ? "; the host tool accepts this" : ""),
                setting: key, origin: resolution.origin(of: key),
                help: accepted ? nil : help(for: setting, consumer: consumer)
            )
        }
    }

    /// What the user can do: a way that enforces it when there is one, else the code's opt-in.
    private func help(for setting: TLSConsumer.UnenforcedSetting, consumer: TLSConsumer) -> String {
        let opt =
            "a tool that enforces it another way, or lives without it, passes accepting: [.\(String(describing: setting))]"
        switch setting {
        case .alpn:
            return "remove alpn for this tool (\(consumer.name) negotiates its own protocols); \(opt)"
        case .verify:
            return consumer == .asyncHTTPClient || consumer == .postgresNIO
                ? "\(consumer.name) has no verification hook, so only the code can decide: \(opt)"
                : "connect through handlers from makeHandler, or a library that takes a verification callback (configurationWithVerifier), which enforce TLSConfig's rules; \(opt)"
        case .minVersion, .maxVersion, .ciphers, .clientAuth:
            return
                "remove \(setting.settingKey) from the settings this service reads (\(consumer.name) cannot be given it); \(opt)"
        default:
            return
                "remove \(setting.settingKey) for this host, or connect through handlers from makeHandler or a library that takes a verification callback, which enforce it; \(opt)"
        }
    }
}
#endif
