import ArgumentParser
import TLSConfig
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
        subcommands: [Show.self, Check.self, Connect.self, Init.self, Manual.self],
        defaultSubcommand: Show.self
    )

    /// The subcommand names, for telling a misspelt command from `show`'s arguments.
    static let commandNames = configuration.subcommands.map { $0._commandName } + ["help"]

    /// Exit codes: 0 fine, 1 configuration or connection problem, 2 usage error.
    static func main() {
        // `tlsconfig bogus` would otherwise be `show bogus`, answered with show's usage.
        if let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-"), !commandNames.contains(first) {
            printError("error: no such command \"\(HelpText.safe(first))\"; the commands are show, check, connect and init (see tlsconfig --help)")
            exitProcess(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitProcess(0)
            }
            printError(fullMessage(for: error))
            exitProcess(2)
        }
    }
}
