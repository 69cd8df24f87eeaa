import ArgumentParser
import TLSConfig
import TLSConfigCommands

/// tlsconfig as a host of the shared `show`, `check` and `connect` commands: it resolves as the
/// tool named by `--app`, with that tool's file names and table when given.
struct CLIHost: TLSCommandsHost {
    typealias Options = AppOptions

    static let commandPath = "tlsconfig"

    static func resolverConfiguration(_ options: AppOptions) -> ResolverConfiguration {
        options.resolverConfiguration
    }

    /// `tlsconfig check`, with the same `--app`, `--project-file` and `--table`.
    static func checkCommand(_ options: AppOptions) -> String {
        var command = "tlsconfig check"
        if options.app != "tlsconfig" { command += " --app \(options.app)" }
        for name in options.projectFiles { command += " --project-file \(name)" }
        if let table = options.table { command += " --table \(table)" }
        return command
    }
}

/// Which tool to resolve as, and where its settings live.
struct AppOptions: ParsableArguments {
    @Option(
        name: .customLong("app"),
        help: "Resolve exactly as the tool NAME would: its NAME_* variables and NAME config files.")
    var app: String = "tlsconfig"

    @Option(name: .long, help: ArgumentHelp("Read this configuration file (outranks NAME_CONFIG).", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("project-file"),
        help: ArgumentHelp(
            "With --app, the tool's own project file names (repeatable), instead of NAME.toml, .NAME.toml, NAME.yaml, ...",
            valueName: "name")
    )
    var projectFiles: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --app, the table holding the TLS settings in the tool's files, dotted (tls, tool.mytool.tls), as a tool that embeds its settings reads them.",
            valueName: "path")
    )
    var table: String?

    /// A tool name becomes a variable prefix and path components (`NAME.toml`,
    /// `~/.config/NAME/`, `/etc/NAME/`), so only a plain name is accepted.
    func validate() throws {
        if app.isEmpty { throw ValidationError("--app needs a tool name, such as --app mytool") }
        if app == "." || app.contains("..") || app.contains("/") {
            throw ValidationError(
                "--app \"\(app)\" is not a tool name: it must not be \".\" or \"..\" nor contain \"/\"")
        }
        if app.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
        }) {
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
        var configuration = ResolverConfiguration(
            appName: app, configFile: config,
            documents: ConfigFileDiscovery(
                projectFileNames: projectFiles.isEmpty ? nil : projectFiles,
                tablePath: table.map { $0.split(separator: ".").map(String.init) } ?? []
            )
        )
        // `tlsconfig trust` records in the tool's own directory, so --app goes along (the
        // resolver's own default), rather than the bare command path the shared commands name.
        configuration.trustCommand = configuration.effectiveTrustCommand
        return configuration
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
        then SSL_CERT_FILE, SSL_CERT_DIR and SSL_CLIENT_CERT, then OpenSSL's defaults. NAME is tlsconfig unless --app is given. \
        A file found by discovery that another user owns or others can write is not read (opt in with safe-directories in your \
        own config file, or NAME_SAFE_DIRECTORIES); a project file's settings that weaken TLS apply once you run `tlsconfig trust` \
        (or list it in NAME_TRUSTED_CONFIG_PATHS).
        """
}
