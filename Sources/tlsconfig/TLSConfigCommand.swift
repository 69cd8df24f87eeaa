import ArgumentParser
import TLSConfig
import TLSConfigCommands
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `tlsconfig`: show, check and try the TLS settings a tool would use, and where each came from.
@main
struct TLSConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tlsconfig",
        abstract: "Show, check and try the TLS settings a tool would use, and where each came from.",
        discussion: HelpText.sources,
        version: TLSConfigVersion.current,
        subcommands: [
            TLSShowCommand<CLIHost>.self, TLSCheckCommand<CLIHost>.self, TLSConnectCommand<CLIHost>.self,
            TLSTrustCommand<CLIHost>.self, Init.self, Manual.self,
        ],
        defaultSubcommand: TLSShowCommand<CLIHost>.self
    )

    /// The subcommand names, for telling a misspelt command from `show`'s arguments. Written
    /// out: asking ArgumentParser for them instantiates every command's metadata at start-up
    /// (0.5 ms of each run). A test checks the list against the configuration.
    static let commandNames = ["show", "check", "connect", "trust", "init", "manual", "help"]

    /// Exit codes: 0 fine, 1 configuration or connection problem, 2 usage error.
    static func main() {
        // `tlsconfig bogus` would otherwise be `show bogus`, answered with show's usage.
        if let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-"), !commandNames.contains(first) {
            Terminal.error(
                "error: no such command \"\(HelpText.safe(first))\"; the commands are show, check, connect, trust and init (see tlsconfig --help)"
            )
            terminate(2)
        }
        TLSCommandLine.main(TLSConfigCommand.self)
    }
}

import Glibc
private func terminate(_ code: Int32) -> Never { Glibc.exit(code) }
