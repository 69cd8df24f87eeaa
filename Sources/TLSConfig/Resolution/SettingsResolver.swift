/// Resolves TLS settings for a host from every layer a host tool enabled.
///
/// ```swift
/// let resolution = SettingsResolver(ResolverConfiguration(appName: "mytool")).resolve(host: "api.example.com:443")
/// let settings = try resolution.validatedSettings()
/// ```
public struct SettingsResolver: Sendable {
    /// Which layers, files and variables it reads.
    public var configuration: ResolverConfiguration

    /// A resolver for one tool.
    public init(_ configuration: ResolverConfiguration = ResolverConfiguration()) {
        self.configuration = configuration
    }

    /// Resolves for `host[:port]`; a malformed host is reported as a diagnostic.
    public func resolve(host: String) -> Resolution {
        do {
            return resolve(host: try HostTarget(parsing: host))
        } catch {
            var resolution = resolve(host: nil as HostTarget?)
            resolution.diagnostics.insert(Diagnostic(
                .error, .invalidHost, error.description,
                help: "write HOST, HOST:PORT, an IPv4 address or [IPv6]:PORT"
            ), at: 0)
            return resolution
        }
    }

    /// Resolves for one host, or for no host (only top-level settings apply).
    public func resolve(host: HostTarget? = nil) -> Resolution {
        let reader = EnvironmentReader(configuration.environment)
        var diagnostics: [Diagnostic] = []
        var offers: [Offer] = []
        var load = ConfigDocumentLoad()
        var readsSourcesBeyondFiles = false
        let environmentLayers = EnvironmentLayers(configuration: configuration, reader: reader)

        for layer in configuration.layers {
            switch layer {
            case .override:
                offers += overrideOffers(&diagnostics)
            case .toolEnvironment:
                offers += environmentLayers.toolOffers(&diagnostics)
            case .files:
                let files = configuration.documents.load(ResolutionContext(configuration: configuration, environment: reader))
                readsSourcesBeyondFiles = readsSourcesBeyondFiles || configuration.documents.changesWithoutFiles
                offers += decode(files, into: &load, &diagnostics)
            case .configReader:
                if let source = configuration.configReader {
                    var documents = source.load(ResolutionContext(configuration: configuration, environment: reader))
                    for index in documents.documents.indices { documents.documents[index].layer = .configReader }
                    readsSourcesBeyondFiles = readsSourcesBeyondFiles || source.changesWithoutFiles
                    offers += decode(documents, into: &load, &diagnostics)
                }
            case .standardEnvironment:
                offers += environmentLayers.standardOffers(&diagnostics)
            case .defaults:
                break
            }
        }

        if configuration.configReader != nil, !configuration.layers.contains(.configReader) {
            diagnostics.append(Diagnostic(
                .warning, .configReaderNotInLayers, "the configuration providers are not read: the layer order has no config-reader layer",
                help: "put .configReader in ResolverConfiguration.layers, or pass configReader to its initialiser, which places it after .override"
            ))
        }
        var selection = Selection(offers: offers, host: host, layers: configuration.layers)
        let assembled = SettingsAssembler(selection: selection).assemble()
        diagnostics += assembled.diagnostics
        selection.values = assembled.values

        let loaded = MaterialLoader(
            settings: assembled.settings, origins: SettingOrigins(Dictionary(uniqueKeysWithValues: assembled.values.map { ($0.key, $0.origin) })),
            writtenPaths: selection.winners.mapValues(\.value.paths), reader: reader, maximumFileSize: configuration.maximumFileSize, environmentPrefix: configuration.environmentPrefix
        ).load()
        diagnostics += loaded.diagnostics

        var resolution = Resolution(
            host: host,
            settings: assembled.settings,
            values: assembled.values,
            diagnostics: diagnostics.grouped(),
            environment: reader.reports,
            configFiles: load.candidates,
            matchedSections: selection.matchedSections,
            sources: load.sources,
            layers: configuration.layers,
            appName: configuration.appName,
            environmentPrefix: configuration.environmentPrefix,
            material: loaded.material
        )
        resolution.readsSourcesBeyondFiles = readsSourcesBeyondFiles
        return resolution
    }

    /// The offers of loaded documents; their candidates, sources and diagnostics join `load`.
    private func decode(_ loaded: ConfigDocumentLoad, into load: inout ConfigDocumentLoad, _ diagnostics: inout [Diagnostic]) -> [Offer] {
        diagnostics += loaded.diagnostics
        load.candidates += loaded.candidates
        load.sources.merge(loaded.sources) { $1 }
        var offers: [Offer] = []
        for document in loaded.documents {
            let decoded = DecodedDocumentCache.decode(document, home: configuration.home)
            offers += decoded.offers
            diagnostics += decoded.diagnostics
            load.sources[document.path] = document.source
        }
        return offers
    }

    private func overrideOffers(_ diagnostics: inout [Diagnostic]) -> [Offer] {
        let parser = SettingValueParser(baseDirectory: configuration.workingDirectory, home: configuration.home)
        var offers: [Offer] = []
        for (index, override) in configuration.overrides.enumerated() {
            do {
                let value = try parser.parse(override.key, items: override.values, isList: override.isList)
                offers.append(Offer(key: override.key, value: value, origin: override.origin, layer: .override, place: "override", order: index))
            } catch {
                diagnostics.append(Diagnostic(.error, error.code, error.message, setting: override.key, origin: override.origin, help: error.help))
            }
        }
        return offers
    }
}
