import ArgumentParser
import TLSConfig

/// `tlsconfig manual`: the man page, built from the same sources as `--help` (each command's
/// help screen) and the schema (every variable and file), so the two cannot disagree. Hidden
/// from `--help`; the install script writes it to `share/man/man1/tlsconfig.1`.
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the tlsconfig(1) man page (roff).",
        shouldDisplay: false
    )

    func run() throws {
        print(Self.page(), terminator: "")
    }

    static func page() -> String {
        var out: [String] = []
        out.append(".TH TLSCONFIG 1 \"\" \"tlsconfig \(TLSConfigVersion.current)\" \"User Commands\"")
        out.append(".SH NAME")
        out.append("tlsconfig \\- " + escape(TLSConfigCommand.configuration.abstract.lowercasedFirst))
        out.append(".SH SYNOPSIS")
        out.append(".B tlsconfig")
        out.append(
            "[\\fBshow\\fR | \\fBcheck\\fR | \\fBconnect\\fR \\fIHOST\\fR[:\\fIPORT\\fR] | \\fBtrust\\fR [\\fIPATH\\fR] | \\fBinit\\fR [\\fIPATH\\fR]] [\\fIoptions\\fR]"
        )
        out.append(".SH DESCRIPTION")
        out.append(
            "tlsconfig answers, for any tool that opens TLS connections, which CA bundle, client certificate and key, protocol versions and verification rules apply, and where each came from. show lists every setting with its origin; check also decodes every certificate, key and CRL and builds a real context; connect tries a real handshake and explains its outcome; trust lets a project file's settings that weaken TLS apply; init writes a commented template."
        )
        out.append(".PP")
        out.append(escape(TLSConfigCommand.configuration.discussion))
        out.append(".PP")
        out.append(
            "In text mode each command writes its report to standard output and its diagnostics to standard error; with \\fB\\-\\-format json\\fR everything is one JSON document on standard output."
        )
        out.append(".SH COMMANDS")
        for command in TLSConfigCommand.configuration.subcommands {
            out.append(".SS \(command._commandName)")
            out.append(".nf")
            out.append(escape(TLSConfigCommand.helpMessage(for: command, columns: 78)))
            out.append(".fi")
        }
        out.append(".SH ENVIRONMENT")
        out.append(
            "Read with the prefix \\fBTLSCONFIG\\fR; with \\fB\\-\\-app\\fR \\fINAME\\fR, with \\fINAME\\fR upper-cased (\\- becomes _). An empty variable counts as unset. A \\fBTLSCONFIG_\\fR variable that names no setting is warned about."
        )
        for key in SettingKey.allCases {
            variable(key.environmentVariable(prefix: "TLSCONFIG"), "\(key.rawValue): \(key.summary)", into: &out)
        }
        variable("TLSCONFIG_CONFIG", "An explicit configuration file; --config outranks it.", into: &out)
        variable(
            "TLSCONFIG_SAFE_DIRECTORIES",
            "Directories, separated by \":\", whose discovered configuration files are read even when another user owns them or others can write them (\"*\" for all); as safe-directories in the user or system configuration file.",
            into: &out)
        variable(
            "TLSCONFIG_TRUSTED_CONFIG_PATHS",
            "Project files, or directories holding them, separated by \":\", trusted to weaken TLS settings without tlsconfig trust (for automation).",
            into: &out)
        variable("SSL_CERT_FILE", "CA file (the standard environment layer, below config files).", into: &out)
        variable("SSL_CERT_DIR", "CA directories, separated by \":\"; hashed or not.", into: &out)
        variable(
            "SSL_CLIENT_CERT",
            "Client certificate and key in one PEM file (as uv reads it), or PKCS#12; its passphrase comes from TLSCONFIG_CLIENT_KEY_PASSPHRASE or a config file.",
            into: &out)
        variable(
            "REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE",
            "Listed by show as not honoured: tlsconfig reads them only where a host tool opts in.", into: &out)
        variable("HOME, XDG_CONFIG_HOME", "Locate the user configuration; relative values are ignored.", into: &out)
        variable(
            "HTTPS_PROXY, https_proxy, ALL_PROXY, all_proxy",
            "connect tunnels through this HTTP proxy with CONNECT, as curl does; credentials in the URL are never printed.",
            into: &out)
        variable("NO_PROXY, no_proxy", "Hosts (and domains) connect reaches directly; \"*\" means all.", into: &out)
        variable("NO_COLOR", "Any non-empty value turns colour off.", into: &out)
        variable("TERM", "TERM=dumb turns colour off.", into: &out)
        variable(
            "OPENSSL_CONF", "Read by OpenSSL itself; show reports it, since it can change protocol defaults.",
            into: &out)
        out.append(".SH FILES")
        out.append(
            "Highest scope first; with \\fB\\-\\-app\\fR \\fINAME\\fR, \\fINAME\\fR replaces tlsconfig. One scope holding two formats is an error."
        )
        for (path, meaning) in [
            (
                "tlsconfig.toml, .tlsconfig.toml, tlsconfig.yaml, .tlsconfig.yaml, tlsconfig.yml, .tlsconfig.yml",
                "Project file: the nearest, walking up from the working directory (--project-file and --table for tools that embed their settings)."
            ),
            ("$XDG_CONFIG_HOME/tlsconfig/config.{toml,yaml,yml}", "User configuration."),
            ("~/.config/tlsconfig/config.{toml,yaml,yml}", "User configuration when XDG_CONFIG_HOME is unset."),
            ("/etc/tlsconfig/config.{toml,yaml,yml}", "System configuration."),
            (
                "~/.config/tlsconfig/trusted-files",
                "The project files trusted with tlsconfig trust, by path and SHA-256 (under $XDG_CONFIG_HOME when set). A discovered file owned by another user than you or root, or writable by others, is not read unless its directory is in safe-directories."
            ),
        ] {
            out.append(".TP")
            out.append(".I " + escape(path))
            out.append(escape(meaning))
        }
        out.append(".SH EXIT STATUS")
        for (code, meaning) in [
            ("0", "Fine: the settings resolve (show, check) or the handshake succeeded (connect)."),
            (
                "1",
                "A configuration or connection problem; every problem is reported, with where its setting came from."
            ),
            ("2", "A usage error: an unknown command or option, or a bad option value."),
        ] {
            out.append(".TP")
            out.append(".B \(code)")
            out.append(meaning)
        }
        out.append(".SH EXAMPLES")
        for (command, meaning) in [
            (
                "tlsconfig show \\-\\-host db.internal.example.com:5432 \\-\\-all",
                "Every setting for that host, where it came from, and what lost."
            ),
            ("tlsconfig check", "Deep checks of the certificates, keys and CRLs configured, and a real context build."),
            (
                "SSL_CLIENT_CERT=client.pem tlsconfig connect api.example.com",
                "A real handshake with a client certificate, explained."
            ),
            (
                "tlsconfig show \\-\\-app mytool \\-\\-project\\-file mytool.toml \\-\\-table tls",
                "Resolve exactly as a tool that keeps its TLS settings in the [tls] table of mytool.toml."
            ),
            ("tlsconfig show \\-\\-format json | jq .settings", "The same for programs."),
            (
                "tlsconfig check \\-\\-server",
                "A server's settings: cert, key, client\\-auth and the CAs for client certificates, checked as every server build checks them."
            ),
        ] {
            out.append(".TP")
            out.append(".B " + command)
            out.append(meaning)
        }
        out.append(".SH SEE ALSO")
        out.append(".BR openssl (1),")
        out.append(".BR curl (1)")
        return out.joined(separator: "\n") + "\n"
    }

    private static func variable(_ name: String, _ meaning: String, into out: inout [String]) {
        out.append(".TP")
        out.append(".B " + escape(name))
        out.append(escape(meaning))
    }

    /// roff: a backslash doubled, a leading dot or quote protected.
    private static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var escaped = ""
            for character in line {
                switch character {
                case "\\": escaped += "\\e"
                case "-": escaped += "\\-"
                default: escaped.append(character)
                }
            }
            return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
        }.joined(separator: "\n")
    }
}

private extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
