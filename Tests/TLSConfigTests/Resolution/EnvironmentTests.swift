import TestSupport
import Testing
@_spi(Plumbing) @testable import TLSConfig

@Suite struct EnvironmentTests {
    @Test func sslCertDirIsColonSeparatedAndDropsEmptyEntries() {
        let directory = TemporaryDirectory()
        for name in ["a", "b"] { directory.write("\(name)/ca.pem", FakePEM.certificate) }
        let value = "\(directory.path)/a::\(directory.path)/b:"
        let resolution = makeResolver(environment: ["SSL_CERT_DIR": value]).resolve()
        #expect(resolution.settings.trust.caDirectories == [directory.path + "/a", directory.path + "/b"])
        #expect(resolution.settings.trust.mode == .custom)
    }

    @Test func sslCertDirOfOnlySeparatorsIsUnset() {
        let resolution = makeResolver(environment: ["SSL_CERT_DIR": ":::"]).resolve()
        #expect(resolution.settings.trust == .system)
        #expect(!resolution.hasErrors)
    }

    @Test func emptyVariablesCountAsUnsetAndAreReported() {
        let resolution = makeResolver(environment: ["SSL_CERT_FILE": "", "TLSCONFIG_VERIFY": ""]).resolve()
        #expect(resolution.settings == TLSSettings())
        #expect(resolution.diagnostics.isEmpty)
        let statuses = Dictionary(resolution.environment.map { ($0.name, $0.status) }, uniquingKeysWith: { a, _ in a })
        #expect(statuses["SSL_CERT_FILE"] == .empty)
        #expect(statuses["TLSCONFIG_VERIFY"] == .empty)
        #expect(statuses["SSL_CLIENT_CERT"] == .unset)
    }

    @Test func relativePathsInVariablesResolveAgainstTheWorkingDirectory() {
        let directory = TemporaryDirectory()
        directory.write("certs/ca.pem", FakePEM.certificate)
        let resolution = makeResolver(
            environment: ["SSL_CERT_FILE": "certs/./ca.pem"], workingDirectory: directory.path
        ).resolve()
        #expect(resolution.settings.trust.caFiles == [directory.path + "/certs/ca.pem"])
        #expect(!resolution.hasErrors)
    }

    @Test func relativePathsInFilesResolveAgainstTheFilesDirectory() {
        let directory = TemporaryDirectory()
        directory.write("certs/ca.pem", FakePEM.certificate)
        var builder = DocumentBuilder(path: directory.path + "/conf/tlsconfig.toml")
        builder.set("ca-file", "../certs/ca.pem")
        let resolution = makeResolver(documents: [builder.document], workingDirectory: "/somewhere/else").resolve()
        #expect(resolution.settings.trust.caFiles == [directory.path + "/certs/ca.pem"])
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
    }

    @Test func tildeExpandsToHome() {
        let directory = TemporaryDirectory()
        directory.write(".certs/ca.pem", FakePEM.certificate)
        let resolution = makeResolver(environment: ["HOME": directory.path, "TLSCONFIG_CA_FILE": "~/.certs/ca.pem"])
            .resolve()
        #expect(resolution.settings.trust.caFiles == [directory.path + "/.certs/ca.pem"])
        let noHome = makeResolver(environment: ["TLSCONFIG_CA_FILE": "~/.certs/ca.pem"]).resolve()
        #expect(noHome.diagnostics.map(\.message) == ["cannot expand \"~\" in \"~/.certs/ca.pem\": HOME is not set"])
    }

    @Test func toolVariablesUseTheAppPrefixAndListSeparators() {
        let directory = TemporaryDirectory()
        let one = directory.write("one.pem", FakePEM.certificate)
        let two = directory.write("two.pem", FakePEM.certificate)
        let resolver = SettingsResolver(
            ResolverConfiguration(
                appName: "my-tool",
                environment: [
                    "MY_TOOL_CA_FILE": "\(one):\(two)",
                    "MY_TOOL_ALPN": "h2, http/1.1",
                    "MY_TOOL_CIPHERS": "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
                    "TLSCONFIG_VERIFY": "none",
                ],
                documents: InMemoryDocuments([])
            ))
        let resolution = resolver.resolve()
        #expect(resolution.environmentPrefix == "MY_TOOL")
        #expect(resolution.settings.trust.caFiles == [one, two])
        #expect(resolution.settings.alpn == ["h2", "http/1.1"])
        #expect(resolution.settings.ciphers == "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")
        #expect(resolution.settings.verification == .full, "another tool's prefix must not leak in")
    }

    @Test func everySettingKeyHasAToolVariable() {
        let names = SettingKey.allCases.map { $0.environmentVariable(prefix: "TLSCONFIG") }
        #expect(names.contains("TLSCONFIG_CA_FILE"))
        #expect(names.contains("TLSCONFIG_CLIENT_KEY_PASSPHRASE"))
        #expect(names.contains("TLSCONFIG_PINNED_PUBLIC_KEYS"))
        #expect(Set(names).count == SettingKey.allCases.count)
        // A resolution lists its role's variables.
        let reports = makeResolver().resolve().environment.map(\.name)
        let clientNames = SettingKey.keys(for: .client).map { $0.environmentVariable(prefix: "TLSCONFIG") }
        #expect(Set(clientNames).isSubset(of: Set(reports)))
        #expect(!reports.contains("TLSCONFIG_CLIENT_AUTH"))
    }

    @Test func passphraseVariableIsConsultedButNeverShown() {
        let directory = TemporaryDirectory()
        let combined = directory.write("combined.pem", FakePEM.certificate + FakePEM.encryptedKey)
        let resolution = makeResolver(environment: [
            "TLSCONFIG_CLIENT_CERT": combined,
            "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:KEY_PASS",
            "KEY_PASS": "s3cret-value",
        ]).resolve()
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
        #expect(resolution.settings.identity?.passphrase == .environment("KEY_PASS"))
        let report = resolution.environment.first { $0.name == "KEY_PASS" }
        #expect(report?.status == .set(nil))
        #expect(!"\(resolution)".contains("s3cret-value"))
    }

    @Test func overridesResolveRelativePathsAgainstTheWorkingDirectory() {
        let directory = TemporaryDirectory()
        directory.write("ca.pem", FakePEM.certificate)
        let override = SettingOverride(.caFile, "ca.pem", label: "--cacert")
        let resolution = makeResolver(overrides: [override], workingDirectory: directory.path).resolve()
        #expect(resolution.settings.trust.caFiles == [directory.path + "/ca.pem"])
        #expect(override.fileID.hasSuffix("EnvironmentTests.swift"))
        #expect(
            resolution.origin(of: .caFile) == .override(label: "--cacert", fileID: override.fileID, line: override.line)
        )
    }
}
