import ArgumentParser
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
        subcommands: [Show.self, Check.self, Connect.self, Init.self],
        defaultSubcommand: Show.self
    )

    /// Exit codes: 0 fine, 1 configuration or connection problem, 2 usage error.
    static func main() {
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
