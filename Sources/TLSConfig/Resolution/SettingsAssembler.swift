/// Builds the `TLSSettings` value from the winning offers, filling defaults and
/// reporting combinations that cannot be represented (a key without a certificate,
/// an inverted version range, custom trust without CAs).
struct SettingsAssembler {
    var selection: Selection

    struct Output {
        var settings: TLSSettings
        var values: [ResolvedSetting]
        var diagnostics: [Diagnostic]
    }

    func assemble() -> Output {
        var diagnostics: [Diagnostic] = []
        var settings = TLSSettings()
        var notes: [SettingKey: String] = [:]
        let winners = selection.winners

        // Trust group.
        let caFiles = winners[.caFile]?.value.paths.map(\.absolute) ?? []
        let caDirs = winners[.caDir]?.value.paths.map(\.absolute) ?? []
        var trustOrigin: Origin?
        var mode = TrustMode.system
        if case .trust(let explicit) = winners[.trust]?.value {
            mode = explicit
        } else if let implied = winners[.caFile] ?? winners[.caDir] {
            mode = .custom
            trustOrigin = implied.origin
            notes[.trust] = "implied by \(implied.key): configured CAs replace the system store, as in curl, pip and uv"
        }
        if mode == .custom, caFiles.isEmpty, caDirs.isEmpty, let origin = winners[.trust]?.origin {
            diagnostics.append(Diagnostic(
                .error, .customTrustWithoutCAs, "trust is \"custom\" but no ca-file or ca-dir is set in the same place",
                setting: .trust, origin: origin,
                notes: ["trust, ca-file and ca-dir are one group, taken together from the highest-ranked place that sets any of them"],
                help: "set ca-file or ca-dir next to it, or use trust = \"system\""
            ))
        }
        settings.trust = TrustSettings(mode: mode, caFiles: caFiles, caDirectories: caDirs)

        // Identity group.
        if let cert = winners[.clientCert], case .path(let certPath) = cert.value {
            var identity = ClientIdentity(certificateFile: certPath.absolute)
            if case .path(let keyPath) = winners[.clientKey]?.value { identity.keyFile = keyPath.absolute }
            if case .passphrase(let source) = winners[.clientKeyPassphrase]?.value { identity.passphrase = source }
            settings.identity = identity
        } else if let orphan = winners[.clientKey] ?? winners[.clientKeyPassphrase] {
            diagnostics.append(Diagnostic(
                .error, .identityWithoutCertificate,
                "\(orphan.key) is set but client-cert is not",
                setting: orphan.key, origin: orphan.origin,
                notes: ["client-cert, client-key and client-key-passphrase are one group, taken together from one place"],
                help: "set client-cert in the same place, or remove \(orphan.key)"
            ))
        }

        // Independent keys.
        if case .verify(let mode) = winners[.verify]?.value { settings.verification = mode }
        let minimum: TLSVersion = if case .version(let v) = winners[.minVersion]?.value { v } else { .tls1_2 }
        let maximum: TLSVersion? = if case .version(let v) = winners[.maxVersion]?.value { v } else { nil }
        do {
            settings.versions = try TLSVersionRange(minimum: minimum, maximum: maximum)
        } catch {
            var related: [Diagnostic.Related] = []
            if let maxOrigin = winners[.maxVersion]?.origin {
                related.append(.init("max-version \(error.maximum.rawValue) set here", origin: maxOrigin))
            }
            diagnostics.append(Diagnostic(
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

        let values = SettingKey.allCases.map { key -> ResolvedSetting in
            if let winner = winners[key] {
                return ResolvedSetting(key: key, items: winner.value.items, origin: winner.origin, layer: winner.layer, note: notes[key], losers: selection.losers(of: key))
            }
            let implied = key == .trust ? trustOrigin.flatMap { _ in winners[.caFile] ?? winners[.caDir] } : nil
            return ResolvedSetting(
                key: key, items: Self.defaultDisplay(key, settings).map { [$0] } ?? [],
                origin: implied?.origin ?? .defaultValue, layer: implied?.layer ?? .defaults, note: notes[key], losers: selection.losers(of: key))
        }
        return Output(settings: settings, values: values, diagnostics: diagnostics)
    }

    /// The default in display form, or `nil` where the default is "not set".
    private static func defaultDisplay(_ key: SettingKey, _ settings: TLSSettings) -> String? {
        switch key {
        case .trust: settings.trust.mode.rawValue
        case .verify: CertificateVerification.full.rawValue
        case .minVersion: TLSVersion.tls1_2.rawValue
        default: nil
        }
    }
}
