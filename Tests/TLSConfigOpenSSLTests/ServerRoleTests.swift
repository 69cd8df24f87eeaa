import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// A server resolved in the server role, through the real resolver, serving real handshakes
/// on 127.0.0.1 to the library's own clients and to `openssl s_client`.
@Suite("Server role")
struct ServerRoleTests {
    let fixtures: Fixtures
    var pki: TestPKI { fixtures.pki }

    init() throws {
        fixtures = try Fixtures()
    }

    /// The server's resolution from `TLSCONFIG_*` variables (names without the prefix) and any
    /// other variables, as a server started from a user's shell would see them.
    func resolve(
        _ settings: [String: String], environment: [String: String] = [:], readsClientVariables: Bool = false
    ) -> Resolution {
        let home = TemporaryDirectory(prefix: "tlsconfig-server-home")
        var env = ["HOME": home.path]
        for (key, value) in settings {
            env["TLSCONFIG_" + key] =
                ["CERT", "KEY", "CA_FILE"].contains(key) && !value.hasPrefix("/") ? pki.path(value) : value
        }
        env.merge(environment) { $1 }
        var configuration = ResolverConfiguration(environment: env, workingDirectory: home.path)
        configuration.role = .server
        configuration.readsClientVariablesAsServer = readsClientVariables
        return SettingsResolver(configuration).resolve()
    }

    static let identity = ["CERT": "server.pem", "KEY": "server.key"]

    /// A client of the library trusting the server CA, with or without a certificate.
    func client(_ certificate: String?) throws -> TLSContext {
        try fixtures.clientContext(fixtures.clientSettings(identity: certificate.map { fixtures.identity($0) }))
    }

    @Test func clientVariablesAreNotRead() throws {
        let resolution = resolve(
            Self.identity.merging(["CA_FILE": "client-ca.pem", "CLIENT_AUTH": "required"]) { $1 },
            environment: [
                "SSL_CLIENT_CERT": pki.path("client-combined.pem"),
                "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt", "SSL_CERT_DIR": "/etc/ssl/certs",
            ])
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
        #expect(resolution.settings.identity?.certificateFile == pki.path("server.pem"))
        #expect(resolution.settings.trust.caFiles == [pki.path("client-ca.pem")])
        for name in ["SSL_CLIENT_CERT", "SSL_CERT_FILE", "SSL_CERT_DIR"] {
            let report = try #require(resolution.environment.first { $0.name == name })
            guard case .ignored(_, let reason) = report.status else {
                Issue.record("\(name) is \(report.status)"); continue
            }
            #expect(reason.contains("a server does not read it"))
        }
        let context = try TLSContextBuilder(resolution: resolution).makeServerContext()
        #expect(context.certificateChain.first?.subject == "CN=localhost")
        #expect(context.clientAuthentication == .required)
    }

