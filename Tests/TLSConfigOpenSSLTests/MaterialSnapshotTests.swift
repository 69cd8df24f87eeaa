import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// Every configured file is read once, by the resolution; consumers build from those bytes.
/// Deleting every file after resolving proves it: the checks, a client context and a server
/// context are still built, from the snapshot.
@Suite("Material snapshot")
struct MaterialSnapshotTests {
    @Test func consumersNeverOpenConfiguredFilesAgain() throws {
        let pki = try TestPKI.shared()
        let directory = TemporaryDirectory(prefix: "snapshot")
        for name in [
            "server-ca.pem", "client.pem", "client-encrypted-pkcs8.key", "server-ca.crl", "server.pem", "server.key",
        ] {
            _ = directory.write(name, String(decoding: try pki.bytes(name), as: UTF8.self), mode: 0o600)
        }
        _ = directory.write("pass.txt", TestPKI.passphrase + "\n", mode: 0o600)
        _ = directory.write(
            "tlsconfig.toml",
            """
            ca-file = "server-ca.pem"
            client-cert = "client.pem"
            client-key = "client-encrypted-pkcs8.key"
            client-key-passphrase = "file:pass.txt"
            crl-file = "server-ca.crl"
            """)
        var configuration = ResolverConfiguration(
            environment: ["HOME": directory.path], workingDirectory: directory.path)
        configuration.trustsProjectFiles = true
        let resolution = SettingsResolver(configuration).resolve()
        try #require(!resolution.hasErrors, "\(resolution.diagnostics)")
        #expect(resolution.material.inputs.count == 5)
        for name in [
            "server-ca.pem", "client.pem", "client-encrypted-pkcs8.key", "server-ca.crl", "pass.txt", "tlsconfig.toml",
        ] {
            try FileManager.default.removeItem(atPath: directory.path + "/" + name)
        }
        let check = SettingsCheck(resolution)
        #expect(check.passed, "\(check.resolution.diagnostics)")
        let context = try TLSContextBuilder(resolution: resolution, trustStoreCache: TrustStoreCache())
            .makeClientContext()
        #expect(context.certificateChain.first?.subject == "CN=Test Client")
        #expect(context.trustStore.crls == 1)
    }

    @Test func aResolutionWithErrorsBuildsNothing() throws {
        let resolution = SettingsResolver(
            ResolverConfiguration(
                layers: [.toolEnvironment, .defaults], environment: ["TLSCONFIG_CA_FILE": "/nonexistent/ca.pem"],
                workingDirectory: "/"
            )
        ).resolve()
        #expect(resolution.diagnostics.errors.map(\.code) == [.pathNotFound])
        #expect(throws: TLSSettingsError.self) { try TLSContextBuilder(resolution: resolution).makeClientContext() }
        do {
            _ = try TLSContextBuilder(resolution: resolution).makeClientContext()
        } catch {
            #expect(error.diagnostics == resolution.diagnostics.errors, "the resolution's errors, not new ones")
        }
    }
}
