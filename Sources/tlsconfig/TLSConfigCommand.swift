import ArgumentParser
import Foundation

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
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
