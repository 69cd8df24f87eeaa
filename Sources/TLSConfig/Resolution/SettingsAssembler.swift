/// Builds the `TLSSettings` value from the winning offers, filling defaults and
/// reporting combinations that cannot be represented (a key without a certificate,
/// an inverted version range, custom trust without CAs).
struct SettingsAssembler {
    var selection: Selection
    var role: TLSRole = .client

    struct Output {
        var settings: TLSSettings
        var values: [ResolvedSetting]
        var diagnostics: [Diagnostic]
    }

    func assemble() -> Output {
        var diagnostics: [Diagnostic] = []
        var settings = TLSSettings()
        settings.role = role
        var notes: [SettingKey: String] = [:]
        let winners = selection.winners

        // Trust group: decided here, once; what the settings say is what every consumer uses.
        var trustOrigin: Origin?
        settings.trust = assembleTrust(winners, notes: &notes, trustOrigin: &trustOrigin, &diagnostics)

        // Identity group, as the role spells it.
        let keys = role.identityKeys
        if let cert = winners[keys.certificate], case .path(let certPath) = cert.value {
            var identity = ClientIdentity(certificateFile: certPath.absolute)
            if case .path(let keyPath) = winners[keys.key]?.value { identity.keyFile = keyPath.absolute }
            if case .passphrase(let source) = winners[keys.passphrase]?.value { identity.passphrase = source }
            settings.identity = identity
        } else if let orphan = winners[keys.key] ?? winners[keys.passphrase] {
            let other = role == .client ? " (or SSL_CLIENT_CERT, which takes its passphrase from here)" : ""
            // A certificate set in a lower place lost with the group: say where, not "not set".
            let lost = selection.losers(of: keys.certificate).first {
                if case .groupTakenElsewhere = $0.reason { true } else { false }
            }
            let message =
                lost.map {
                    "\(orphan.key) is set here but \(keys.certificate) is not: \($0.candidate.origin) sets it lower down, and the identity group is taken whole from here"
                } ?? "\(orphan.key) is set but \(keys.certificate) is not"
            diagnostics.append(
                Diagnostic(
                    .error, .identityWithoutCertificate, message,
                    setting: orphan.key, origin: orphan.origin,
                    related: lost.map { [.init("\(keys.certificate) set here, not used", origin: $0.candidate.origin)] }
                        ?? [],
                    notes: [
                        "\(keys.certificate), \(keys.key) and \(keys.passphrase) are one group, taken together from one place"
                    ],
                    help: orphan.key == keys.passphrase
                        ? "set \(keys.certificate) in the same place\(other), or remove \(keys.passphrase)"
                        : "set \(keys.certificate) in the same place, or remove \(orphan.key)"
                ))
        }
        if case .clientAuth(let mode) = winners[.clientAuth]?.value { settings.clientAuthentication = mode }
        if role == .server { diagnostics += clientCertificateTrust(settings, winners) }

        // Independent keys.
        if case .verify(let mode) = winners[.verify]?.value { settings.verification = mode }
        let minimum: TLSProtocolVersion =
            if case .version(let v) = winners[.minVersion]?.value { v } else { TLSVersionRange.default.minimum }
        let maximum: TLSProtocolVersion? = if case .version(let v) = winners[.maxVersion]?.value { v } else { nil }
        do {
            settings.versions = try TLSVersionRange(minimum: minimum, maximum: maximum)
        } catch {
            var related: [Diagnostic.Related] = []
            if let maxOrigin = winners[.maxVersion]?.origin {
                related.append(.init("max-version \(error.maximum.rawValue) set here", origin: maxOrigin))
            }
            diagnostics.append(
                Diagnostic(
                    .error, .versionRangeInverted,
                    "min-version \(error.minimum.rawValue) is above max-version \(error.maximum.rawValue)",
                    setting: .minVersion, origin: winners[.minVersion]?.origin ?? .defaultValue, related: related,
                    help: "raise max-version or lower min-version"
                ))
        }
        if case .text(let text) = winners[.ciphers]?.value { settings.ciphers = text }
        if case .text(let text) = winners[.ciphersuites]?.value { settings.cipherSuites = text }
        if case .text(let text) = winners[.serverName]?.value { settings.serverName = text }
        if case .list(let items) = winners[.alpn]?.value { settings.alpn = items }
        if case .pins(let pins) = winners[.pinnedPublicKeys]?.value { settings.pinnedPublicKeys = pins }
        if case .path(let path) = winners[.crlFile]?.value { settings.crlFile = path.absolute }

        diagnostics += warnings(settings, winners)

        let values = SettingKey.allCases.map { key -> ResolvedSetting in
            if let winner = winners[key] {
                return ResolvedSetting(
                    key: key, items: winner.value.items, origin: winner.origin, layer: winner.layer, note: notes[key],
                    losers: selection.losers(of: key))
            }
            let implied = key == .trust ? trustOrigin.flatMap { _ in winners[.caFile] ?? winners[.caDir] } : nil
            return ResolvedSetting(
                key: key, items: Self.defaultDisplay(key, settings).map { [$0] } ?? [],
                origin: implied?.origin ?? .defaultValue, layer: implied?.layer ?? .defaults, note: notes[key],
                losers: selection.losers(of: key))
        }
        return Output(settings: settings, values: values, diagnostics: diagnostics)
    }

