import TestSupport
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// Every pair of layers, for a grouped key (ca-file) and an independent one (min-version).
@Suite struct PrecedenceTests {
    /// Sets ca-file (and min-version where the layer has it) from one layer, each to a distinct value.
    private struct Fixture {
        let directory = TemporaryDirectory()
        var files: [Layer: String] = [:]
        let caOverride = SettingOverride(.caFile, "", label: "--cacert")
        let minOverride = SettingOverride(.minVersion, "1.3", label: "--tls-min")

        init() {
            for layer in [Layer.override, .toolEnvironment, .files, .standardEnvironment] {
                files[layer] = directory.write("\(layer.rawValue).pem", FakePEM.certificate)
            }
        }

        func resolver(enabling active: Set<Layer>, order: [Layer] = Layer.designOrder) -> SettingsResolver {
            var environment: [String: String] = [:]
            var documents: [ConfigDocument] = []
            var overrides: [SettingOverride] = []
            if active.contains(.override) {
                var caOverride = caOverride
                caOverride.values = [files[.override]!]
                overrides = [caOverride, minOverride]
            }
            if active.contains(.toolEnvironment) {
                environment["TLSCONFIG_CA_FILE"] = files[.toolEnvironment]!
                environment["TLSCONFIG_MIN_VERSION"] = "1.3"
            }
            if active.contains(.files) {
                var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
                builder.set("ca-file", files[.files]!)
                builder.set("min-version", "1.3")
                documents.append(builder.document)
            }
            if active.contains(.standardEnvironment) {
                environment["SSL_CERT_FILE"] = files[.standardEnvironment]!
            }
            return makeResolver(environment: environment, documents: documents, overrides: overrides, layers: order)
        }
    }

    static let pairs: [(Layer, Layer)] = {
        let order = Layer.designOrder
        return order.indices.flatMap { i in order.indices.filter { $0 > i }.map { (order[i], order[$0]) } }
    }()

    @Test(arguments: pairs)
    func higherLayerWinsCAFile(higher: Layer, lower: Layer) throws {
        let fixture = Fixture()
        let resolution = fixture.resolver(enabling: [higher, lower]).resolve()
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
        let caFile = resolution.value(.caFile)
        #expect(caFile.value == fixture.files[higher])
        #expect(caFile.origin == expectedOrigin(higher, fixture))
        #expect(resolution.settings.trust == TrustSettings(mode: .custom, caFiles: [fixture.files[higher]!]))
        if lower == .defaults {
            #expect(caFile.losers.isEmpty)
        } else {
            #expect(caFile.losers.count == 1)
            #expect(caFile.losers.first?.candidate.display == fixture.files[lower])
            #expect(caFile.losers.first?.reason == .groupTakenElsewhere(group: .trust, winner: caFile.origin))
        }
    }

    @Test(arguments: pairs.filter { $0.0 != .standardEnvironment && $0.1 != .standardEnvironment })
    func higherLayerWinsMinVersion(higher: Layer, lower: Layer) throws {
        let fixture = Fixture()
        let resolution = fixture.resolver(enabling: [higher, lower]).resolve()
        let minVersion = resolution.value(.minVersion)
        #expect(minVersion.origin == expectedMinVersionOrigin(higher, fixture))
        #expect(resolution.settings.versions.minimum == .tls1_3)
        if lower == .defaults {
            #expect(minVersion.losers.isEmpty)
        } else {
            #expect(minVersion.losers.map(\.reason) == [.lowerPrecedence(winner: minVersion.origin)])
        }
    }

    @Test func defaultsAloneGiveSystemTrustAndTLS12() {
        let resolution = Fixture().resolver(enabling: []).resolve()
        #expect(resolution.settings == TLSSettings())
        #expect(resolution.values.allSatisfy { $0.origin == .defaultValue })
        #expect(resolution.diagnostics.isEmpty)
    }

    /// A uv-style tool puts the standard environment above files.
    @Test func hostToolCanReorderLayers() {
        let fixture = Fixture()
        let order: [Layer] = [.override, .toolEnvironment, .standardEnvironment, .files, .defaults]
        let resolution = fixture.resolver(enabling: [.files, .standardEnvironment], order: order).resolve()
        #expect(resolution.value(.caFile).origin == .environment(variable: "SSL_CERT_FILE"))
    }

    /// Dropping a layer means its values are never read.
    @Test func droppedLayerIsIgnored() {
        let fixture = Fixture()
        let resolution = fixture.resolver(enabling: [.files, .standardEnvironment], order: [.files, .defaults])
            .resolve()
        #expect(resolution.value(.caFile).value == fixture.files[.files])
        #expect(resolution.value(.caFile).losers.isEmpty)
        #expect(!resolution.environment.contains { $0.name == "SSL_CERT_FILE" })
    }

    private func expectedOrigin(_ layer: Layer, _ fixture: Fixture) -> Origin {
        switch layer {
        case .override: fixture.caOverride.origin
        case .toolEnvironment: .environment(variable: "TLSCONFIG_CA_FILE")
        case .files:
            .file(
                FileLocation(
                    path: fixture.directory.path + "/tlsconfig.toml",
                    span: SourceSpan(line: 1, column: 11, length: fixture.files[.files]!.count + 2), scope: .project))
        case .standardEnvironment: .environment(variable: "SSL_CERT_FILE")
        // Not in the design order: only a tool with configuration providers has it.
        case .configReader, .defaults: .defaultValue
        }
    }

    private func expectedMinVersionOrigin(_ layer: Layer, _ fixture: Fixture) -> Origin {
        switch layer {
        case .override: fixture.minOverride.origin
        case .toolEnvironment: .environment(variable: "TLSCONFIG_MIN_VERSION")
        case .files:
            .file(
                FileLocation(
                    path: fixture.directory.path + "/tlsconfig.toml", span: SourceSpan(line: 2, column: 15, length: 5),
                    scope: .project))
        default: .defaultValue
        }
    }
}
