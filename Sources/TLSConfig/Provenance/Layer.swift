/// The places settings come from, in the design's order of precedence (highest first).
/// A host tool may reorder or drop them through `ResolverConfiguration.layers`.
public enum Layer: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Values the host tool passes in code, such as its own `--cacert` flag.
    case override
    /// Keys read through a host tool's configuration providers (`ResolverConfiguration.configReader`,
    /// such as swift-configuration's); placed right after `override` unless the tool orders it.
    case configReader = "config-reader"
    /// `PREFIX_CA_FILE` and friends.
    case toolEnvironment = "tool-environment"
    /// TOML and YAML configuration files.
    case files
    /// `SSL_CERT_FILE`, `SSL_CERT_DIR`, `SSL_CLIENT_CERT` (and opted-in `REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`).
    case standardEnvironment = "standard-environment"
    /// Built-in defaults.
    case defaults

    /// The documented order: override, tool environment, files, standard environment, defaults.
    public static let designOrder: [Layer] = [.override, .toolEnvironment, .files, .standardEnvironment, .defaults]

    /// The layer's name, as `show` prints it.
    public var description: String {
        switch self {
        case .override: "override"
        case .configReader: "config reader"
        case .toolEnvironment: "tool environment"
        case .files: "config file"
        case .standardEnvironment: "standard environment"
        case .defaults: "default"
        }
    }
}
