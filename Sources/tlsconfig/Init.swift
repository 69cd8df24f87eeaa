import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig
import TLSConfigCommands

/// `tlsconfig init`: a commented template listing every key.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented configuration template (TOML, or YAML with --yaml).",
        discussion: "Writes to standard output, or to PATH. An existing file is never overwritten without --force."
    )

    @Option(name: .customLong("app"), help: "Name the template's variables and files after the tool NAME.")
    var app: String = "tlsconfig"

    @Flag(help: "Write YAML instead of TOML.")
    var yaml = false

    @Flag(help: "A server's template: cert, key, client-auth and the CAs for client certificates.")
    var server = false

    @Flag(help: "Overwrite PATH if it exists.")
    var force = false

    @Argument(help: "Where to write the template; standard output when omitted.")
    var path: String?

    func run() throws {
        let role: TLSRole = server ? .server : .client
        let text = yaml ? ConfigTemplate.yaml(appName: app, role: role) : ConfigTemplate.toml(appName: app, role: role)
        guard let path else {
            print(text, terminator: "")
            return
        }
        if FileManager.default.fileExists(atPath: path), !force {
            Terminal.error("error: \(path) already exists; pass --force to overwrite it")
            throw ExitCode(1)
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            Terminal.error("error: cannot write \(path): \(error)")
            throw ExitCode(1)
        }
        print("wrote \(path)")
    }
}