    /// The trust mode and the CA sources in effect. A CA source that `trust = "system"` makes
    /// unused is dropped here with a warning; custom trust without any CA is an error; a
    /// standard-environment CA that lost because a higher layer took the group is noted on
    /// its key, so `show` tells why `SSL_CERT_FILE` changed nothing.
    private func assembleTrust(
        _ winners: [SettingKey: Offer], notes: inout [SettingKey: String], trustOrigin: inout Origin?,
        _ diagnostics: inout [Diagnostic]
    ) -> TrustSettings {
        var caFiles = winners[.caFile]?.value.paths.map(\.absolute) ?? []
        var caDirs = winners[.caDir]?.value.paths.map(\.absolute) ?? []
        var mode = TrustSettings.system.mode
        let explicit = winners[.trust]
        if case .trust(let chosen) = explicit?.value {
            mode = chosen
        } else if let implied = winners[.caFile] ?? winners[.caDir] {
            mode = .custom
            trustOrigin = implied.origin
            notes[.trust] = "implied by \(implied.key): configured CAs replace the system store, as in curl, pip and uv"
        }
        if mode == .system, let explicit {
            for key in [SettingKey.caFile, .caDir] {
                guard let unused = winners[key] else { continue }
                notes[key] = "not in effect: trust is \"system\" (\(explicit.origin))"
                diagnostics.append(
                    Diagnostic(
                        .warning, .caSourceNotInEffect,
                        "\(key) is set but not used: trust is \"system\", which trusts only the platform store",
                        setting: key, origin: unused.origin,
                        related: [.init("trust = \"system\" set here", origin: explicit.origin)],
                        help:
                            "set trust = \"system+custom\" to add these CAs to the platform store, or \"custom\" to trust only them; or remove \(key)"
                    ))
            }
            caFiles = []
            caDirs = []
        }
        // A CA from SSL_CERT_FILE / SSL_CERT_DIR that lost the group to a place holding no CA of its own.
        var standardLosers: [(SettingKey, LosingCandidate)] = []
        for key in [SettingKey.caFile, .caDir] where winners[key] == nil {
            for loser in selection.losers(of: key) where loser.candidate.layer == .standardEnvironment {
                guard case .groupTakenElsewhere(_, let winner) = loser.reason else { continue }
                standardLosers.append((key, loser))
                notes[key] =
                    notes[key]
                    ?? "\(loser.candidate.origin) (\(loser.candidate.display)) is not used: the trust group was taken whole from \(winner)"
            }
        }
        if mode == .system, let explicit {
            for (key, loser) in standardLosers {
                diagnostics.append(
                    Diagnostic(
                        .warning, .caSourceNotInEffect,
                        "\(loser.candidate.origin) is set but not used: trust = \"system\" (\(explicit.origin)) takes the trust group and trusts only the platform store",
                        setting: key, origin: loser.candidate.origin,
                        related: [.init("trust = \"system\" set here", origin: explicit.origin)],
                        help:
                            "remove trust = \"system\" there so \(loser.candidate.origin) is used, or set ca-file beside it with trust = \"system+custom\""
                    ))
            }
        }
        if mode != .system, caFiles.isEmpty, caDirs.isEmpty, let explicit {
            diagnostics.append(
                Diagnostic(
                    .error, .customTrustWithoutCAs,
                    "trust is \"\(mode.rawValue)\" but no ca-file or ca-dir is set in the same place",
                    setting: .trust, origin: explicit.origin,
                    related: standardLosers.map {
                        .init(
                            "\($0.1.candidate.origin) is set here but lost with the group",
                            origin: $0.1.candidate.origin)
                    },
                    notes: [
                        "trust, ca-file and ca-dir are one group, taken together from the highest-ranked place that sets any of them"
                    ],
                    help: "set ca-file or ca-dir next to it, or use trust = \"system\""
                ))
        }
        return TrustSettings(mode: mode, caFiles: caFiles, caDirectories: caDirs)
    }

