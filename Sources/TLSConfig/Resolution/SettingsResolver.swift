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
    ///
    /// Without a port only sections without one apply: `[hosts."H:443"]` does not. A tool that
    /// knows the port its connection will use passes it (``resolve(host:defaultPort:)``,
    /// ``resolve(url:)``); a bare host where port sections for it exist gets a warning.
    public func resolve(host: String) -> Resolution {
        resolve(parsing: host) { (text: String) throws(HostTarget.SyntaxError) -> HostTarget in
            try HostTarget(parsing: text)
        }
    }

    /// Resolves for `host[:port]`, taking `defaultPort` when none is written: what a tool
    /// calls with a host argument it will connect to on a known port (`connect H` uses 443).
    /// The resolution records that the port was assumed, and `show` says so.
    public func resolve(host: String, defaultPort: Int) -> Resolution {
        var assumed = false
        var resolution = resolve(parsing: host) { (text: String) throws(HostTarget.SyntaxError) -> HostTarget in
            let parsed = try HostTarget(parsing: text)
            guard parsed.port == nil else { return parsed }
            assumed = true
            return try HostTarget(host: text, port: defaultPort)
        }
        resolution.assumedPort = assumed
        return resolution
    }

    /// Resolves for the host and port of `url`: its own port, else its scheme's default
    /// (``HostTarget/defaultPorts``); a URL without either is reported as a diagnostic.
    public func resolve(url: String) -> Resolution {
        var assumed = false
        var resolution = resolve(parsing: url) { (text: String) throws(HostTarget.SyntaxError) -> HostTarget in
            let parsed = try HostTarget.parsing(url: text)
            assumed = parsed.assumedPort
            return parsed.target
        }
        resolution.assumedPort = assumed
        return resolution
    }

    private func resolve(
        parsing text: String, _ parse: (String) throws(HostTarget.SyntaxError) -> HostTarget
    ) -> Resolution {
        do {
            return resolve(host: try parse(text))
        } catch {
            var resolution = resolve(host: nil as HostTarget?)
            resolution.diagnostics.insert(
                Diagnostic(
                    .error, .invalidHost, error.description,
                    help: "write HOST, HOST:PORT, an IPv4 address, [IPv6]:PORT or a URL such as https://HOST:PORT"
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
                let files = configuration.documents.load(
                    ResolutionContext(configuration: configuration, environment: reader))
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
            diagnostics.append(
                Diagnostic(
                    .warning, .configReaderNotInLayers,
                    "the configuration providers are not read: the layer order has no config-reader layer",
                    help:
                        "put .configReader in ResolverConfiguration.layers, or pass configReader to its initialiser, which places it after .override"
                ))
        }
        let forRole = RoleRule.filter(
            offers, role: configuration.role, environmentPrefix: configuration.environmentPrefix)
        offers = forRole.offers
        diagnostics += forRole.diagnostics
        if let host, host.port == nil {
            diagnostics += Self.portSectionsNotConsidered(offers, host: host)
        }
        var selection = Selection(offers: offers, host: host, layers: configuration.layers)
        let assembled = SettingsAssembler(selection: selection, role: configuration.role).assemble()
        diagnostics += assembled.diagnostics
        selection.values = assembled.values

        let loaded = MaterialLoader(
            settings: assembled.settings,
            origins: SettingOrigins(Dictionary(uniqueKeysWithValues: assembled.values.map { ($0.key, $0.origin) })),
            writtenPaths: selection.winners.mapValues(\.value.paths), reader: reader,
            maximumFileSize: configuration.maximumFileSize, environmentPrefix: configuration.environmentPrefix
        ).load()
        diagnostics += loaded.diagnostics
        // No line of a passphrase source, nor of anything under /proc, is ever shown.
        var passphraseFile: String?
        if case .passphrase(.file(let path)) = selection.winners[configuration.role.identityKeys.passphrase]?.value {
            passphraseFile = path
        }
        load.sources = load.sources.filter { path, _ in !path.hasPrefix("/proc/") && path != passphraseFile }

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

    /// A bare host never silently skips a section written for a port: the sections that
    /// would match with their port are named, with how to resolve for the port.
    private static func portSectionsNotConsidered(_ offers: [Offer], host: HostTarget) -> [Diagnostic] {
        var seen: Set<HostPattern> = []
        var diagnostics: [Diagnostic] = []
        for offer in offers {
            guard let pattern = offer.section, pattern.port != nil, pattern.matchesIgnoringPort(host),
                seen.insert(pattern).inserted
            else { continue }
            diagnostics.append(
                Diagnostic(
                    .warning, .portSectionsNotConsidered,
                    "host section \"\(pattern)\" was not considered: the host \(host) was given without a port",
                    origin: offer.origin,
                    notes: ["a section with a port applies only to connections on that port"],
                    help:
                        "resolve for the port the connection uses: \(host.authority):\(pattern.port!) (in code, resolve(host:defaultPort:) or resolve(url:))"
                ))
        }
        return diagnostics
    }

    /// The offers of loaded documents; their candidates, sources and diagnostics join `load`.
    private func decode(
        _ loaded: ConfigDocumentLoad, into load: inout ConfigDocumentLoad, _ diagnostics: inout [Diagnostic]
    ) -> [Offer] {
        diagnostics += loaded.diagnostics
        load.candidates += loaded.candidates
        load.sources.merge(loaded.sources) { $1 }
        var offers: [Offer] = []
        for document in loaded.documents {
            let decoded = DocumentCache.decode(document, home: configuration.home)
            let gated = TrustRequirement.gate(
                decoded.offers, document: document, trustCommand: configuration.effectiveTrustCommand)
            offers += gated.offers
            diagnostics += decoded.diagnostics + gated.diagnostics
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
                offers.append(
                    Offer(
                        key: override.key, value: value, origin: override.origin, layer: .override, place: "override",
                        order: index))
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .error, error.code, error.message, setting: override.key, origin: override.origin,
                        help: error.help))
            }
        }
        return offers
    }
}
