import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig

/// Options every command shares: which tool to resolve as, which host, and how to print.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("app"), help: "Resolve exactly as the tool NAME would: its NAME_* variables and NAME config files.")
    var app: String = "tlsconfig"

    @Option(name: .long, help: ArgumentHelp("Read this configuration file (outranks NAME_CONFIG).", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("project-file"),
        help: ArgumentHelp("With --app, the tool's own project file names (repeatable), instead of NAME.toml, .NAME.toml, NAME.yaml, ...", valueName: "name")
    )
    var projectFiles: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("With --app, the table holding the TLS settings in the tool's files, dotted (tls, tool.mytool.tls), as a tool that embeds its settings reads them.", valueName: "path")
    )
    var table: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto
        case always
        case never
    }

    var style: TextStyle {
        switch color {
        case .always: TextStyle(color: true)
        case .never: .plain
        case .auto: .automatic(isTerminal: standardOutputIsTerminal, environment: ProcessInfo.processInfo.environment)
        }
    }

    /// A tool name becomes a variable prefix and path components (`NAME.toml`,
    /// `~/.config/NAME/`, `/etc/NAME/`), so only a plain name is accepted.
    func validate() throws {
        if app.isEmpty { throw ValidationError("--app needs a tool name, such as --app mytool") }
        if app == "." || app.contains("..") || app.contains("/") {
            throw ValidationError("--app \"\(app)\" is not a tool name: it must not be \".\" or \"..\" nor contain \"/\"")
        }
        if app.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw ValidationError("--app must not contain whitespace or control characters")
        }
        for name in projectFiles where name.isEmpty || name.contains("/") || name == "." || name == ".." {
            throw ValidationError("--project-file \"\(name)\" must be a file name, such as mytool.toml")
        }
        if let table, table.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw ValidationError("--table \"\(table)\" must be dotted key names, such as tls or tool.mytool.tls")
        }
    }

    /// The resolver exactly as the tool named by `--app` has it: its prefix, its file names and
    /// the table its settings live in.
    var resolverConfiguration: ResolverConfiguration {
        ResolverConfiguration(
            appName: app, configFile: config,
            documents: ConfigFileDiscovery(
                projectFileNames: projectFiles.isEmpty ? nil : projectFiles,
                tablePath: table.map { $0.split(separator: ".").map(String.init) } ?? []
            )
        )
    }

    func resolve(host: String?) -> Resolution {
        let resolver = SettingsResolver(resolverConfiguration)
        return host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
    }

    /// Colour for standard error, decided like `style` but for that stream.
    var errorStyle: TextStyle {
        switch color {
        case .always: TextStyle(color: true)
        case .never: .plain
        case .auto: .automatic(isTerminal: standardErrorIsTerminal, environment: ProcessInfo.processInfo.environment)
        }
    }

    /// Text mode: the report to standard output and the diagnostics to standard error, as git
    /// and cargo do, so `2>/dev/null` hides them and a script can tell them apart. JSON mode:
    /// everything in one document on standard output. Text never carries a control character
    /// a configuration value, variable or server could have smuggled in.
    func emit(text: @autoclosure () -> String, diagnostics: @autoclosure () -> String = "", json: @autoclosure () -> JSONValue) {
        switch format {
        case .text:
            print(style.terminalSafe(text()), terminator: "")
            let findings = diagnostics()
            if !findings.isEmpty { printError(errorStyle.terminalSafe(findings)) }
        case .json:
            print(json().rendered())
        }
    }
}

/// Files and variables named in every command's `--help`.
enum HelpText {
    /// An argument echoed in a message, with control characters made visible.
    static func safe(_ text: String) -> String {
        TextStyle.plain.terminalSafe(String(text.prefix(200)))
    }

    static let sources = """
    Reads, highest precedence first: NAME_* variables (TLSCONFIG_CA_FILE, TLSCONFIG_CLIENT_CERT, ...; \
    NAME_CONFIG names a file), config files (--config; the nearest NAME.toml, .NAME.toml, NAME.yaml, \
    .NAME.yaml, NAME.yml or .NAME.yml walking up from the working directory; \
    $XDG_CONFIG_HOME/NAME/config.{toml,yaml,yml}, default ~/.config/NAME/; /etc/NAME/config.{toml,yaml,yml}), \
    then SSL_CERT_FILE, SSL_CERT_DIR and SSL_CLIENT_CERT, then OpenSSL's defaults. NAME is tlsconfig unless --app is given.
    """
}