    /// A server that asks for client certificates trusts only the CAs configured for them: the
    /// system store would let in anyone holding a publicly issued certificate with clientAuth.
    /// Written explicitly, `trust = "system"` is honoured with a warning that names the risk.
    private func clientCertificateTrust(_ settings: TLSSettings, _ winners: [SettingKey: Offer]) -> [Diagnostic] {
        guard settings.clientAuthentication != .none, settings.trust.usesSystemStore else { return [] }
        let origin = winners[.clientAuth]?.origin
        if let explicit = winners[.trust] {
            return [
                Diagnostic(
                    .warning, .clientAuthTrustsPublicCAs,
                    "client-auth is \(settings.clientAuthentication) and trust is \"\(settings.trust.mode.rawValue)\": anyone holding a client certificate from a public CA is let in",
                    setting: .trust, origin: explicit.origin,
                    related: origin.map { [.init("client-auth set here", origin: $0)] } ?? [],
                    help: "set ca-file to the CA that issues your clients' certificates, with trust = \"custom\""
                )
            ]
        }
        return [
            Diagnostic(
                .error, .clientAuthWithoutCAs,
                "client-auth is \(settings.clientAuthentication) but no ca-file or ca-dir says which CAs issue client certificates",
                setting: .clientAuth, origin: origin,
                notes: [
                    "a server does not trust the system store for client certificates: any holder of a publicly issued certificate would get in"
                ],
                help:
                    "set ca-file (or ca-dir) to the CA that issues your clients' certificates; to accept public CAs anyway, write trust = \"system\""
            )
        ]
    }

    /// Settings that are valid but weaken every connection.
    private func warnings(_ settings: TLSSettings, _ winners: [SettingKey: Offer]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if settings.verification == .none, role == .client {
            diagnostics.append(
                Diagnostic(
                    .warning, .verificationDisabled,
                    "certificate verification is off: any server, or anyone in between, is accepted",
                    setting: .verify, origin: winners[.verify]?.origin,
                    help: "use verify = \"full\" and add the server's CA with ca-file instead"
                ))
        }
        for key in [SettingKey.minVersion, .maxVersion] {
            if let offer = winners[key], case .version(let version) = offer.value, version.isDeprecated {
                diagnostics.append(
                    Diagnostic(
                        .warning, .deprecatedVersion,
                        "\(key) allows \(version), which is deprecated (RFC 8996) and disabled by many servers",
                        setting: key, origin: offer.origin, help: "use \"1.2\" or \"1.3\""
                    ))
            }
        }
        return diagnostics
    }

    /// The default in display form, or `nil` where the default is "not set".
    private static func defaultDisplay(_ key: SettingKey, _ settings: TLSSettings) -> String? {
        switch key {
        case .trust: settings.trust.mode.rawValue
        case .verify: TLSSettings().verification.rawValue
        case .clientAuth: settings.role == .server ? ClientAuthentication.none.rawValue : nil
        case .minVersion: TLSVersionRange.default.minimum.rawValue
        default: nil
        }
    }
}
