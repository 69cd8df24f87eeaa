#if Configuration
import Configuration
import Foundation
import Testing
import TLSConfig
import TLSConfigConfiguration
import TLSConfigTesting
import TestSupport

/// Settings from swift-configuration providers: the compatibility kit, provenance per
/// provider, precedence between providers and against TLSConfig's other layers, lists, and
/// the TOML snapshot.
@Suite struct ConfigProviderDocumentsTests {
    /// The fixture as an in-memory provider's values, under `tls`.
    static func values(
        _ fixture: DocumentSourceConformance.Fixture, hostSections: Bool
    ) -> [AbsoluteConfigKey: ConfigValue] {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        var sections: [String] = []
        for entry in fixture.entries {
            let components = ["tls"] + (entry.section.map { ["hosts", $0] } ?? []) + [entry.key]
            let content: ConfigContent =
                switch entry.value {
                case .string(let text): .string(text)
                case .list(let items): .stringArray(items)
                case .integer(let number): .int(number)
                }
            values[AbsoluteConfigKey(components)] = ConfigValue(content, isSecret: false)
            if let section = entry.section, !sections.contains(section) { sections.append(section) }
        }
        if hostSections {
            values[AbsoluteConfigKey(["tls", "host-sections"])] = ConfigValue(.stringArray(sections), isSecret: false)
        }
        return values
    }

    @Test func anInMemoryProviderConforms() throws {
        try DocumentSourceConformance(name: "InMemoryProvider", capabilities: .init(reportsUnknownKeys: false)) {
            fixture in
            .configReader(
                ConfigProviderDocuments(providers: [InMemoryProvider(values: Self.values(fixture, hostSections: true))])
            )
        }.run()
    }

    @Test func environmentVariablesConform() throws {
        try DocumentSourceConformance(
            name: "EnvironmentVariablesProvider", capabilities: .init(reportsUnknownKeys: false, keepsTypes: false)
        ) { fixture in
            var environment: [String: String] = [:]
            var sections: [String] = []
            for entry in fixture.entries {
                let name = (["tls"] + (entry.section.map { ["hosts", $0] } ?? []) + [entry.key]).joined(separator: "_")
                    .uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
                let value: String =
                    switch entry.value {
                    case .string(let text): text
                    case .list(let items): items.joined(separator: ",")
                    case .integer(let number): String(number)
                    }
                environment[String(name)] = value
                if let section = entry.section, !sections.contains(section) { sections.append(section) }
            }
            environment["TLS_HOST_SECTIONS"] = sections.joined(separator: ",")
            return .configReader(
                ConfigProviderDocuments(providers: [EnvironmentVariablesProvider(environmentVariables: environment)]))
        }.run()
    }

    @Test func aTOMLFileProviderConformsAndReportsUnknownKeysAndPositions() throws {
        try DocumentSourceConformance(name: "TOMLSnapshot") { fixture in
            let text = "[tls]\n" + fixture.toml.replacingOccurrences(of: "[hosts.", with: "[tls.hosts.")
            let snapshot = try TOMLSnapshot(bytes: Array(text.utf8), file: fixture.directory + "/app.toml")
            return .configReader(ConfigProviderDocuments(providers: [SnapshotProvider(snapshot: snapshot)]))
        }.run()
    }

    @Test func originsNameTheProviderTheKeyAndThePosition() throws {
        let directory = NSTemporaryDirectory() + "tlsconfig-provider-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = directory + "/ca.pem"
        try "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".write(
            toFile: ca, atomically: true, encoding: .utf8)
        let toml = try TOMLSnapshot(
            bytes: Array("[tls]\nmin-version = \"1.3\"\nca-file = \"ca.pem\"\n".utf8), file: directory + "/app.toml")
        let environment = EnvironmentVariablesProvider(environmentVariables: [
            "TLS_MIN_VERSION": "1.2", "TLS_ALPN": "h2, http/1.1",
        ])
        let documents = ConfigProviderDocuments(providers: [environment, SnapshotProvider(snapshot: toml)])
        let resolution = SettingsResolver(
            ResolverConfiguration(
                environment: ["HOME": directory, "TLSCONFIG_MIN_VERSION": "1.3"], workingDirectory: directory,
                documents: InMemoryDocuments([]), configReader: documents
            )
        ).resolve()
        // The config-reader layer sits right after overrides: above TLSCONFIG_* variables.
        #expect(resolution.layers.prefix(3) == [.override, .configReader, .toolEnvironment])
        #expect(resolution.settings.versions.minimum == .tls1_2)
        #expect(resolution.origin(of: .minVersion).description == "EnvironmentVariablesProvider key TLS_MIN_VERSION")
        // The earlier provider wins; the later one and the variable are losers with origins.
        let losers = resolution.value(.minVersion).losers.map(\.candidate.origin.description)
        #expect(losers.contains { $0.contains("TOMLSnapshot key tls.min-version") && $0.contains("app.toml:2:15") })
        #expect(losers.contains("environment variable TLSCONFIG_MIN_VERSION"))
        // Relative paths resolve against the TOML file's directory; lists split as TLSConfig's variables.
        #expect(resolution.settings.trust.caFiles == [ca])
        #expect(resolution.settings.alpn == ["h2", "http/1.1"])
        // show names the providers among the configuration places.
        let text = ResolutionReport(resolution).text()
        #expect(text.contains("config reader EnvironmentVariablesProvider key TLS_MIN_VERSION"))
        #expect(text.contains("provider EnvironmentVariablesProvider"))
    }

