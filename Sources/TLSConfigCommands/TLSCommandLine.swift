public import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command tree with `tlsconfig`'s exit codes: 0 fine, 1 a configuration or connection
/// problem (the commands throw `ExitCode(1)`), 2 a usage error (ArgumentParser's default is 64).
public enum TLSCommandLine {
    /// Parses the process arguments, runs the command and exits.
    public static func main<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        do {
            var command = try root.parseAsRoot()
            try command.run()
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            if root.exitCode(for: error) == .success {
                Terminal.write(root.fullMessage(for: error) + "\n", to: Terminal.standardOutput)
                exit(0)
            }
            Terminal.error(root.fullMessage(for: error))
            exit(2)
        }
    }
}
