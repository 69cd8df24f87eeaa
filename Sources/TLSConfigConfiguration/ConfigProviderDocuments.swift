#if Configuration
public import Configuration
public import TLSConfig

/// TLS settings from swift-configuration providers: the keys under a scope (`tls` by default)
/// become one place in TLSConfig's layer order (`Layer.configReader`, right after the tool's
/// overrides unless the tool orders it), with host sections, groups and provenance as in
/// TLSConfig's own files.
///
/// ```swift
/// let providers: [any ConfigProvider] = [CommandLineArgumentsProvider(), EnvironmentVariablesProvider(), yamlFile]
/// let config = ConfigReader(providers: providers)          // the tool's own settings
/// let resolution = SettingsResolver(ResolverConfiguration(
///     appName: "mytool", configReader: ConfigProviderDocuments(providers: providers)
/// )).resolve(host: "api.example.com:443")
/// ```
///
/// It takes the providers rather than a `ConfigReader` because a reader does not say which
/// provider answered; given the same list, the earlier provider wins, as in the reader.
///
/// - Keys: each `SettingKey` under the scope (`tls.ca-file`, which environment variables
///   spell `TLS_CA_FILE` and arguments `--tls-ca-file`). A list given as one string is split
///   as TLSConfig's own variables are (`:` for paths, `,` for ALPN and pins); arrays are lists.
/// - Host sections: `tls.hosts.PATTERN.KEY`. Providers that list their keys
///   (``ConfigKeyListing``: ``TOMLSnapshot``) show their sections; for the others, name the
///   patterns in `tls.host-sections` (a list, or one string split on `,`).
/// - Places: each provider is a place of its own, so a group (trust, identity) comes whole
///   from one provider and one section, and a host section's `client-cert` never pairs with a
///   top-level `client-key`.
/// - Origins name the provider and the key as it spells it, plus the line and column where the
///   snapshot knows them.
/// - Unknown keys under the scope (`ca-flie`) are errors with a did-you-mean for providers that
///   list their keys. swift-configuration's own providers cannot list theirs, so a typo there
///   goes unnoticed, as it would for any other key the tool reads through them.
/// - Reloading: a `ContextReloader` over a resolution that read these providers takes a fresh
///   snapshot at each poll and reloads when the settings (or their errors) changed. A change
///   shows only where the provider's snapshot changes: `MutableInMemoryProvider` and
///   `ReloadingFileProvider` do; `FileProvider` reads its file once, and the environment and
///   argument providers are fixed when made.
public struct ConfigProviderDocuments: ConfigDocumentSource {
    /// The providers, highest precedence first (the order a `ConfigReader` is given).
    public var providers: [any ConfigProvider]
    /// The key prefix of the TLS settings.
    public var scope: [String]

    /// The key under the scope that names host sections for providers that cannot list keys.
    public static let hostSectionsKey = "host-sections"

    /// A source reading `scope` (such as `["tls"]`; empty for the root) of `providers`.
    public init(providers: [any ConfigProvider], scope: [String] = ["tls"]) {
        self.providers = providers
        self.scope = scope
    }

    /// Providers change without a file TLSConfig sees (`MutableInMemoryProvider`,
    /// `ReloadingFileProvider`, a provider of the tool's own), so reloaders compare the settings
    /// at each poll.
    public var changesWithoutFiles: Bool { true }

    /// One document per provider that holds any key under the scope.
    public func load(_ context: ResolutionContext) -> ConfigDocumentLoad {
        let snapshots = providers.map { $0.snapshot() }
        let patterns = hostPatterns(snapshots)
        var load = ConfigDocumentLoad()
        for (index, snapshot) in snapshots.enumerated() {
            var reader = ProviderDocumentReader(snapshot: snapshot, scope: scope)
            let document = reader.document(
                patterns: patterns, order: index, baseDirectory: context.configuration.workingDirectory)
            load.candidates.append(
                ConfigDocumentLoad.FileCandidate(
                    path: reader.path, scope: .explicit, exists: document != nil,
                    reason:
                        "configuration provider \(index + 1) of \(snapshots.count), keys under \(scope.isEmpty ? "the root" : scope.joined(separator: "."))"
                ))
            if let document { load.documents.append(document) }
        }
        return load
    }

    /// Patterns from providers that list their keys, then from every `host-sections` list.
    private func hostPatterns(_ snapshots: [any ConfigSnapshot]) -> [String] {
        var patterns: [String] = []
        func add(_ pattern: String) {
            if !pattern.isEmpty, !patterns.contains(pattern) { patterns.append(pattern) }
        }
        let hostsPrefix = scope + ["hosts"]
        for snapshot in snapshots {
            if let listing = snapshot as? any ConfigKeyListing {
                for key in listing.keys
                where key.components.count > hostsPrefix.count + 1
                    && Array(key.components.prefix(hostsPrefix.count)) == hostsPrefix
                {
                    add(key.components[hostsPrefix.count])
                }
            }
            let key = AbsoluteConfigKey(scope + [Self.hostSectionsKey])
            if let result = try? snapshot.value(forKey: key, type: .string),
                case .string(let text)? = result.value?.content
            {
                text.split(separator: ",").forEach { add($0.trimmingWhitespace) }
            } else if let result = try? snapshot.value(forKey: key, type: .stringArray),
                case .stringArray(let list)? = result.value?.content
            {
                list.forEach(add)
            }
        }
        return patterns
    }
}
#endif