    /// Without its own identity, a server started where SSL_CLIENT_CERT is set has none; code
    /// that opts in reads it, and then the client certificate is refused as a server's.
    @Test func aClientCertificateNeverBecomesTheServersIdentity() throws {
        let environment = ["SSL_CLIENT_CERT": pki.path("client-combined.pem")]
        let plain = resolve(["CA_FILE": "client-ca.pem"], environment: environment)
        #expect(plain.settings.identity == nil)
        let missing = #expect(throws: TLSSettingsError.self) {
            try TLSContextBuilder(resolution: plain).makeServerContext()
        }
        #expect(missing?.diagnostics.map(\.code) == [.serverIdentityMissing])
        let optedIn = resolve([:], environment: environment, readsClientVariables: true)
        let refused = #expect(throws: TLSSettingsError.self) {
            try TLSContextBuilder(resolution: optedIn).makeServerContext()
        }
        let codes = refused?.diagnostics.map(\.code) ?? []
        #expect(codes.contains(.serverCertificateWithoutServerAuth), "\(codes)")
        #expect(codes.contains(.serverCertificateWithoutSubjectAltName), "\(codes)")
        #expect(refused?.diagnostics.first?.message.hasPrefix("server certificate") == true)
    }

    @Test(arguments: ClientAuthentication.allCases)
    func clientAuthenticationComesFromTheSetting(_ mode: ClientAuthentication) throws {
        let resolution = resolve(
            Self.identity.merging(["CA_FILE": "client-ca.pem", "CLIENT_AUTH": mode.rawValue]) { $1 })
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
        let server = try InProcessServer(
            context: TLSContextBuilder(resolution: resolution).makeServerContext(), connections: 3)
        defer { server.stop() }
        let good = Fixtures.probe.run(try client("client-combined.pem"), host: "localhost", port: server.port)
        let anonymous = Fixtures.probe.run(try client(nil), host: "localhost", port: server.port)
        let stranger = Fixtures.probe.run(
            try client("client-untrusted-combined.pem"), host: "localhost", port: server.port)
        let outcomes = server.waitForOutcomes(3)
        #expect(good.failure == nil, "\(mode): \(good.failure?.description ?? "")")
        #expect(good.clientCertificateRequested == (mode != .none))
        #expect(outcomes.first?.peerSubject == (mode == .none ? nil : "CN=Test Client"))
        #expect((anonymous.failure == nil) == (mode != .required), "\(mode): \(anonymous.failure?.description ?? "")")
        // A client certificate from a CA not configured is refused whenever one is asked for.
        #expect((stranger.failure == nil) == (mode == .none), "\(mode): \(stranger.failure?.description ?? "")")
        #expect(outcomes.count == 3)
    }

    /// The CertificateRequest names the configured CA only, as `openssl s_client` reports it.
    @Test func theCertificateRequestNamesTheConfiguredCAs() throws {
        let resolution = resolve(Self.identity.merging(["CA_FILE": "client-ca.pem", "CLIENT_AUTH": "optional"]) { $1 })
        let server = try InProcessServer(context: TLSContextBuilder(resolution: resolution).makeServerContext())
        defer { server.stop() }
        let output = try sClient(port: server.port, ["-CAfile", "server-ca.pem"])
        let lines = output.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "Acceptable client certificate CA names"), "\(output)")
        let names = lines[(header + 1)...].prefix { $0.hasPrefix("CN") || $0.hasPrefix("/") }
        #expect(Array(names) == ["CN = Test Client CA"], "only the configured CA: \(output)")
        _ = server.waitForOutcomes(1)
    }

    @Test func clientAuthenticationWithoutCAsIsAnErrorAndPublicTrustAWarning() throws {
        let missing = resolve(Self.identity.merging(["CLIENT_AUTH": "required"]) { $1 })
        #expect(missing.diagnostics.errors.map(\.code) == [.clientAuthWithoutCAs])
        let explicit = resolve(Self.identity.merging(["CLIENT_AUTH": "optional", "TRUST": "system"]) { $1 })
        #expect(!explicit.hasErrors)
        #expect(explicit.diagnostics.contains { $0.code == .clientAuthTrustsPublicCAs && $0.severity == .warning })
        #expect(throws: Never.self) { try TLSContextBuilder(resolution: explicit).makeServerContext() }
        // Code that asks for client certificates over settings without CAs meets the same rule.
        let none = resolve(Self.identity)
        let error = #expect(throws: TLSSettingsError.self) {
            try TLSContextBuilder(resolution: none).makeServerContext(clientAuthentication: .required)
        }
        #expect(error?.diagnostics.errors.map(\.code) == [.clientAuthWithoutCAs])
    }

    /// Every build refuses what verifying clients would refuse, worded as the server's.
    @Test(arguments: [
        ("client-expired.pem", "client.key", DiagnosticCode.serverCertificateExpired),
        ("client.pem", "client.key", .serverCertificateWithoutServerAuth),
        ("client-serverauth.pem", "client.key", .serverCertificateWithoutSubjectAltName),
    ])
    func unusableServerCertificatesAreRefusedAtBuild(
        _ certificate: String, _ key: String, _ code: DiagnosticCode
    ) throws {
        let resolution = resolve(["CERT": certificate, "KEY": key])
        let error = #expect(throws: TLSSettingsError.self) {
            try TLSContextBuilder(resolution: resolution).makeServerContext()
        }
        let found = try #require(error?.diagnostics.first { $0.code == code }, "\(error?.diagnostics ?? [])")
        #expect(found.setting == .cert)
        #expect(found.origin == .environment(variable: "TLSCONFIG_CERT"))
        #expect(found.message.hasPrefix("server certificate"))
    }

    @Test func aCertificateCloseToExpiryIsAWarning() throws {
        let directory = TemporaryDirectory(prefix: "tlsconfig-expiring")
        try pki.issueServerCertificate("soon", subject: "/CN=soon", in: URL(fileURLWithPath: directory.path), days: 2)
        let resolution = resolve(["CERT": directory.path + "/soon.pem", "KEY": directory.path + "/soon.key"])
        let context = try TLSContextBuilder(resolution: resolution).makeServerContext()
        #expect(
            context.warnings.contains {
                $0.code == .serverCertificateExpiringSoon && $0.message.contains("expires in 1 day(s)")
            }, "\(context.warnings)")
    }

    /// A client parameter in code still wins, and says so.
    @Test func clientAuthenticationInCodeOverridesTheSettingWithANote() throws {
        let resolution = resolve(Self.identity.merging(["CA_FILE": "client-ca.pem", "CLIENT_AUTH": "required"]) { $1 })
        let context = try TLSContextBuilder(resolution: resolution).makeServerContext(clientAuthentication: .optional)
        #expect(context.clientAuthentication == .optional)
        let note = try #require(context.warnings.first { $0.code == .clientAuthOverriddenInCode })
        #expect(note.origin == .environment(variable: "TLSCONFIG_CLIENT_AUTH"))
    }

    @Test func contextsRefuseSettingsOfTheOtherRole() throws {
        let server = resolve(Self.identity)
        #expect(throws: TLSSettingsError.self) { try TLSContextBuilder(resolution: server).makeClientContext() }
        let client = fixtures.builder(fixtures.clientSettings())
        let error = #expect(throws: TLSSettingsError.self) { try client.makeServerContext() }
        #expect(error?.diagnostics.map(\.code) == [.roleMismatch])
    }

    /// A rotation to a certificate no client can use is refused; one close to expiry is taken
    /// with a warning in the event.
    @Test func serverReloadsJudgeEachRotation() throws {
        let directory = TemporaryDirectory(prefix: "tlsconfig-server-rotation")
        let issued = URL(fileURLWithPath: directory.makeDirectory("issued"))
        try pki.issueServerCertificate("fresh", subject: "/CN=fresh", in: issued, days: 90)
        try pki.issueServerCertificate("soon", subject: "/CN=soon", in: issued, days: 1)
        let certificate = directory.path + "/tls.crt", key = directory.path + "/tls.key"
        func install(_ certificateSource: String, _ keySource: String) throws {
            for (source, target) in [(keySource, key), (certificateSource, certificate)] {
                try Data(contentsOf: URL(fileURLWithPath: source)).write(to: URL(fileURLWithPath: target + ".tmp"))
                chmod(target + ".tmp", 0o600)
                #expect(rename(target + ".tmp", target) == 0)
            }
        }
        try install(issued.path + "/fresh.pem", issued.path + "/fresh.key")
        let settings = ["CERT": certificate, "KEY": key]
        let reloader = try ContextReloader.serverContexts { resolve(settings) }
        #expect(reloader.current.certificateChain.first?.subject == "CN=fresh")
        try install(pki.path("client.pem"), pki.path("client.key"))
        let refused = try #require(reloader.check())
        #expect(refused.outcome == .rejected)
        #expect(refused.diagnostics.contains { $0.code == .serverCertificateWithoutServerAuth })
        #expect(reloader.current.certificateChain.first?.subject == "CN=fresh")
        try install(issued.path + "/soon.pem", issued.path + "/soon.key")
        let taken = try #require(reloader.check())
        #expect(taken.outcome == .reloaded)
        #expect(taken.diagnostics.contains { $0.code == .serverCertificateExpiringSoon }, "\(taken.diagnostics)")
    }

    /// curl as the client: with a client certificate from the configured CA its handshake is
    /// accepted (the server sees the certificate); without one, a server whose client-auth is
    /// required refuses it and curl fails. (The test server closes without reading the request,
    /// so curl may see a reset after the handshake: what the server decided is asserted.)
    @Test func curlIsServedOnlyWithItsCertificate() throws {
        let resolution = resolve(Self.identity.merging(["CA_FILE": "client-ca.pem", "CLIENT_AUTH": "required"]) { $1 })
        let server = try InProcessServer(
            context: TLSContextBuilder(resolution: resolution).makeServerContext(), connections: 2)
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/"
        let base = [
            "--silent", "--show-error", "--http0.9", "--max-time", "20", "--resolve",
            "localhost:\(server.port):127.0.0.1", "--cacert", pki.path("server-ca.pem"),
        ]
        let served = try run(
            "/usr/bin/curl", base + ["--cert", pki.path("client-chain.pem"), "--key", pki.path("client.key"), url])
        let refused = try run("/usr/bin/curl", base + [url])
        #expect(refused.status != 0, "\(refused.output)")
        let outcomes = server.waitForOutcomes(2)
        #expect(outcomes.map(\.accepted) == [true, false], "curl with a certificate: \(served.output)")
        #expect(outcomes.first?.peerSubject == "CN=Test Client")
    }

    /// `executable` with `arguments`, its standard output and error together, run in `directory`.
    private func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    private func sClient(port: Int, _ arguments: [String]) throws -> String {
        try run(
            OpenSSLTool.path, ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost"] + arguments,
            in: pki.directory
        ).output
    }
}
