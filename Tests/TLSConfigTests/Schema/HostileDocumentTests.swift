import TestSupport
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// Hostile documents through the whole resolution: a clear error or a result, never a hang.
@Suite struct HostileDocumentTests {
    private func resolve(_ file: String, _ text: String, host: String? = nil) -> Resolution {
        let directory = TemporaryDirectory()
        directory.write(file, text)
        var configuration = ResolverConfiguration(
            environment: ["HOME": directory.path], workingDirectory: directory.path,
            documents: ConfigFileDiscovery(systemDirectory: directory.path + "/etc")
        )
        configuration.trustsProjectFiles = true
        let resolver = SettingsResolver(configuration)
        return host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
    }

    @Test func tenThousandHostSectionsInTOML() {
        var text = ""
        for index in 0..<10_000 { text += "[hosts.\"h\(index).example.com\"]\nalpn = \"p\(index)\"\n" }
        let resolution = resolve("tlsconfig.toml", text, host: "h9999.example.com")
        #expect(!resolution.hasErrors)
        #expect(resolution.settings.alpn == ["p9999"])
        #expect(resolution.value(.alpn).losers.count == 9_999)
    }

    @Test func tenThousandHostSectionsInYAML() {
        var text = "hosts:\n"
        for index in 0..<10_000 { text += "  h\(index).example.com:\n    alpn: p\(index)\n" }
        let resolution = resolve("tlsconfig.yaml", text, host: "h4321.example.com")
        #expect(!resolution.hasErrors)
        #expect(resolution.settings.alpn == ["p4321"])
    }

    @Test func aliasBombIsAClearError() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in "bcdefghij" {
            text +=
                "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = String(level)
        }
        let resolution = resolve("tlsconfig.yaml", text)
        #expect(resolution.diagnostics.map(\.code) == [.configSyntax])
        #expect(resolution.diagnostics.first?.message.contains("alias") == true)
    }

    @Test func deepNestingIsAClearError() {
        let toml = "alpn = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(resolve("tlsconfig.toml", toml).diagnostics.map(\.code) == [.configSyntax])
        let yaml = "alpn: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(resolve("tlsconfig.yaml", yaml).diagnostics.map(\.code) == [.configSyntax])
    }

    @Test func multipleYAMLDocumentsAreRejected() {
        let resolution = resolve("tlsconfig.yaml", "verify: full\n---\nverify: none\n")
        #expect(resolution.diagnostics.map(\.code) == [.configSyntax])
    }

    @Test func unknownYAMLTagIsRejected() {
        let resolution = resolve("tlsconfig.yaml", "ca-file: !include other.yaml\n")
        #expect(resolution.diagnostics.first?.message.contains("unknown tag") == true)
    }
}
