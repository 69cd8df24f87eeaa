import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// The handshake matrix against the real `openssl s_server -Verify 1` (client certificates
/// from the client CA required). Each test starts its own server and always stops it.
@Suite("Handshakes against openssl s_server")
struct HandshakeMatrixTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    private func connect(_ settings: TLSSettings, server: OpenSSLServerProcess) throws -> HandshakeReport {
        let context = try fixtures.clientContext(settings)
        return Fixtures.probe.run(context, host: "127.0.0.1", port: server.port)
    }

    private func withServer<T>(
        certificate: String = "server.pem", key: String = "server.key", _ extra: [String] = [],
        _ body: (OpenSSLServerProcess) throws -> T
    ) throws -> T {
        let server = try fixtures.openSSLServer(certificate: certificate, key: key, extra)
        defer { server.stop() }
        return try body(server)
    }

    @Test func withoutClientCertificateTheServerRefusesAndItIsClassified() throws {
        let report = try withServer { try connect(fixtures.clientSettings(), server: $0) }
        #expect(report.failure == .clientCertificateRequired)
        #expect(report.clientCertificateRequested)
        #expect(report.clientCertificateSent == nil)
    }

    @Test func withoutClientCertificateOverTLS12ItIsClassifiedToo() throws {
        let report = try withServer(["-tls1_2"]) { try connect(fixtures.clientSettings(), server: $0) }
        #expect(report.failure == .clientCertificateRequired)
        #expect(report.clientCertificateRequested)
    }

    @Test(arguments: [
        ("client-combined.pem", nil as String?),
        ("client-keyfirst.pem", nil),
        ("client-chain.pem", "client.key"),
        ("client-chain.pem", "client-pkcs1.key"),
        ("client-ec-chain.pem", "client-ec.key"),
    ])
    func goodIdentityLayoutsAreAccepted(certificate: String, key: String?) throws {
        let settings = fixtures.clientSettings(identity: fixtures.identity(certificate, key: key))
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.clientCertificateRequested)
        #expect(report.clientCertificateSent?.subject.hasPrefix("CN=Test") == true)
        #expect(report.protocolVersion == .tls1_3)
        #expect(report.verification == .passed)
        #expect(report.peerCertificates.first?.subject == "CN=localhost")
        #expect(report.peerCertificates.first?.subjectAlternativeNames == ["DNS:localhost", "IP:127.0.0.1"])
        #expect(report.cipher?.hasPrefix("TLS_") == true)
    }

    @Test(arguments: ["client-encrypted-pkcs8.key", "client-encrypted-legacy.key"])
    func encryptedKeyWithTheRightPassphraseConnects(key: String) throws {
        let identity = fixtures.identity("client-chain.pem", key: key, passphrase: .environment("TLS_TEST_PASSPHRASE"))
        let report = try withServer { try connect(fixtures.clientSettings(identity: identity), server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.clientCertificateSent?.subject == "CN=Test Client")
    }

    @Test func encryptedKeyWithTheWrongPassphraseNeverReachesTheServer() throws {
        let identity = fixtures.identity(
            "client-chain.pem", key: "client-encrypted-pkcs8.key", passphrase: .environment("TLS_TEST_WRONG"))
        let errors = fixtures.buildErrors(fixtures.clientSettings(identity: identity))
        #expect(errors.map(\.code) == [.wrongPassphrase])
    }

    @Test func pkcs12IdentityConnects() throws {
        let identity = fixtures.identity("client.p12", passphrase: .environment("TLS_TEST_P12"))
        let report = try withServer { try connect(fixtures.clientSettings(identity: identity), server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.clientCertificateSent?.subject == "CN=Test Client")
    }

    /// The build runs the identity checks of `check` and the reloaders: an expired client
    /// certificate is refused here, with its origin, not by the server's certificate_expired alert.
    @Test func expiredClientCertificateIsRefusedAtBuildBeforeAnyServerSeesIt() throws {
        let settings = fixtures.clientSettings(identity: fixtures.identity("client-expired-combined.pem"))
        let errors = fixtures.buildErrors(settings).errors
        #expect(errors.map(\.code) == [.clientCertificateExpired])
        #expect(errors.first?.origin == .environment(variable: "TLSTEST_CLIENT_CERT"))
        #expect(errors.first?.message.contains("expired on 2021-01-01") == true)
    }

    @Test func clientCertificateFromAnotherCAIsRejectedByTheServer() throws {
        let settings = fixtures.clientSettings(identity: fixtures.identity("client-untrusted-combined.pem"))
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == .clientCertificateRejected(TLSAlert(code: 48)))
    }

    @Test func untrustedServerCAIsReportedWithErrorAndDepth() throws {
        let settings = fixtures.clientSettings(
            trusting: ["client-ca.pem"], identity: fixtures.identity("client-combined.pem"))
        let report = try withServer { try connect(settings, server: $0) }
        guard case .serverCertificateNotTrusted(let error) = report.failure else {
            Issue.record("expected an untrusted server certificate, got \(String(describing: report.failure))")
            return
        }
        #expect(error.code == 20)  // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        #expect(error.depth == 0)
        #expect(error.subject == "CN=localhost")
        #expect(report.verification == .failed(error))
    }

    @Test func hostnameMismatchFailsWithFullVerification() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), serverName: "wrong.example")
        let report = try withServer { try connect(settings, server: $0) }
        #expect(
            report.failure
                == .hostnameMismatch(expected: "wrong.example", certificateNames: ["DNS:localhost", "IP:127.0.0.1"]))
        #expect(report.serverName == "wrong.example")
    }

    @Test func hostnameMismatchIsAcceptedWithNoHostname() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), verification: .noHostname, serverName: "wrong.example")
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.verifiedName == nil)
    }

    @Test func ipAddressIsCheckedAgainstIPSubjectAlternativeNames() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), serverName: "127.0.0.2")
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.serverName == nil)  // no SNI for addresses
        #expect(
            report.failure
                == .hostnameMismatch(expected: "127.0.0.2", certificateNames: ["DNS:localhost", "IP:127.0.0.1"]))
    }

    @Test func minimumTLS13AgainstATLS12OnlyServerHasNoCommonVersion() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), versions: try TLSVersionRange(minimum: .tls1_3))
        let report = try withServer(["-tls1_2"]) { try connect(settings, server: $0) }
        guard case .noCommonProtocolVersion = report.failure else {
            Issue.record("expected no common protocol version, got \(String(describing: report.failure))")
            return
        }
    }

    @Test func maximumTLS12NegotiatesTLS12() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), versions: try TLSVersionRange(maximum: .tls1_2))
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.protocolVersion == .tls1_2)
        #expect(report.clientCertificateRequested)
    }

    @Test func matchingPinConnects() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), pins: [try fixtures.pki.serverPin()])
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.peerCertificates.first?.publicKeyPin.description == (try fixtures.pki.serverPin()))
    }

    @Test func mismatchingPinFailsTheHandshake() throws {
        let otherPin = "sha256//" + Data(repeating: 7, count: 32).base64EncodedString()
        let settings = fixtures.clientSettings(identity: fixtures.identity("client-combined.pem"), pins: [otherPin])
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == .pinMismatch(presented: PublicKeyPin(parsing: try fixtures.pki.serverPin())!))
    }

    @Test func pinsHoldEvenWithVerificationOff() throws {
        let otherPin = "sha256//" + Data(repeating: 7, count: 32).base64EncodedString()
        let settings = fixtures.clientSettings(
            trusting: ["client-ca.pem"], identity: fixtures.identity("client-combined.pem"), verification: .none,
            pins: [otherPin])
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == .pinMismatch(presented: PublicKeyPin(parsing: try fixtures.pki.serverPin())!))
    }

    @Test func verificationOffAcceptsAnUntrustedServerButSaysSo() throws {
        let settings = fixtures.clientSettings(
            trusting: ["client-ca.pem"], identity: fixtures.identity("client-combined.pem"), verification: .none)
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        guard case .notEnforced(let error) = report.verification else {
            Issue.record("expected notEnforced, got \(report.verification)")
            return
        }
        #expect(error?.code == 20)
    }

    @Test func serverRevokedByTheCRLIsRefused() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), crlFile: "server-ca.crl")
        let report = try withServer(certificate: "revoked-server.pem", key: "revoked-server.key") {
            try connect(settings, server: $0)
        }
        guard case .serverCertificateNotTrusted(let error) = report.failure else {
            Issue.record("expected a revoked server certificate, got \(String(describing: report.failure))")
            return
        }
        #expect(error.code == 23)  // X509_V_ERR_CERT_REVOKED
        #expect(error.depth == 0)
    }

    @Test func serverNotOnTheCRLPassesTheCRLCheck() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), crlFile: "server-ca.crl")
        let report = try withServer { try connect(settings, server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
    }

    @Test func alpnIsNegotiated() throws {
        let settings = fixtures.clientSettings(
            identity: fixtures.identity("client-combined.pem"), alpn: ["h2", "http/1.1"])
        let report = try withServer(["-alpn", "http/1.1"]) { try connect(settings, server: $0) }
        #expect(report.failure == nil, "\(report.failure?.description ?? "")")
        #expect(report.applicationProtocol == "http/1.1")
    }
}
