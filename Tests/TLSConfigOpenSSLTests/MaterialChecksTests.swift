import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

@Suite("Deep checks")
struct MaterialChecksTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    private func check(_ settings: TLSSettings, now: Date = Date()) -> [Diagnostic] {
        // The core's structural errors (which stop the deep checks of their group), then the deep findings.
        let resolution = fixtures.resolution(settings)
        return resolution.diagnostics.errors + MaterialChecks(resolution: resolution).run(now: now)
    }

    private func codes(
        _ diagnostics: [Diagnostic], minimum severity: Diagnostic.Severity = .warning
    ) -> [DiagnosticCode] {
        diagnostics.filter { $0.severity >= severity }.map(\.code)
    }

    @Test func goodMaterialPassesAndCountsCACertificates() throws {
        let diagnostics = check(
            fixtures.clientSettings(
                trusting: ["both-cas.pem"], identity: fixtures.identity("client-combined.pem"), crlFile: "server-ca.crl"
            ))
        #expect(codes(diagnostics).isEmpty, "\(diagnostics)")
        let count = diagnostics.first { $0.code == .caCertificatesCounted }
        #expect(count?.message.contains("holds 2 certificate") == true)
        #expect(count?.origin == .environment(variable: "TLSTEST_CA_FILE"))
    }

    @Test func badCACertificateIsNamedByPositionLineAndNeighbour() throws {
        let diagnostics = check(fixtures.clientSettings(trusting: ["damaged-ca.pem"]))
        let bad = diagnostics.first { $0.code == .certificateUnparseable }
        #expect(bad?.severity == .error)
        #expect(bad?.message.contains("certificate 2 of 2") == true)
        #expect(bad?.message.contains("(line ") == true)
        #expect(bad?.notes.first?.contains("CN=Test Client CA") == true)
        #expect(
            diagnostics.contains {
                $0.code == .caCertificatesCounted && $0.message.contains("1 certificate(s) that parse, of 2")
            })
    }

    @Test func nonCACertificateInTheTrustBundleIsNamedWithItsSubject() throws {
        let diagnostics = check(fixtures.clientSettings(trusting: ["server.pem"]))
        let warning = diagnostics.first { $0.code == .caCertificateNotCA }
        #expect(warning?.message.contains("certificate 1 of 1") == true)
        #expect(warning?.message.contains("CN=localhost") == true)
    }

    @Test func caDirectoriesAreCountedAndChecked() throws {
        let hashed = check(
            TLSSettings(trust: TrustSettings(mode: .custom, caDirectories: [fixtures.pki.path("hashed")])))
        #expect(hashed.map(\.code) == [.caCertificatesCounted])
        #expect(hashed.first?.message.contains("1 hash link") == true)
        let unhashed = check(
            TLSSettings(trust: TrustSettings(mode: .custom, caDirectories: [fixtures.pki.path("unhashed")])))
        #expect(unhashed.map(\.code) == [.caCertificatesCounted])
        #expect(unhashed.first?.message.contains("1 certificate(s) loaded") == true)
        #expect(unhashed.first?.origin == .environment(variable: "TLSTEST_CA_DIR"))
    }

    @Test func clientCertificateValidityWindow() throws {
        #expect(
            codes(check(fixtures.clientSettings(identity: fixtures.identity("client-expired.pem", key: "client.key"))))
                == [.clientCertificateExpired])
        #expect(
            codes(check(fixtures.clientSettings(identity: fixtures.identity("client-future.pem", key: "client.key"))))
                == [.clientCertificateNotYetValid])
        let expiring = check(
            fixtures.clientSettings(identity: fixtures.identity("client-expiring.pem", key: "client.key")))
        #expect(codes(expiring) == [.clientCertificateExpiringSoon])
        #expect(expiring.first { $0.code == .clientCertificateExpiringSoon }?.severity == .warning)
        // Moving the clock: the good certificate expires within 30 days a year from now.
        let later = Date().addingTimeInterval(350 * 86_400)
        #expect(codes(check(fixtures.clientSettings(identity: fixtures.identity("client-combined.pem")))).isEmpty)
        #expect(
            codes(check(fixtures.clientSettings(identity: fixtures.identity("client-combined.pem")), now: later))
                .contains(.clientCertificateExpiringSoon))
    }

    @Test func extendedKeyUsageWithoutClientAuthIsWarned() throws {
        let diagnostics = check(
            fixtures.clientSettings(identity: fixtures.identity("client-serverauth.pem", key: "client.key")))
        #expect(codes(diagnostics) == [.clientCertificateWithoutClientAuth])
    }

    @Test func chainOutOfOrderIsFound() throws {
        let diagnostics = check(fixtures.clientSettings(identity: fixtures.identity("client-out-of-order.pem")))
        #expect(codes(diagnostics) == [.chainOutOfOrder])
        #expect(diagnostics.first { $0.code == .chainOutOfOrder }?.message.contains("CN=Test Server CA") == true)
    }

    @Test func keyMismatchAndWrongPassphraseAreReportedAlongsideCertificateFindings() throws {
        #expect(
            codes(check(fixtures.clientSettings(identity: fixtures.identity("client-wrong-key.pem")))) == [
                .keyDoesNotMatchCertificate
            ])
        let wrong = fixtures.identity(
            "client-expired.pem", key: "client-encrypted-pkcs8.key", passphrase: .environment("TLS_TEST_WRONG"))
        #expect(
            Set(codes(check(fixtures.clientSettings(identity: wrong))))
                == Set<DiagnosticCode>([.wrongPassphrase, .clientCertificateExpired]))
    }

    @Test func crlParsesAndExpiryIsAnError() throws {
        #expect(codes(check(fixtures.clientSettings(crlFile: "server-ca.crl"))).isEmpty)
        let later = Date().addingTimeInterval(60 * 86_400)
        let expired = check(fixtures.clientSettings(crlFile: "server-ca.crl"), now: later)
        #expect(codes(expired) == [.crlExpired])
        #expect(expired.first { $0.code == .crlExpired }?.origin == .environment(variable: "TLSTEST_CRL_FILE"))
        #expect(codes(check(fixtures.clientSettings(crlFile: "server-ca.pem"))) == [.crlFileWithoutCRL])
    }
}
