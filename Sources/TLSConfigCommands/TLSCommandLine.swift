public import ArgumentParser
import Glibc

/// Runs a command tree with `tlsconfig`'s exit codes: 0 fine, 1 a configuration or connection
/// problem (the commands throw `ExitCode(1)`), 2 a usage error (ArgumentParser's default is 64).
///
/// A tool whose commands are async (`AsyncParsableCommand`) calls it from an async `main`:
/// `static func main() async { await TLSCommandLine.main(MyTool.self) }`. Called from
/// synchronous code, it cannot run an async command: it says so, naming the call to make, and
/// exits 1 (ArgumentParser's own synchronous path would print the help and exit 0).
public enum TLSCommandLine {
    /// Parses the process arguments, runs the command (awaiting an async one) and exits.
    public static func main<Root: ParsableCommand>(_ root: Root.Type) async -> Never {
        do {
            var command = try root.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            finish(root, error)
        }
    }

    /// Parses the process arguments, runs the command and exits; an async command is refused.
    public static func main<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        do {
            var command = try root.parseAsRoot()
            if command is any AsyncParsableCommand {
                Terminal.error(
                    "\(type(of: command)) is an async command, and this tool's main runs commands synchronously; call `await TLSCommandLine.main(\(root).self)` from an async main"
                )
                exit(1)
            }
            try command.run()
            exit(0)
        } catch {
            finish(root, error)
        }
    }

    private static func finish<Root: ParsableCommand>(_ root: Root.Type, _ error: any Error) -> Never {
        if let code = error as? ExitCode { exit(code.rawValue) }
        if root.exitCode(for: error) == .success {
            Terminal.write(root.fullMessage(for: error) + "\n", to: Terminal.standardOutput)
            exit(0)
        }
        Terminal.error(root.fullMessage(for: error))
        exit(2)
    }
}
