import COpenSSL
import CTLSShims
import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// Handshakes against our own server context, and the failures that happen before TLS.
@Suite("Probe and server contexts")
struct ProbeTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    @Test func ourServerContextRequiresAndVerifiesClientCertificates() throws {
        let server = try InProcessServer(context: fixtures.serverContext(alpn: ["h2", "http/1.1"]), connections: 2)
        defer { server.stop() }
        let good = try fixtures.clientContext(
            fixtures.clientSettings(identity: fixtures.identity("client-combined.pem"), alpn: ["http/1.1"]))
        let goodReport = Fixtures.probe.run(good, host: "localhost", port: server.port)
        #expect(goodReport.failure == nil, "\(goodReport.failure?.description ?? "")")
        #expect(goodReport.serverName == "localhost")
        #expect(goodReport.applicationProtocol == "http/1.1")
        let anonymous = try fixtures.clientContext(fixtures.clientSettings())
        let anonymousReport = Fixtures.probe.run(anonymous, host: "127.0.0.1", port: server.port)
        #expect(anonymousReport.failure == .clientCertificateRequired)

        let outcomes = server.waitForOutcomes(2)
        #expect(outcomes.count == 2)
        #expect(outcomes.first?.accepted == true)
        #expect(outcomes.first?.peerSubject == "CN=Test Client")
        #expect(outcomes.first?.applicationProtocol == "http/1.1")
        #expect(outcomes.last?.accepted == false)
    }

    @Test func ourServerSendsTheClientCAAsAcceptableIssuer() throws {
        let context = try fixtures.serverContext()
        defer { withExtendedLifetime(context) {} }
        #expect(context.role == .server)
        #expect(context.clientAuthentication == .required)
        #expect(context.certificateChain.map(\.subject) == ["CN=localhost"])
        #expect(context.trustStore.sources.map(\.kind) == [.file])
        let names = try #require(SSL_CTX_get_client_CA_list(context.pointer))
        #expect(ctls_sk_X509_NAME_num(names) == 1)
        #expect(OwnedCertificate.render(ctls_sk_X509_NAME_value(names, 0)) == "CN=Test Client CA")
        let withoutClientAuthentication = try fixtures.serverContext(clientAuthentication: .none)
        withExtendedLifetime(withoutClientAuthentication) {
            let count = SSL_CTX_get_client_CA_list(withoutClientAuthentication.pointer).map(ctls_sk_X509_NAME_num) ?? 0
            #expect(count == 0)
        }
    }

    @Test func optionalClientAuthenticationAcceptsAnonymousClients() throws {
        let server = try InProcessServer(context: fixtures.serverContext(clientAuthentication: .optional))
        defer { server.stop() }
        let report = Fixtures.probe.run(
            try fixtures.clientContext(fixtures.clientSettings()), host: "localhost", port: server.port)
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.clientCertificateRequested)
        #expect(report.clientCertificateSent == nil)
        #expect(server.waitForOutcomes(1).first?.peerSubject == nil)
    }

    @Test func tls12OnlyServerOfOurOwnRefusesAMinimumOfTLS13() throws {
        let server = try InProcessServer(
            context: fixtures.serverContext(clientAuthentication: .none, maximumVersion: .tls1_2))
        defer { server.stop() }
        let context = try fixtures.clientContext(
            fixtures.clientSettings(versions: try TLSVersionRange(minimum: .tls1_3)))
        let report = Fixtures.probe.run(context, host: "127.0.0.1", port: server.port)
        guard case .noCommonProtocolVersion = report.failure else {
            Issue.record("expected no common protocol version, got \(String(describing: report.failure))")
            return
        }
    }

    @Test func connectionRefusedIsClassified() throws {
        let context = try fixtures.clientContext(fixtures.clientSettings())
        let report = Fixtures.probe.run(context, host: "127.0.0.1", port: try Sockets.freePort())
        #expect(report.failure == .connectionRefused)
        #expect(report.verification == .notReached)
    }

    @Test func silentServerTimesOutDuringTheHandshake() throws {
        let server = try SilentServer()
        defer { server.stop() }
        let context = try fixtures.clientContext(fixtures.clientSettings())
        let report = HandshakeProbe(timeout: .milliseconds(300)).run(context, host: "127.0.0.1", port: server.port)
        #expect(report.failure == .timedOut(.handshaking))
        #expect(report.address == "127.0.0.1")
    }

    @Test func serverContextCannotProbe() throws {
        let report = Fixtures.probe.run(try fixtures.serverContext(), host: "127.0.0.1", port: 1)
        #expect(report.succeeded == false)
    }
}