    @Test func anUnknownKeyInATOMLProviderHasADidYouMeanWithItsPosition() throws {
        let toml = try TOMLSnapshot(bytes: Array("[tls]\nca-flie = \"x.pem\"\n".utf8), file: "/etc/app.toml")
        let resolution = SettingsResolver(
            ResolverConfiguration(
                environment: ["HOME": "/nonexistent"], workingDirectory: "/", documents: InMemoryDocuments([]),
                configReader: ConfigProviderDocuments(providers: [SnapshotProvider(snapshot: toml)])
            )
        ).resolve()
        let unknown = try #require(resolution.diagnostics.first { $0.code == .unknownKey })
        #expect(unknown.help == "did you mean \"ca-file\"?")
        #expect(unknown.origin?.description == "TOMLSnapshot key tls.ca-flie (/etc/app.toml:2:11)")
    }

    @Test func theTOMLSnapshotReadsEveryTypeAndRefusesMismatches() throws {
        let text = """
            name = "api"
            port = 8443
            ratio = 0.5
            enabled = true
            tags = ["a", "b"]
            ports = [1, 2]
            key = "AAEC"
            when = 1979-05-27T07:32:00Z
            [database]
            host = "db.internal"
            """
        let snapshot = try TOMLSnapshot(bytes: Array(text.utf8), file: nil)
        let reader = ConfigReader(provider: SnapshotProvider(snapshot: snapshot))
        #expect(reader.string(forKey: "name") == "api")
        #expect(reader.int(forKey: "port") == 8443)
        #expect(reader.double(forKey: "ratio") == 0.5)
        #expect(reader.double(forKey: "port") == 8443)
        #expect(reader.bool(forKey: "enabled") == true)
        #expect(reader.stringArray(forKey: "tags") == ["a", "b"])
        #expect(reader.intArray(forKey: "ports") == [1, 2])
        #expect(reader.bytes(forKey: "key") == [0, 1, 2])
        #expect(reader.string(forKey: "when") == "1979-05-27T07:32:00Z")
        #expect(reader.string(forKey: "database.host") == "db.internal")
        #expect(throws: (any Error).self) { try snapshot.value(forKey: AbsoluteConfigKey(["port"]), type: .string) }
        #expect(snapshot.position(of: AbsoluteConfigKey(["database", "host"]))?.line == 10)
        #expect(snapshot.keys.count == 9)
        #expect(throws: (any Error).self) { try TOMLSnapshot(bytes: Array("a = ".utf8), file: "bad.toml") }
    }
}

/// A provider over one fixed snapshot, as `FileProvider` is over the snapshot of its file.
struct SnapshotProvider<Snapshot: ConfigSnapshot>: ConfigProvider {
    let fixed: Snapshot
    init(snapshot: Snapshot) { fixed = snapshot }
    var providerName: String { fixed.providerName }
    func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult {
        try fixed.value(forKey: key, type: type)
    }
    func fetchValue(forKey key: AbsoluteConfigKey, type: ConfigType) async throws -> LookupResult {
        try fixed.value(forKey: key, type: type)
    }
    nonisolated(nonsending) func watchValue<Return: ~Copyable>(
        forKey key: AbsoluteConfigKey, type: ConfigType,
        updatesHandler:
            nonisolated(nonsending) (_ updates: ConfigUpdatesAsyncSequence<Result<LookupResult, any Error>, Never>)
            async throws -> Return
    ) async throws -> Return {
        try await watchValueFromValue(forKey: key, type: type, updatesHandler: updatesHandler)
    }
    func snapshot() -> any ConfigSnapshot { fixed }
    nonisolated(nonsending) func watchSnapshot<Return: ~Copyable>(
        updatesHandler:
            nonisolated(nonsending) (_ updates: ConfigUpdatesAsyncSequence<any ConfigSnapshot, Never>) async throws ->
            Return
    ) async throws -> Return {
        try await watchSnapshotFromSnapshot(updatesHandler: updatesHandler)
    }
}
#endif

