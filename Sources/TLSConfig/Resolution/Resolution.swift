/// The outcome of resolving: the settings, where each came from, what lost and why,
/// every diagnostic, and what was consulted on the way.
public struct Resolution: Sendable {
    /// The host resolved for; `nil` when only top-level settings apply.
    public package(set) var host: HostTarget?
    /// Whether the host's port was not written and a default was taken
    /// (``SettingsResolver/resolve(host:defaultPort:)``, ``SettingsResolver/resolve(url:)``).
    public package(set) var assumedPort = false
    /// Best-effort settings; use `validatedSettings()` to refuse a configuration with errors.
    public package(set) var settings: TLSSettings
    /// One entry per key, in `SettingKey` order.
    public package(set) var values: [ResolvedSetting]
    /// Every finding, in the order found; consumers append theirs (the deep checks, say).
    public package(set) var diagnostics: [Diagnostic]
    /// Every variable consulted, with what it held (secrets hidden).
    package var environment: [EnvironmentVariableReport]
    /// Every configuration file looked for, found or not.
    public package(set) var configFiles: [ConfigDocumentLoad.FileCandidate]
    /// Host sections that applied to `host`, most specific first.
    package var matchedSections: [MatchedSection]
    /// Texts of the configuration files read, for snippets.
    public package(set) var sources: [String: String]
    /// The layer order used, highest first.
    public package(set) var layers: [Layer]
    /// The tool resolved for (`--app`), which names its files and variables.
    public package(set) var appName: String
    /// The prefix of the tool's variables, such as `TLSCONFIG`.
    public package(set) var environmentPrefix: String
    /// The files the settings name, read once; every consumer builds from these bytes.
    package var material: Material
    /// Whether a document source read for it can change without a file changing
    /// (``ConfigDocumentSource/changesWithoutFiles``): reloaders then compare the settings at each poll.
    public package(set) var readsSourcesBeyondFiles = false

    /// The resolved value and provenance of one key.
    public func value(_ key: SettingKey) -> ResolvedSetting {
        values.first { $0.key == key }!
    }

    /// Where one key's value came from.
    public func origin(of key: SettingKey) -> Origin {
        value(key).origin
    }

    /// Every key's origin, for layers (like OpenSSL) that cite origins in their errors.
    package var origins: SettingOrigins {
        SettingOrigins(Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.origin) }))
    }

    /// Whether `other` has these settings, errors and file contents: a touched file, or one
    /// rewritten with the same bytes, changes nothing a context or a check is made of.
    package func hasSameOutcome(as other: Resolution) -> Bool {
        settings == other.settings && Set(diagnostics.errors) == Set(other.diagnostics.errors)
            && material.hasSameContents(as: other.material)
    }

    /// Whether any diagnostic is an error: then no context is built from it.
    public var hasErrors: Bool { diagnostics.hasErrors }

    /// The settings, or the errors that make them unusable.
    public func validatedSettings() throws(TLSSettingsError) -> TLSSettings {
        if hasErrors { throw TLSSettingsError(diagnostics: diagnostics.errors) }
        return settings
    }

    /// A resolution of settings made in code rather than by the resolver: each key's origin is
    /// taken from `origins`, and the material is read as the resolver would read it. For tests
    /// and benchmarks that exercise consumers on exact settings.
    @_spi(Plumbing) public init(settings: TLSSettings, environment: [String: String] = [:]) {
        self.init(settings: settings, origins: SettingOrigins(), environment: environment)
    }

    /// The same, with each key's origin taken from `origins`.
    package init(
        settings: TLSSettings, origins: SettingOrigins, environment: [String: String] = [:],
        maximumFileSize: Int = ResolverConfiguration.defaultMaximumFileSize
    ) {
        let reader = EnvironmentReader(environment)
        let loaded = MaterialLoader(
            settings: settings, origins: origins, writtenPaths: [:], reader: reader, maximumFileSize: maximumFileSize,
            environmentPrefix: "TLSCONFIG"
        ).load()
        self.init(
            host: nil, settings: settings,
            values: SettingKey.allCases.map {
                ResolvedSetting(
                    key: $0, items: [], origin: origins[$0] ?? .defaultValue, layer: .override, note: nil, losers: [])
            },
            diagnostics: loaded.diagnostics, environment: reader.reports, configFiles: [], matchedSections: [],
            sources: [:],
            layers: [.override], appName: "tlsconfig", environmentPrefix: "TLSCONFIG", material: loaded.material
        )
    }

    init(
        host: HostTarget?, settings: TLSSettings, values: [ResolvedSetting], diagnostics: [Diagnostic],
        environment: [EnvironmentVariableReport], configFiles: [ConfigDocumentLoad.FileCandidate],
        matchedSections: [MatchedSection],
        sources: [String: String], layers: [Layer], appName: String, environmentPrefix: String, material: Material
    ) {
        self.host = host
        self.settings = settings
        self.values = values
        self.diagnostics = diagnostics
        self.environment = environment
        self.configFiles = configFiles
        self.matchedSections = matchedSections
        self.sources = sources
        self.layers = layers
        self.appName = appName
        self.environmentPrefix = environmentPrefix
        self.material = material
    }
}
