import TestSupport
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// Identity and trust are taken whole from one place: a certificate from one layer is never
/// paired with a key from another.
@Suite struct AtomicGroupTests {
    @Test func certificateFromEnvironmentIsNeverPairedWithKeyFromFile() throws {
        let directory = TemporaryDirectory()
        let combined = directory.write("combined.pem", FakePEM.certificate + FakePEM.key)
        let fileCert = directory.write("file-cert.pem", FakePEM.certificate)
        let fileKey = directory.write("file-key.pem", FakePEM.key)
        var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
        builder.set("client-cert", fileCert)
        builder.set("client-key", fileKey)
        let resolution = makeResolver(environment: ["TLSCONFIG_CLIENT_CERT": combined], documents: [builder.document])
            .resolve()

        let identity = try #require(resolution.settings.identity)
        #expect(identity == ClientIdentity(certificateFile: combined))
        #expect(identity.effectiveKeyFile == combined)
        let key = resolution.value(.clientKey)
        #expect(key.value == nil)
        #expect(
            key.losers.map(\.reason) == [
                .groupTakenElsewhere(group: .identity, winner: .environment(variable: "TLSCONFIG_CLIENT_CERT"))
            ])
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
    }

    @Test func keyWithoutCertificateInWinningPlaceIsAnError() {
        let directory = TemporaryDirectory()
        let key = directory.write("key.pem", FakePEM.key)
        let cert = directory.write("cert.pem", FakePEM.certificate + FakePEM.key)
        var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
        builder.set("client-cert", cert)
        let resolution = makeResolver(environment: ["TLSCONFIG_CLIENT_KEY": key], documents: [builder.document])
            .resolve()
        #expect(resolution.settings.identity == nil)
        #expect(resolution.diagnostics.map(\.code) == [.identityWithoutCertificate])
        #expect(resolution.diagnostics.first?.origin == .environment(variable: "TLSCONFIG_CLIENT_KEY"))
    }

    @Test func trustModeAndCAsComeFromOnePlace() {
        let directory = TemporaryDirectory()
        let bundle = directory.write("ca.pem", FakePEM.certificate)
        var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
        builder.set("trust", "system+custom")
        builder.set("ca-file", bundle)
        let other = directory.write("other.pem", FakePEM.certificate)
        // A lower layer's CA file does not join the file's system+custom.
        let resolution = makeResolver(environment: ["SSL_CERT_FILE": other], documents: [builder.document]).resolve()
        #expect(resolution.settings.trust == TrustSettings(mode: .systemAndCustom, caFiles: [bundle]))
        #expect(resolution.value(.caFile).losers.map(\.candidate.display) == [other])
    }

    /// `trust = "system"` in a host section takes the whole group, dropping a global ca-file.
    @Test func hostSectionTrustReplacesGlobalCAs() {
        let directory = TemporaryDirectory()
        let bundle = directory.write("ca.pem", FakePEM.certificate)
        var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
        builder.set("ca-file", bundle)
        builder.section("public.example.com")
        builder.set("trust", "system")
        let resolution = makeResolver(documents: [builder.document]).resolve(host: "public.example.com")
        #expect(resolution.settings.trust == .system)
        #expect(
            resolution.value(.caFile).losers.first?.reason
                == .groupTakenElsewhere(group: .trust, winner: resolution.origin(of: .trust)))
    }

    @Test func caFileAloneMeansCustomTrust() {
        let directory = TemporaryDirectory()
        let bundle = directory.write("ca.pem", FakePEM.certificate)
        let resolution = makeResolver(environment: ["SSL_CERT_FILE": bundle]).resolve()
        #expect(resolution.settings.trust.mode == .custom)
        #expect(resolution.value(.trust).origin == .environment(variable: "SSL_CERT_FILE"))
        #expect(resolution.value(.trust).note?.contains("implied by ca-file") == true)
    }

    @Test func requestsBundleIsOptInAndOutranksSSLCertFile() {
        let directory = TemporaryDirectory()
        let requests = directory.write("requests.pem", FakePEM.certificate)
        let openssl = directory.write("openssl.pem", FakePEM.certificate)
        let environment = ["REQUESTS_CA_BUNDLE": requests, "SSL_CERT_FILE": openssl]

        let plain = makeResolver(environment: environment).resolve()
        #expect(plain.settings.trust.caFiles == [openssl])
        let report = plain.environment.first { $0.name == "REQUESTS_CA_BUNDLE" }
        guard case .ignored(let value, let reason)? = report?.status else {
            Issue.record("REQUESTS_CA_BUNDLE should be reported as ignored, got \(String(describing: report))")
            return
        }
        #expect(value == requests)
        #expect(reason.contains("not honoured"))

        let pipLike = makeResolver(environment: environment, honorsRequests: true).resolve()
        #expect(pipLike.settings.trust.caFiles == [requests])
        #expect(
            pipLike.value(.caFile).losers.map(\.reason) == [
                .lowerPrecedence(winner: .environment(variable: "REQUESTS_CA_BUNDLE"))
            ])
    }
}
