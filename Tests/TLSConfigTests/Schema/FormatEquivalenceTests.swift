import TestSupport
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// The same settings in TOML and in YAML resolve to equal values, with the same line numbers.
@Suite struct FormatEquivalenceTests {
    static let toml = """
        trust = "system+custom"
        ca-file = ["ca.pem", "extra.pem"]
        verify = "full"
        min-version = "1.2"
        max-version = "1.3"
        alpn = ["h2", "http/1.1"]
        ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256"

        [hosts."*.internal"]
        verify = "no-hostname"
        server-name = "gateway.internal"

        [hosts."db.internal:5432"]
        min-version = "1.3"

        """

    static let yaml = """
        trust: system+custom
        ca-file: [ca.pem, extra.pem]
        verify: full
        min-version: 1.2
        max-version: "1.3"
        alpn: [h2, http/1.1]
        ciphers: ECDHE-ECDSA-AES128-GCM-SHA256
        hosts:
          "*.internal":
            verify: no-hostname
            server-name: gateway.internal
          # the database, TLS 1.3 only
          db.internal:5432:
            min-version: 1.3

        """

    @Test(arguments: ["db.internal:5432", "web.internal", "example.com"])
    func tomlAndYAMLResolveAlike(host: String) throws {
        let results = try ["tlsconfig.toml": Self.toml, "tlsconfig.yaml": Self.yaml].mapValues { text -> Resolution in
            let directory = TemporaryDirectory()
            directory.write("ca.pem", FakePEM.certificate)
            directory.write("extra.pem", FakePEM.certificate)
            let file = text == Self.toml ? "tlsconfig.toml" : "tlsconfig.yaml"
            directory.write(file, text)
            var configuration = ResolverConfiguration(
                environment: ["HOME": directory.path], workingDirectory: directory.path,
                documents: ConfigFileDiscovery(systemDirectory: directory.path + "/etc")
            )
            configuration.trustsProjectFiles = true
            let resolution = SettingsResolver(configuration).resolve(host: host)
            try #require(!resolution.hasErrors, "\(resolution.diagnostics)")
            // Keep the directory alive until the settings are compared by making paths relative.
            var settings = resolution.settings
            settings.trust.caFiles = settings.trust.caFiles.map { String($0.dropFirst(directory.path.count)) }
            return Resolution(
                host: resolution.host, settings: settings, values: resolution.values, diagnostics: [],
                environment: [], configFiles: [], matchedSections: resolution.matchedSections, sources: [:],
                layers: [], appName: "", environmentPrefix: "", material: Material()
            )
        }
        let toml = try #require(results["tlsconfig.toml"])
        let yaml = try #require(results["tlsconfig.yaml"])
        #expect(toml.settings == yaml.settings)
        #expect(toml.settings.trust.caFiles == ["/ca.pem", "/extra.pem"])
        for key in SettingKey.allCases {
            #expect(toml.origin(of: key).fileLocation?.line == yaml.origin(of: key).fileLocation?.line, "\(key)")
            #expect(toml.origin(of: key).fileLocation?.section == yaml.origin(of: key).fileLocation?.section, "\(key)")
        }
        #expect(toml.matchedSections.map(\.pattern) == yaml.matchedSections.map(\.pattern))
    }
}
