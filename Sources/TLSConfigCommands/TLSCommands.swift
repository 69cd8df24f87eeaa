public import ArgumentParser

/// `tls show|check|connect|trust` for a host tool, in one subcommand: add
/// `TLSCommands<MyToolTLS>.self` to the host's subcommands. Output routing (reports on standard
/// output, diagnostics on standard error), terminal-safe text, JSON and exit codes are those of
/// `tlsconfig`; run the host through `TLSCommandLine.main` for exit code 2 on usage errors.
public struct TLSCommands<Host: TLSCommandsHost>: ParsableCommand {
    /// `tls`, with `show` as the default subcommand.
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "tls",
            abstract: "Show, check or try the TLS settings, and where each came from.",
            subcommands: [
                TLSShowCommand<Host>.self, TLSCheckCommand<Host>.self, TLSConnectCommand<Host>.self,
                TLSTrustCommand<Host>.self,
            ],
            defaultSubcommand: TLSShowCommand<Host>.self
        )
    }

    /// Required by ArgumentParser.
    public init() {}
}

/// What `show`, `check` and `connect` read besides configuration files, for their `--help`:
/// the variables a user may have set for other tools are the usual surprise.
enum TLSCommandHelp {
    static let variables = """
        Besides configuration files, the settings come from the tool's own variables (TLSCONFIG_CA_FILE, TLSCONFIG_CONFIG and so on for \
        tlsconfig; another tool's prefix for it, as `show` lists), and from the variables OpenSSL, uv and curl read: SSL_CERT_FILE, \
        SSL_CERT_DIR and SSL_CLIENT_CERT. REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE are listed as not read unless the tool opts in. \
        With --server, the client variables are not read.
        """
}
