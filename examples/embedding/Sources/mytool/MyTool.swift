import ArgumentParser
import TLSConfig
import TLSConfigCommands

/// A host tool with its own name (`mytool`), variable prefix (`MYTOOL_`), configuration file
/// (`mytool.toml`, TLS settings in its `[tls]` table) and `--cacert` flag, offering
/// `mytool tls show|check|connect` with the same output, JSON and exit codes as `tlsconfig`.
/// Its own commands are async, so its main is too.
@main
struct MyTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mytool",
        abstract: "An example tool that embeds TLSConfig.",
        subcommands: [TLSCommands<MyToolTLS>.self, Greet.self]
    )

    static func main() async {
        await TLSCommandLine.main(MyTool.self)
    }
}

/// One of mytool's own commands, async like most of a service tool's.
struct Greet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Prints a greeting after a pause.")

    func run() async throws {
        try await Task.sleep(for: .milliseconds(1))
        print("hello from an async command")
    }
}

/// How mytool resolves: its own file and table, its own variables, and `--cacert` as an
/// override that shows up as "override --cacert" in `show`.
struct MyToolTLS: TLSCommandsHost {
    struct Options: ParsableArguments {
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Trust only the CAs in this PEM file (outranks MYTOOL_CA_FILE and mytool.toml).", valueName: "file"))
        var cacert: String?
    }

    static let commandPath = "mytool tls"

    static func resolverConfiguration(_ options: Options) -> ResolverConfiguration {
        ResolverConfiguration(
            appName: "mytool",
            overrides: options.cacert.map { [SettingOverride(.caFile, $0, label: "--cacert")] } ?? [],
            documents: ConfigFileDiscovery(projectFileNames: ["mytool.toml"], tablePath: ["tls"])
        )
    }
}
