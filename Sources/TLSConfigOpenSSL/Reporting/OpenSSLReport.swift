package import TLSConfig

/// Report sections that need OpenSSL, for `tlsconfig show` and for host tools that embed it.
package enum OpenSSLReport {
    /// Library version, where it looks for its configuration and trust store, and the protocol
    /// bounds a fresh context gets from the system configuration and, when it builds, the
    /// bounds in force with `context`.
    package static func factsSection(_ facts: OpenSSLFacts, context: TLSContext?) -> ResolutionReport.Section {
        factsSection(
            facts,
            inForce: context.map {
                (
                    ProtocolVersionBounds(minimum: $0.protocolVersions.minimum, maximum: $0.protocolVersions.maximum),
                    $0.securityLevel
                )
            }, trustStore: context?.trustStore
        )
    }

    /// The same, from a `TLSContextBuilder.protocolPreview()` when no context was built.
    package static func factsSection(
        _ facts: OpenSSLFacts, inForce: (versions: ProtocolVersionBounds, securityLevel: Int)?,
        trustStore: TrustStoreSummary?
    ) -> ResolutionReport.Section {
        func exists(_ fact: OpenSSLFacts.PathFact) -> String {
            fact.path + (fact.exists ? "" : "  (does not exist)")
        }
        var rows: [(String, String)] = [
            ("version", facts.version),
            ("OPENSSLDIR", facts.directory),
            ("default CA file", exists(facts.defaultCertificateFile)),
            ("default CA dir", exists(facts.defaultCertificateDirectory)),
            ("OPENSSL_CONF", facts.configurationVariable ?? "unset"),
            ("system defaults", "\(facts.defaultProtocolVersions) (security level \(facts.defaultSecurityLevel))"),
        ]
        var json: [(String, JSONValue)] = [
            ("version", .string(facts.version)),
            ("directory", .string(facts.directory)),
            (
                "defaultCAFile",
                .object([
                    ("path", .string(facts.defaultCertificateFile.path)),
                    ("exists", .bool(facts.defaultCertificateFile.exists)),
                ])
            ),
            (
                "defaultCADirectory",
                .object([
                    ("path", .string(facts.defaultCertificateDirectory.path)),
                    ("exists", .bool(facts.defaultCertificateDirectory.exists)),
                ])
            ),
            ("opensslConf", JSONValue(facts.configurationVariable)),
            ("systemDefaultVersions", versions(facts.defaultProtocolVersions)),
            ("systemSecurityLevel", .int(facts.defaultSecurityLevel)),
        ]
        if let inForce {
            rows.append(("in force", "\(inForce.versions) (security level \(inForce.securityLevel))"))
            json.append(("effectiveVersions", versions(inForce.versions)))
            json.append(("effectiveSecurityLevel", .int(inForce.securityLevel)))
        }
        if let trustStore {
            rows.append(("trust store", trustDescription(trustStore)))
            json.append(("trustedCertificates", .int(trustStore.certificates)))
            let lookedUp = trustStore.sources.first { $0.kind == .systemFile }?.lookedUpThrough
            json.append(("systemBundle", .string(lookedUp == nil ? "loaded" : "looked-up-through-directory")))
        }
        return ResolutionReport.Section(title: "OpenSSL", rows: rows, json: .object(json))
    }

    static func versions(_ bounds: ProtocolVersionBounds) -> JSONValue {
        .object([("minimum", JSONValue(bounds.minimum?.rawValue)), ("maximum", JSONValue(bounds.maximum?.rawValue))])
    }

    static func trustDescription(_ summary: TrustStoreSummary) -> String {
        let sources = summary.sources.map { source in
            if let directory = source.lookedUpThrough {
                return source.path
                    + " (\(source.count ?? 0), looked up through \(directory), which holds the same certificates)"
            }
            return source.path + (source.count.map { " (\($0))" } ?? "")
        }
        let lazy = summary.sources.contains { $0.count == nil } ? ", plus lazy lookup in hashed directories" : ""
        return "\(summary.certificates) certificate(s) loaded\(lazy): " + sources.joined(separator: ", ")
    }
}
