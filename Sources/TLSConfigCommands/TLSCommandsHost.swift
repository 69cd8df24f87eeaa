public import ArgumentParser
public import TLSConfig

/// What a host tool tells the `tls` commands: the options of its own that shape resolution
/// (a `--cacert` flag, say), how those become its `ResolverConfiguration`, and the command
/// path that people type, so advice names the host's command and not `tlsconfig`.
///
/// ```swift
/// struct MyToolTLS: TLSCommandsHost {
///     struct Options: ParsableArguments {
///         @Option var cacert: String?
///     }
///     static let commandPath = "mytool tls"
///     static func resolverConfiguration(_ options: Options) -> ResolverConfiguration {
///         ResolverConfiguration(appName: "mytool", overrides: options.cacert.map { [SettingOverride(.caFile, $0, label: "--cacert")] } ?? [])
///     }
/// }
/// ```
public protocol TLSCommandsHost {
    /// The host's own options, parsed with every `tls` subcommand.
    associatedtype Options: ParsableArguments
    /// What people type before `show`, `check` or `connect`, such as `mytool tls`.
    static var commandPath: String { get }
    /// The resolver configuration for one run, from the host's options.
    static func resolverConfiguration(_ options: Options) -> ResolverConfiguration
    /// The command suggested for a deeper look after a failed connection.
    static func checkCommand(_ options: Options) -> String
}

extension TLSCommandsHost {
    /// The host's configuration, with advice naming the host's own `trust` command unless it
    /// chose another.
    static func resolvedConfiguration(_ options: Options) -> ResolverConfiguration {
        var configuration = resolverConfiguration(options)
        if configuration.trustCommand == nil { configuration.trustCommand = commandPath + " trust" }
        return configuration
    }

    /// `commandPath check`.
    public static func checkCommand(_ options: Options) -> String {
        commandPath + " check"
    }
}
