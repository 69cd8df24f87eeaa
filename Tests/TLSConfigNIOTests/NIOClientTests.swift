#if NIO
import Foundation
import NIOSSL
import TestSupport
import Testing
import TLSConfig
@_spi(Plumbing) import TLSConfigNIO
@_spi(Plumbing) import TLSConfigOpenSSL

/// A real NIO client (NIOPosix + NIOSSL) built by the adapter against `openssl s_server -www`
/// requiring a client certificate: success means the server accepted our certificate and
/// answered the GET.
@Suite("NIO client against openssl s_server")
struct NIOClientTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    private func client(_ variables: [String: String], accepting: Set<UnenforcedSetting> = []) throws -> ClientTLS {
        try ClientTLS(resolution: NIOHarness.resolution(variables, pki: pki), accepting: accepting)
    }

    private func withServer<T>(
        certificate: String = "server.pem", key: String = "server.key", requireClientCertificate: Bool = true,
        _ extra: [String] = [], _ body: (OpenSSLServerProcess) throws -> T
    ) throws -> T {
        let server = try NIOHarness.server(
            pki, certificate: certificate, key: key, requireClientCertificate: requireClientCertificate, extra)
        defer { server.stop() }
        return try body(server)
    }

    @Test(arguments: [
        ["CLIENT_CERT": "client-combined.pem"],
        ["CLIENT_CERT": "client-keyfirst.pem"],
        ["CLIENT_CERT": "client-chain.pem", "CLIENT_KEY": "client.key"],
        ["CLIENT_CERT": "client-chain.pem", "CLIENT_KEY": "client-pkcs1.key"],
        ["CLIENT_CERT": "client-ec-chain.pem", "CLIENT_KEY": "client-ec.key"],
        ["CLIENT_CERT": "client-ec-chain.pem", "CLIENT_KEY": "client-ec-pkcs8.key"],
        [
            "CLIENT_CERT": "client-chain.pem", "CLIENT_KEY": "client-encrypted-pkcs8.key",
            "CLIENT_KEY_PASSPHRASE": "env:TLS_TEST_PASSPHRASE",
        ],
        [
            "CLIENT_CERT": "client-chain.pem", "CLIENT_KEY": "client-encrypted-legacy.key",
            "CLIENT_KEY_PASSPHRASE": "file:passphrase.txt",
        ],
        ["CLIENT_CERT": "client.p12", "CLIENT_KEY_PASSPHRASE": "env:TLS_TEST_P12"],
        ["CLIENT_CERT": "client-nopass.p12"],
    ])
    func everyIdentityLayoutIsAcceptedByTheServer(identity: [String: String]) throws {
        try "\(TestPKI.passphrase)\n".write(toFile: pki.path("passphrase.txt"), atomically: true, encoding: .utf8)
        let tls = try client(["CA_FILE": "server-ca.pem"].merging(identity) { $1 })
        let exchange = try withServer { NIOHarness.get(tls, port: $0.port) }
        #expect(exchange.error == nil, "\(String(describing: exchange.error)) \(exchange.rejections)")
        #expect(exchange.response?.hasPrefix("HTTP/1.0 200 ok") == true)
        // s_server -www reports the client certificate it verified.
        #expect(exchange.response?.contains("Test Client") == true)
    }

    @Test func anEncryptedKeyWithAWrongPassphraseIsTlsconfigsErrorWithItsOrigin() throws {
        let resolution = NIOHarness.resolution(
            [
                "CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-chain.pem",
                "CLIENT_KEY": "client-encrypted-pkcs8.key", "CLIENT_KEY_PASSPHRASE": "env:TLS_TEST_P12",
            ], pki: pki)
        let error = #expect(throws: TLSSettingsError.self) { try ClientTLS(resolution: resolution) }
        let diagnostic = try #require(error?.diagnostics.first { $0.code == .wrongPassphrase })
        #expect(diagnostic.origin?.description.contains("TLSCONFIG_CLIENT_KEY") == true)
    }

    @Test func theRightPinConnectsAndAWrongOneIsRefusedWithTheReason() throws {
        let good = try client([
            "CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-combined.pem", "PINNED_PUBLIC_KEYS": pki.serverPin(),
        ])
        let wrong = try client([
            "CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-combined.pem",
            "PINNED_PUBLIC_KEYS": "sha256//" + String(repeating: "A", count: 43) + "=",
        ])
        try withServer { server in
            let accepted = NIOHarness.get(good, port: server.port)
            #expect(accepted.response?.hasPrefix("HTTP/1.0 200 ok") == true, "\(String(describing: accepted.error))")
            let refused = NIOHarness.get(wrong, port: server.port)
            #expect(refused.response == nil)
            let rejection = try #require(refused.rejections.first)
            #expect(rejection.code.rawValue == "pin-mismatch")
            #expect(rejection.setting == .pinnedPublicKeys)
            #expect(rejection.origin?.description.contains("TLSCONFIG_PINNED_PUBLIC_KEYS") == true)
        }
    }

    @Test func aRevokedServerCertificateIsRefusedThroughTheCRL() throws {
        let tls = try client(["CA_FILE": "server-ca.pem", "CRL_FILE": "server-ca.crl"])
        try withServer(certificate: "revoked-server.pem", key: "revoked-server.key", requireClientCertificate: false) {
            server in
            let exchange = NIOHarness.get(tls, port: server.port)
            #expect(exchange.response == nil)
            let rejection = try #require(exchange.rejections.first)
            #expect(rejection.code.rawValue == "server-certificate-not-trusted")
            #expect(rejection.message.contains("revoked"))
            #expect(rejection.help?.contains("crl-file") == true)
        }
        // The same CRL passes the good server.
        let good = try withServer(requireClientCertificate: false) { NIOHarness.get(tls, port: $0.port) }
        #expect(good.response?.hasPrefix("HTTP/1.0 200 ok") == true, "\(good.rejections)")
    }

    @Test func anUntrustedServerIsRefusedWithConnectsAdvice() throws {
        let tls = try client(["CA_FILE": "client-ca.pem"])
        let exchange = try withServer(requireClientCertificate: false) { NIOHarness.get(tls, port: $0.port) }
        #expect(exchange.response == nil)
        let rejection = try #require(exchange.rejections.first)
        #expect(rejection.code.rawValue == "server-certificate-not-trusted")
        #expect(rejection.help?.contains("ca-file") == true)
    }

    @Test func theNameIsCheckedAgainstServerNameWhenSet() throws {
        let wrongName = try client(["CA_FILE": "server-ca.pem", "SERVER_NAME": "elsewhere.example"])
        let exchange = try withServer(requireClientCertificate: false) { NIOHarness.get(wrongName, port: $0.port) }
        #expect(exchange.response == nil)
        #expect(exchange.rejections.first?.code.rawValue == "hostname-mismatch")
        #expect(exchange.rejections.first?.setting == .serverName)
    }

    @Test func systemPlusCustomTrustsTheConfiguredCA() throws {
        let tls = try client([
            "TRUST": "system+custom", "CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-combined.pem",
        ])
        #expect(tls.verifier.trustStore.usesSystemStore)
        let exchange = try withServer { NIOHarness.get(tls, port: $0.port) }
        #expect(exchange.response?.hasPrefix("HTTP/1.0 200 ok") == true, "\(exchange.rejections)")
        // The configuration path gets the same certificates: system bundle plus the CA file.
        let configuration = try tls.configuration(for: .configuration, accepting: [.verify])
        guard case .certificates(let roots) = configuration.trustRoots else {
            Issue.record("trust roots are not a list"); return
        }
        let serverCA = try #require(NIOSSLCertificate.fromPEMFile(pki.path("server-ca.pem")).first)
        #expect(roots.contains(serverCA))
        #expect(roots.count > 1)
    }

    @Test func systemTrustGivesBoringSSLTheSameStore() throws {
        let tls = try client([:])
        let configuration = try tls.configuration(for: .configuration, accepting: [.verify])
        let system = try #require(tls.verifier.trustStore.sources.first { $0.kind == .systemFile })
        if let directory = system.lookedUpThrough {
            // The directory holds exactly the bundle's certificates: BoringSSL looks them up there too.
            #expect(configuration.trustRoots == .file(directory))
        } else {
            guard case .certificates(let roots) = configuration.trustRoots else {
                Issue.record("expected the store's certificates"); return
            }
            #expect(roots.count == system.count)
        }
        _ = try tls.makeContext(for: .configuration, accepting: [.verify])
    }

    @Test func aConfigurationConsumerVerifiesWithTheSameTrust() throws {
        let tls = try client(["CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-combined.pem"])
        let context = try tls.makeContext(for: .configuration, accepting: [.verify])
        try withServer { server in
            let exchange = NIOHarness.get(context: context, port: server.port)
            #expect(exchange.response?.hasPrefix("HTTP/1.0 200 ok") == true, "\(String(describing: exchange.error))")
        }
        let untrusted = try client(["CA_FILE": "client-ca.pem"]).makeContext(for: .configuration, accepting: [.verify])
        let refused = try withServer(requireClientCertificate: false) {
            NIOHarness.get(context: untrusted, port: $0.port)
        }
        #expect(refused.response == nil)
    }

    @Test func aCipherStringBoringSSLCannotUseIsADiagnosticNotACrash() throws {
        // CAMELLIA exists in OpenSSL only; NIOSSL would stop the process on this string.
        let resolution = NIOHarness.resolution(["CA_FILE": "server-ca.pem", "CIPHERS": "CAMELLIA256-SHA"], pki: pki)
        let error = #expect(throws: TLSSettingsError.self) { try ClientTLS(resolution: resolution) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.code == .nioNoUsableCipher)
        #expect(diagnostic.origin?.description.contains("TLSCONFIG_CIPHERS") == true)
    }

    @Test func anOpenSSLOnlyCipherStringIsExpandedAndTheMissingOnesAreNamed() throws {
        let tls = try client([
            "CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-combined.pem", "CIPHERS": "DEFAULT:@SECLEVEL=2",
            "MAX_VERSION": "1.2",
        ])
        let warning = try #require(tls.diagnostics.first { $0.code == .nioCipherUnavailable })
        #expect(warning.severity == .warning)
        #expect(
            warning.message.contains("ARIA") || warning.message.contains("CAMELLIA") || warning.message.contains("DHE"))
        let exchange = try withServer { NIOHarness.get(tls, port: $0.port) }
        #expect(exchange.response?.contains("TLSv1.2") == true, "\(String(describing: exchange.error))")
    }

    @Test func restrictedTLS13SuitesAreRefusedUnlessAccepted() throws {
        let resolution = NIOHarness.resolution(
            ["CA_FILE": "server-ca.pem", "CIPHERSUITES": "TLS_AES_256_GCM_SHA384"], pki: pki)
        let error = #expect(throws: TLSSettingsError.self) { try ClientTLS(resolution: resolution) }
        #expect(error?.diagnostics.first?.code == .nioCipherSuitesFixed)
        #expect(error?.diagnostics.first?.help?.contains("max-version") == true)
        let accepted = try ClientTLS(resolution: resolution, accepting: [.ciphersuites])
        #expect(accepted.diagnostics.contains { $0.code == .nioCipherSuitesFixed && $0.severity == .warning })
        // With TLS 1.3 off, the suites do not matter: no finding at all.
        let capped = try client([
            "CA_FILE": "server-ca.pem", "CIPHERSUITES": "TLS_AES_256_GCM_SHA384", "MAX_VERSION": "1.2",
        ])
        #expect(!capped.diagnostics.contains { $0.code == .nioCipherSuitesFixed })
    }

    @Test func asyncHTTPClientRefusesWhatItCannotEnforceNamingEachSettingAndOrigin() throws {
        let tls = try client([
            "CA_FILE": "server-ca.pem", "PINNED_PUBLIC_KEYS": pki.serverPin(), "CRL_FILE": "server-ca.crl",
            "ALPN": "h2", "SERVER_NAME": "localhost",
        ])
        let error = #expect(throws: TLSSettingsError.self) { try tls.configuration(for: .asyncHTTPClient) }
        let settings = Set(error?.diagnostics.compactMap(\.setting) ?? [])
        #expect(settings == [.verify, .pinnedPublicKeys, .crlFile, .alpn, .serverName])
        #expect(error?.diagnostics.allSatisfy { $0.code == .nioSettingNotEnforced && $0.origin != nil } == true)
        // A generic consumer honours ALPN.
        let generic = tls.lossDiagnostics(for: .configuration).compactMap(\.setting)
        #expect(!generic.contains(.alpn))
        // Accepting each loss gives the configuration, and the losses stay as warnings.
        let all: Set<UnenforcedSetting> = [.verify, .pinnedPublicKeys, .crlFile, .alpn, .serverName]
        _ = try tls.configuration(for: .asyncHTTPClient, accepting: all)
        #expect(
            tls.lossDiagnostics(for: .asyncHTTPClient, accepting: all).filter { $0.code == .nioSettingNotEnforced }
                .allSatisfy { $0.severity == .warning })
        // Handlers enforce everything.
        #expect(tls.lossDiagnostics(for: .handlers).isEmpty)
    }

    @Test func versionsAndALPNReachTheWire() throws {
        let tls = try client([
            "CA_FILE": "server-ca.pem", "MIN_VERSION": "1.2", "MAX_VERSION": "1.2", "ALPN": "http/1.1",
        ])
        let exchange = try withServer(requireClientCertificate: false, ["-alpn", "http/1.1"]) {
            NIOHarness.get(tls, port: $0.port)
        }
        #expect(exchange.response?.contains("TLSv1.2") == true, "\(String(describing: exchange.error))")
        #expect((try tls.configuration(for: .handlers)).applicationProtocols == ["http/1.1"])
        #expect((try tls.configuration(for: .handlers)).maximumTLSVersion == .tlsv12)
    }

    @Test func aSecondClientForTheSameTrustReusesTheTrustStore() throws {
        let first = try client(["CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-combined.pem"])
        let second = try client(["CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-combined.pem"])
        #expect(second.verifier.trustStore.storeID == first.verifier.trustStore.storeID)
        #expect(second.verifier.trustStore.reusedFromCache)
    }
}
#endif
