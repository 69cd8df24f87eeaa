import ArgumentParser
import Foundation
import TLSConfig
import TLSConfigOpenSSL

/// A host tool with its own name (`mytool`), variable prefix (`MYTOOL_`), configuration file
/// (`mytool.toml`, TLS settings in its `[tls]` table) and `--cacert` flag, offering the same
/// `show` and `check` output as `tlsconfig` under `mytool tls`.
@main
struct MyTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mytool",
        abstract: "An example tool that embeds TLSConfig.",
        subcommands: [TLS.self]
    )

    /// Exit codes as `tlsconfig` has them: 0 fine, 1 configuration problem, 2 usage error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// `mytool tls show|check`: nothing here but choosing the tool's resolver and printing the
/// library's reports.
struct TLS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Show or check the TLS settings mytool uses, and where each came from.",
        subcommands: [Show.self, Check.self],
        defaultSubcommand: Show.self
    )
}

/// The options of every `mytool` command that connects, and how they shape resolution.
struct TLSOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Trust only the CAs in this PEM file (outranks MYTOOL_CA_FILE and mytool.toml).", valueName: "file"))
    var cacert: String?

    @Option(name: .long, help: ArgumentHelp("Resolve for this host (HOST or HOST:PORT), applying [tls.hosts.\"...\"] sections.", valueName: "host"))
    var host: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    /// mytool's resolver: its own file and table, its own variables, and `--cacert` as an
    /// override that shows up as "override --cacert" in `show`.
    var resolverConfiguration: ResolverConfiguration {
        ResolverConfiguration(
            appName: "mytool",
            overrides: cacert.map { [SettingOverride(.caFile, $0, label: "--cacert")] } ?? [],
            documents: ConfigFileDiscovery(projectFileNames: ["mytool.toml"], tablePath: ["tls"])
        )
    }

    func resolve() -> Resolution {
        let resolver = SettingsResolver(resolverConfiguration)
        return host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
    }

    var style: TextStyle {
        .automatic(isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
    }

    func emit(text: String, json: JSONValue) {
        switch format {
        case .text: print(text, terminator: "")
        case .json: print(json.rendered())
        }
    }
}

extension TLS {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every TLS setting, its value and its origin.")

        @OptionGroup var options: TLSOptions

        @Flag(help: "Also show every candidate that lost, and why.")
        var all = false

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let resolution = options.resolve()
            let context = resolution.hasErrors ? nil : try? TLSContextBuilder(resolution: resolution).makeClientContext()
            let facts = OpenSSLReport.factsSection(OpenSSLFacts.current(environment: environment), context: context)
            let report = ResolutionReport(resolution, showLosers: all, extraSections: [facts])
            options.emit(text: report.text(style: options.style), json: report.json())
            if resolution.hasErrors { throw ExitCode(1) }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the TLS settings deeply; exits 1 on any error.")

        @OptionGroup var options: TLSOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let check = SettingsCheck(options.resolve())
            let facts = OpenSSLFacts.current(environment: environment)
            options.emit(text: check.text(style: options.style, facts: facts), json: check.json(facts: facts))
            if !check.passed { throw ExitCode(1) }
        }
    }
}
