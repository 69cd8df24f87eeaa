import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a host tool wants its TLS settings resolved.
public struct ResolverConfiguration: Sendable {
    /// Names the configuration files (`APP.toml`, `~/.config/APP/`) and, upper-cased, the variable prefix.
    public var appName: String
    /// `APP` upper-cased with `-` turned into `_`, unless set.
    public var environmentPrefix: String
    /// Which layers apply, highest first.
    public var layers: [Layer]
    /// Read `REQUESTS_CA_BUNDLE` as a CA file, for pip parity.
    public var honorsRequestsCABundle: Bool
    /// Read `CURL_CA_BUNDLE` as a CA file, for curl and pip parity.
    public var honorsCurlCABundle: Bool
    /// The environment to read; the process environment unless injected.
    public var environment: [String: String]
    /// Anchor for relative paths in variables and overrides, and the start of the project-file walk.
    public var workingDirectory: String
    /// Values the tool passes in code (its own flags); the highest layer.
    public var overrides: [SettingOverride]
    /// An explicit configuration file (`--config`); outranks `PREFIX_CONFIG`.
    public var configFile: String?
    /// Where file documents come from.
    public var documents: any ConfigDocumentSource
    /// Documents for the `configReader` layer: settings from the host tool's configuration
    /// providers (TLSConfigConfiguration's `ConfigProviderDocuments`), as one place in `layers`.
    public var configReader: (any ConfigDocumentSource)?
    /// Largest file read for a setting (PEM bundles, keys, CRLs).
    public var maximumFileSize: Int
    /// Client (the default) or server: which keys, variables and checks apply.
    public var role: TLSRole = .client
    /// For a server: read `SSL_CERT_FILE`, `SSL_CERT_DIR` and `SSL_CLIENT_CERT` anyway. They are
    /// set for the clients people run (uv, curl), so a server ignores them unless its code says
    /// otherwise: a client certificate must not become a server's identity, nor the public CA
    /// bundle the trust for client certificates.
    public var readsClientVariablesAsServer = false
    /// Accept every project file as trusted, so its settings that weaken TLS apply without
    /// `tlsconfig trust`. Only for tools that run in trusted automation, where the checked-out
    /// repository is the user's own choice; people at a terminal get the trust prompt instead.
    public var trustsProjectFiles = false
    /// The command that trusts a project file, as advice prints it before the path:
    /// `mytool tls trust` for a host tool's commands. `tlsconfig trust` (with `--app APP`
    /// for another tool) unless set.
    public var trustCommand: String?

    /// The trust command advice names.
    package var effectiveTrustCommand: String {
        trustCommand
            ?? (appName == "tlsconfig" ? "tlsconfig trust" : "tlsconfig trust --app \(ShellWord.quoted(appName))")
    }

    /// A configuration; every parameter has the `tlsconfig` default.
    public init(
        appName: String = "tlsconfig",
        environmentPrefix: String? = nil,
        layers: [Layer] = Layer.designOrder,
        honorsRequestsCABundle: Bool = false,
        honorsCurlCABundle: Bool = false,
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        overrides: [SettingOverride] = [],
        configFile: String? = nil,
        documents: (any ConfigDocumentSource)? = nil,
        configReader: (any ConfigDocumentSource)? = nil,
        maximumFileSize: Int = Self.defaultMaximumFileSize
    ) {
        self.appName = appName
        self.environmentPrefix = environmentPrefix ?? Self.prefix(for: appName)
        self.layers = layers
        self.honorsRequestsCABundle = honorsRequestsCABundle
        self.honorsCurlCABundle = honorsCurlCABundle
        self.environment = environment ?? ProcessInfo.processInfo.environment
        self.workingDirectory = workingDirectory ?? Self.currentDirectory()
        self.overrides = overrides
        self.configFile = configFile
        self.documents = documents ?? ConfigFileDiscovery()
        self.configReader = configReader
        // A reader source with no place in the order would be read for nothing: it goes right
        // after the tool's own overrides unless the tool placed it.
        if configReader != nil, !self.layers.contains(.configReader) {
            self.layers.insert(.configReader, at: self.layers.firstIndex(of: .override).map { $0 + 1 } ?? 0)
        }
        self.maximumFileSize = maximumFileSize
    }

    /// The tool's own variables that are not settings: `PREFIX_CONFIG` (an explicit file),
    /// `PREFIX_SAFE_DIRECTORIES` (`safe-directories`) and `PREFIX_TRUSTED_CONFIG_PATHS`
    /// (project files trusted for automation).
    package static let ownVariableSuffixes = ["CONFIG", "SAFE_DIRECTORIES", "TRUSTED_CONFIG_PATHS"]

    /// 16 MiB: far above any real bundle, small enough that a wrong path costs little.
    public static let defaultMaximumFileSize = 16 << 20

    /// `my-tool` gives `MY_TOOL`.
    public static func prefix(for appName: String) -> String {
        String(appName.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// `$HOME`, or `nil` when unset, empty or relative (a relative home would anchor `~` and
    /// `~/.config` wherever the tool happens to run).
    public var home: String? {
        environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
    }

    /// `getcwd`, or the empty string when it fails (the directory was deleted, or is deeper
    /// than `PATH_MAX`): then project discovery does not run and says why, and relative
    /// paths are refused, instead of silently meaning `/`.
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "" }
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasPrefix("/") ? path : ""
    }

    /// Why the working directory is unknown, for the warning discovery gives.
    static func currentDirectoryProblem() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) == nil else { return "it is not an absolute path" }
        let code = errno
        switch code {
        case ENOENT: return "it was deleted"
        case ERANGE, ENAMETOOLONG: return "it is deeper than PATH_MAX (\(PATH_MAX) bytes)"
        case EACCES: return "a parent directory cannot be read"
        default: return String(cString: strerror(code))
        }
    }
}

/// What a document source needs to know about the resolution in progress.
public struct ResolutionContext: Sendable {
    /// The resolver's configuration.
    public var configuration: ResolverConfiguration
    /// The environment, which records what a source reads.
    package var environment: EnvironmentReader

    /// A context.
    package init(configuration: ResolverConfiguration, environment: EnvironmentReader) {
        self.configuration = configuration
        self.environment = environment
    }

    /// The variable `name`, recorded with `purpose` so that `show` lists it among those
    /// consulted; `nil` when unset or empty.
    public func environmentValue(_ name: String, purpose: String) -> String? {
        environment.value(name, purpose: purpose)
    }
}
