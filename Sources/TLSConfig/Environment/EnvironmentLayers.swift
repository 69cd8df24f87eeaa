#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns environment variables into offers: the tool's own `PREFIX_*` and the standard
/// `SSL_CERT_FILE`, `SSL_CERT_DIR`, `SSL_CLIENT_CERT` (plus the opt-in pip/curl ones).
struct EnvironmentLayers {
    var configuration: ResolverConfiguration
    var reader: EnvironmentReader

    private var parser: SettingValueParser {
        SettingValueParser(baseDirectory: configuration.workingDirectory, home: configuration.home)
    }

    /// `PREFIX_CA_FILE` and friends; lists split on the key's separator (`:` for paths).
    func toolOffers(_ diagnostics: inout [Diagnostic]) -> [Offer] {
        var offers: [Offer] = []
        for key in SettingKey.allCases {
            let name = key.environmentVariable(prefix: configuration.environmentPrefix)
            // The other role's variables are read only when set (the role rule then says what to
            // use instead); `show` lists the role's own.
            if !key.roles.contains(configuration.role), reader.values[name]?.isEmpty ?? true { continue }
            // A passphrase variable that is not an `env:`/`file:` source may be the secret
            // itself (a user mistake): `show` must not print it.
            let secret =
                key.isIdentityPassphrase
                && reader.values[name].map { ClientIdentity.Passphrase(parsing: $0) == nil } == true
            guard let raw = reader.value(name, purpose: key.summary, secret: secret) else { continue }
            let (items, isList) = key.items(ofVariableValue: raw)
            offer(
                key, items: items, isList: isList, variable: name, layer: .toolEnvironment, place: "tool-environment",
                into: &offers, &diagnostics)
        }
        diagnostics += unknownToolVariables()
        return offers
    }

    /// `PREFIX_*` variables that name no setting: a typo such as `TLSCONFIG_CA_FIEL` would
    /// otherwise change nothing and say nothing. The prefix's own non-setting variables
    /// (`PREFIX_CONFIG`) are known; values are never shown, since a misspelt key may hold a secret.
    private func unknownToolVariables() -> [Diagnostic] {
        let prefix = configuration.environmentPrefix + "_"
        let prefixed = reader.values.keys.filter { $0.utf8.starts(with: prefix.utf8) }
        guard !prefixed.isEmpty else { return [] }
        let settings = SettingKey.allCases.map { $0.environmentVariable(prefix: configuration.environmentPrefix) }
        let own = ResolverConfiguration.ownVariableSuffixes.map { prefix + $0 }
        let known = Set(settings + own)
        var diagnostics: [Diagnostic] = []
        for name in prefixed.sorted() where !known.contains(name) {
            let suffix = String(name.dropFirst(prefix.count))
            let ownNames = ResolverConfiguration.ownVariableSuffixes.map {
                String($0.lowercased().map { $0 == "_" ? "-" : $0 })
            }
            let suggestion = Spelling.suggestion(for: suffix, among: SettingKey.allCases.map(\.rawValue) + ownNames)
                .map {
                    prefix
                        + (SettingKey(rawValue: $0)?.environmentSuffix
                            ?? String($0.uppercased().map { $0 == "-" ? "_" : $0 }))
                }
            let hint =
                suggestion.map { "did you mean \($0)?" }
                ?? "the \(prefix)* variables are \((settings + own).joined(separator: ", "))"
            reader.ignore(
                name, purpose: "not a \(configuration.appName) variable",
                reason: suggestion.map { "unknown; did you mean \($0)?" } ?? "unknown", hidingValue: true)
            diagnostics.append(
                Diagnostic(
                    .warning, .unknownVariable,
                    "\(name) is set but is not a \(configuration.appName) variable, so it changes nothing",
                    origin: .environment(variable: name),
                    help: suggestion.map { "rename it to \($0)" } ?? hint
                ))
        }
        return diagnostics
    }

    /// The variables OpenSSL, uv, pip and curl read, each mapped onto one setting.
    func standardOffers(_ diagnostics: inout [Diagnostic]) -> [Offer] {
        var offers: [Offer] = []
        let place = "standard-environment"
        // A server does not take the variables people set for their clients: SSL_CLIENT_CERT
        // would become its identity, SSL_CERT_FILE the trust for client certificates.
        if configuration.role == .server, !configuration.readsClientVariablesAsServer {
            let reason =
                "set for clients (uv, curl, pip): a server does not read it unless its code opts in (readsClientVariablesAsServer)"
            for (name, purpose) in [
                ("REQUESTS_CA_BUNDLE", "pip/requests CA bundle"), ("CURL_CA_BUNDLE", "curl CA bundle"),
                ("SSL_CERT_FILE", "CA file (OpenSSL)"), ("SSL_CERT_DIR", "CA directories (OpenSSL)"),
                ("SSL_CLIENT_CERT", "client certificate (uv)"),
            ] {
                reader.ignore(name, purpose: purpose, reason: reason)
            }
            return offers
        }
        let caBundles: [(String, Bool, String)] = [
            ("REQUESTS_CA_BUNDLE", configuration.honorsRequestsCABundle, "pip/requests CA bundle"),
            ("CURL_CA_BUNDLE", configuration.honorsCurlCABundle, "curl CA bundle"),
        ]
        var order = 0
        for (name, honoured, purpose) in caBundles {
            if honoured {
                if let raw = reader.value(name, purpose: purpose + " (CA file)") {
                    offer(
                        .caFile, items: [raw], isList: true, variable: name, layer: .standardEnvironment, place: place,
                        order: order, into: &offers, &diagnostics)
                }
            } else {
                reader.ignore(
                    name, purpose: purpose,
                    reason:
                        "not honoured by \(configuration.appName); set \(SettingKey.caFile.environmentVariable(prefix: configuration.environmentPrefix)) or SSL_CERT_FILE instead"
                )
            }
            order += 1
        }
        if let raw = reader.value("SSL_CERT_FILE", purpose: "CA file (OpenSSL)") {
            offer(
                .caFile, items: [raw], isList: true, variable: "SSL_CERT_FILE", layer: .standardEnvironment,
                place: place, order: order, into: &offers, &diagnostics)
        }
        if let raw = reader.value("SSL_CERT_DIR", purpose: "CA directories, \":\"-separated (OpenSSL)") {
            let dirs = raw.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
            if !dirs.isEmpty {
                offer(
                    .caDir, items: dirs, isList: true, variable: "SSL_CERT_DIR", layer: .standardEnvironment,
                    place: place, into: &offers, &diagnostics)
            }
        }
        if let raw = reader.value("SSL_CLIENT_CERT", purpose: "client certificate and key in one PEM file (uv)") {
            offer(
                configuration.role.identityKeys.certificate, items: [raw], isList: false, variable: "SSL_CLIENT_CERT",
                layer: .standardEnvironment, place: place, into: &offers, &diagnostics)
        }
        return offers
    }

    private func offer(
        _ key: SettingKey, items: [String], isList: Bool, variable: String, layer: Layer, place: String, order: Int = 0,
        into offers: inout [Offer], _ diagnostics: inout [Diagnostic]
    ) {
        let origin = Origin.environment(variable: variable)
        do {
            let value = try parser.parse(key, items: items, isList: isList)
            offers.append(Offer(key: key, value: value, origin: origin, layer: layer, place: place, order: order))
        } catch {
            diagnostics.append(
                Diagnostic(.error, error.code, error.message, setting: key, origin: origin, help: error.help))
        }
    }
}
