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
            subcommands: [TLSShowCommand<Host>.self, TLSCheckCommand<Host>.self, TLSConnectCommand<Host>.self, TLSTrustCommand<Host>.self],
            defaultSubcommand: TLSShowCommand<Host>.self
        )
    }

    /// Required by ArgumentParser.
    public init() {}
}
