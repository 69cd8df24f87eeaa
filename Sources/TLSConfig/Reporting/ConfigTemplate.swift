/// A commented configuration file listing every key, for `tlsconfig init`.
/// Generated from `SettingKey`, so it always names exactly the keys the reader accepts.
package enum ConfigTemplate {
    /// The template as TOML, for `APP.toml`: a client's keys, or with `role` a server's.
    package static func toml(appName: String = "tlsconfig", role: TLSRole = .client) -> String {
        if role == .server {
            return render(
                appName: appName, role: role, entry: { "# \($0) = \($1)" },
                hosts: [
                    "# [hosts.\"admin.example.com\"]      # the SNI name a client asked for",
                    "# client-auth = \"required\"",
                ])
        }
        return render(
            appName: appName, role: role, entry: { "# \($0) = \($1)" },
            hosts: [
                "# [hosts.\"*.internal.example.com\"]",
                "# ca-file = \"certs/internal-ca.pem\"",
                "#",
                "# [hosts.\"db.internal.example.com:5432\"]",
                "# client-cert = \"certs/db-client.pem\"",
                "# min-version = \"1.3\"",
            ])
    }

    /// The same template as YAML.
    package static func yaml(appName: String = "tlsconfig", role: TLSRole = .client) -> String {
        if role == .server {
            return render(
                appName: appName, role: role, entry: { "# \($0): \($1)" },
                hosts: [
                    "# hosts:",
                    "#   \"admin.example.com\":",
                    "#     client-auth: required",
                ])
        }
        return render(
            appName: appName, role: role, entry: { "# \($0): \($1)" },
            hosts: [
                "# hosts:",
                "#   \"*.internal.example.com\":",
                "#     ca-file: certs/internal-ca.pem",
                "#   \"db.internal.example.com:5432\":",
                "#     client-cert: certs/db-client.pem",
                "#     min-version: \"1.3\"",
            ])
    }

    /// The formats differ only in how a key and its value are joined and how sections are written.
    private static func render(
        appName: String, role: TLSRole, entry: (String, String) -> String, hosts: [String]
    ) -> String {
        var lines = header(appName, comment: "#")
        if role == .server {
            lines += [
                "# These are a server's settings: cert and key are its identity; with client-auth,",
                "# ca-file and ca-dir are the CAs that issue client certificates (never the public",
                "# store unless trust = \"system\" is written). SSL_CERT_FILE, SSL_CERT_DIR and",
                "# SSL_CLIENT_CERT are client variables, not read by a server.",
            ]
        }
        for key in SettingKey.keys(for: role) {
            lines.append("")
            lines += comments(for: key, appName: appName)
            lines.append(
                entry(
                    key.fileKey,
                    value(role == .server && key == .caFile ? ["certs/client-ca.pem"] : key.example, list: key.isList)))
        }
        lines +=
            [
                "",
                "# Host sections apply to matching hosts only; the most specific section wins per key.",
                "# Patterns: host, host:port, *.suffix, *.suffix:port, IPv4, [IPv6], [IPv6]:port.",
            ] + hosts + [""]
        return lines.joined(separator: "\n")
    }

    private static func header(_ appName: String, comment: String) -> [String] {
        let prefix = ResolverConfiguration.prefix(for: appName)
        return [
            "\(comment) TLS settings for \(appName). Every key is optional; uncomment what you need.",
            "\(comment) Precedence, highest first: code overrides, \(prefix)_* variables, config files",
            "\(comment) (--config/\(prefix)_CONFIG > project > user > system), SSL_CERT_FILE / SSL_CERT_DIR /",
            "\(comment) SSL_CLIENT_CERT, defaults. Relative paths resolve against this file's directory.",
            // Without --app, tlsconfig reads its own files and variables, not this tool's.
            appName == "tlsconfig"
                ? "\(comment) Check the result with `tlsconfig show` and `tlsconfig check`."
                : "\(comment) Check the result with `tlsconfig show --app \(appName)` and `tlsconfig check --app \(appName)`.",
        ]
    }

    private static func comments(for key: SettingKey, appName: String) -> [String] {
        let variable = key.environmentVariable(prefix: ResolverConfiguration.prefix(for: appName))
        return ["# \(key.summary)", "# Default: \(key.defaultDescription). Variable: \(variable)."]
    }

    /// Quoted strings and flow lists read the same in TOML and YAML.
    private static func value(_ items: [String], list: Bool) -> String {
        let quoted = items.map { "\"\($0)\"" }
        return list ? "[" + quoted.joined(separator: ", ") + "]" : quoted[0]
    }
}
