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

    func resolve(host: String?) -> Resolution {
        let resolver = SettingsResolver(ResolverConfiguration(appName: app, configFile: config))
        return host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
    }

    /// Prints text or JSON to standard output; text without any control character a
    /// configuration value, variable or server could have smuggled in.
    func emit(text: @autoclosure () -> String, json: @autoclosure () -> JSONValue) {
        switch format {
        case .text: print(style.terminalSafe(text()), terminator: "")
        case .json: print(json().rendered())
        }
    }
}

/// Files and variables named in every command's `--help`.
enum HelpText {
    static let sources = """
    Reads, highest precedence first: NAME_* variables (TLSCONFIG_CA_FILE, TLSCONFIG_CLIENT_CERT, ...; \
    NAME_CONFIG names a file), config files (--config; the nearest NAME.toml, .NAME.toml, NAME.yaml, \
    .NAME.yaml, NAME.yml or .NAME.yml walking up from the working directory; \
    $XDG_CONFIG_HOME/NAME/config.{toml,yaml,yml}, default ~/.config/NAME/; /etc/NAME/config.{toml,yaml,yml}), \
    then SSL_CERT_FILE, SSL_CERT_DIR and SSL_CLIENT_CERT, then OpenSSL's defaults. NAME is tlsconfig unless --app is given.
    """
}
