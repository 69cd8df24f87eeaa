/// The configuration reference as a Markdown table, generated from `SettingKey` so the README
/// and the DocC guide cannot drift from what the reader accepts (a test compares them).
package enum ConfigReference {
    /// The variables read besides the keys' own, with who reads them and what they do.
    package static let otherVariables: [(name: String, readBy: String, meaning: String)] = [
        ("PREFIX_CONFIG", "both", "An explicit configuration file (`--config` wins over it)."),
        (
            "PREFIX_SAFE_DIRECTORIES", "both",
            "`:`-separated directories whose discovered files are read whatever their owner (git's safe.directory)."
        ),
        (
            "PREFIX_TRUSTED_CONFIG_PATHS", "both",
            "`:`-separated project files trusted to weaken TLS settings, as `tlsconfig trust` records."
        ),
        (
            "SSL_CERT_FILE", "client",
            "CA file, as OpenSSL reads it: `ca-file` in the standard-environment layer. A server reads it only when its code opts in."
        ),
        ("SSL_CERT_DIR", "client", "`:`-separated CA directories: `ca-dir` in the standard-environment layer."),
        (
            "SSL_CLIENT_CERT", "client",
            "Client certificate, as uv reads it: `client-cert` in the standard-environment layer."
        ),
        (
            "REQUESTS_CA_BUNDLE", "client",
            "pip's CA bundle: read as `ca-file` only when the tool opts in; otherwise listed as not read."
        ),
        (
            "CURL_CA_BUNDLE", "client",
            "curl's CA bundle: read as `ca-file` only when the tool opts in; otherwise listed as not read."
        ),
        (
            "HTTPS_PROXY, ALL_PROXY, NO_PROXY", "client",
            "The proxy `tlsconfig connect` tunnels through, chosen as curl chooses it (lower-case spellings too)."
        ),
        (
            "HOME, XDG_CONFIG_HOME", "both",
            "Where `~` and the user configuration directory are; a relative value is ignored."
        ),
        (
            "OPENSSL_CONF", "both",
            "OpenSSL's own configuration file; `show` reports it and the protocol bounds it leaves in force."
        ),
    ]

    /// The DocC article `SettingsReference.md`: every key and every variable.
    package static func settingsArticle() -> String {
        var lines = [
            "# Settings reference",
            "",
            "Every key and variable TLSConfig reads: its type, default, role and meaning.",
            "",
            "## Overview",
            "",
            "This page is generated from `SettingKey`, the one list the reader, the variables, `tlsconfig init`",
            "and the README are made from; a test fails when it differs. Every key can be written in a TOML or",
            "YAML file (top level, or inside a `[hosts.\"PATTERN\"]` section) and set through the tool's variable:",
            "`TLSCONFIG_` for the `tlsconfig` command, the prefix of ``ResolverConfiguration/environmentPrefix``",
            "for a tool. Lists in variables are `:`-separated for paths and ciphers, `,`-separated for ALPN",
            "and `;`-separated for pins. Role says whether a client, a server (``ResolverConfiguration/role``)",
            "or both read the key.",
            "",
            "## Keys",
            "",
        ]
        lines.append(markdownTable())
        lines += [
            "## Other variables", "", "`PREFIX` is the tool's prefix (`TLSCONFIG` for the command).", "",
            "| variable | role | meaning |", "|---|---|---|",
        ]
        for variable in otherVariables {
            let names = variable.name.split(separator: ", ").map { "`\($0)`" }.joined(separator: ", ")
            lines.append("| \(names) | \(variable.readBy) | \(variable.meaning.replacingPipes) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func markdownTable(environmentPrefix: String = "TLSCONFIG") -> String {
        var lines = [
            "| key | variable | role | type | default | meaning |",
            "|---|---|---|---|---|---|",
        ]
        for key in SettingKey.allCases {
            let type = key.typeDescription.replacingPipes
            let roles = key.roles.count == 2 ? "both" : key.roles.first!.rawValue
            lines.append(
                "| `\(key.fileKey)` | `\(key.environmentVariable(prefix: environmentPrefix))` | \(roles) | \(type) | \(key.defaultDescription) | \(key.summary.replacingPipes) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Escapes `|` for a Markdown table cell.
    fileprivate var replacingPipes: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