#if Configuration
@Suite struct ConfigReaderLayerTests {
    @Test func providersWithNoPlaceInTheLayerOrderAreAWarningNotSilence() {
        var configuration = ResolverConfiguration(
            environment: ["HOME": "/nonexistent"], workingDirectory: "/", documents: InMemoryDocuments([]))
        configuration.configReader = ConfigProviderDocuments(providers: [
            InMemoryProvider(values: [
                AbsoluteConfigKey(["tls", "verify"]): ConfigValue(.string("none"), isSecret: false)
            ])
        ])
        let resolution = SettingsResolver(configuration).resolve()
        #expect(resolution.diagnostics.contains { $0.code == .configReaderNotInLayers && $0.severity == .warning })
        #expect(resolution.settings.verification == .full)
        // Given to the initialiser, the layer is placed after the overrides and read.
        let placed = SettingsResolver(
            ResolverConfiguration(
                environment: ["HOME": "/nonexistent"], workingDirectory: "/", documents: InMemoryDocuments([]),
                configReader: configuration.configReader
            )
        ).resolve()
        #expect(placed.settings.verification == PeerVerification.none)
    }
}
#endif

#if Configuration
/// A reloader over settings from providers: no file stands for them, so each poll resolves
/// again and compares.
@Suite struct ProviderReloadingTests {
    @Test func aReloaderFollowsAProviderWhoseValuesChange() throws {
        let directory = NSTemporaryDirectory() + "tlsconfig-provider-reload-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pki = try TestPKI.shared()
        let first = directory + "/first.pem", second = directory + "/second.pem"
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: first))
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: second))
        func key(_ name: String) -> AbsoluteConfigKey { AbsoluteConfigKey(["tls", name]) }
        let provider = MutableInMemoryProvider(initialValues: [
            key("ca-file"): ConfigValue(.string(first), isSecret: false),
            key("min-version"): ConfigValue(.string("1.2"), isSecret: false),
        ])
        let configuration = ResolverConfiguration(
            environment: ["HOME": directory], workingDirectory: directory,
            documents: InMemoryDocuments([]), configReader: ConfigProviderDocuments(providers: [provider])
        )
        let reloader = try ContextReloader<TLSSettings>(resolve: { SettingsResolver(configuration).resolve() }) {
            (resolution) throws(TLSSettingsError) in try resolution.validatedSettings()
        }
        #expect(reloader.watchedInputs.followsSourcesBeyondFiles)
        #expect(reloader.check() == nil, "nothing changed")

        provider.setValue(ConfigValue(.string("1.3"), isSecret: false), forKey: key("min-version"))
        let raised = try #require(reloader.check())
        #expect(raised.outcome == .reloaded && raised.generation == 2)
        #expect(
            raised.changedPaths == ["min-version from MutableInMemoryProvider key tls.min-version"],
            "\(raised.changedPaths)")
        #expect(reloader.current.versions.minimum == .tls1_3)
        #expect(reloader.check() == nil, "the same values again are no change")

        // A bad value keeps the last good settings, is reported once with its origin, and is
        // retried only when the provider changes again.
        provider.setValue(ConfigValue(.string("1.9"), isSecret: false), forKey: key("min-version"))
        let refused = try #require(reloader.check())
        #expect(refused.outcome == .rejected && refused.generation == 2)
        let error = try #require(refused.diagnostics.first)
        #expect(error.origin?.description.contains("key tls.min-version") == true, "\(error)")
        #expect(reloader.current.versions.minimum == .tls1_3)
        #expect(reloader.check() == nil)

        // A new file named by the provider is read, and then watched like any other input.
        provider.setValue(ConfigValue(.string("1.2"), isSecret: false), forKey: key("min-version"))
        provider.setValue(ConfigValue(.string(second), isSecret: false), forKey: key("ca-file"))
        let moved = try #require(reloader.check())
        #expect(moved.outcome == .reloaded && moved.generation == 3)
        #expect(reloader.current.trust.caFiles == [second])
        #expect(reloader.watchedInputs.inputs.contains { $0.path == second })
        try FileManager.default.removeItem(atPath: second)
        let missing = try #require(reloader.check())
        #expect(missing.outcome == .rejected && missing.changedPaths == [second])
        #expect(reloader.current.trust.caFiles == [second] && reloader.generation == 3)
    }

    @Test func filesAloneAreNotResolvedAtEveryPoll() throws {
        let resolution = SettingsResolver(
            ResolverConfiguration(
                environment: ["HOME": "/nonexistent"], workingDirectory: "/", documents: InMemoryDocuments([]))
        ).resolve()
        #expect(!resolution.readsSourcesBeyondFiles)
        #expect(!WatchedInputs(resolution).followsSourcesBeyondFiles)
    }
}
#endif
