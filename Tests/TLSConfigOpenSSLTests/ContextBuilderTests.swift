import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

@Suite("Building contexts")
struct ContextBuilderTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    // MARK: - Versions and ciphers

    @Test func versionsAreReadBackAfterBeingSet() throws {
        let open = try fixtures.clientContext(fixtures.clientSettings())
        #expect(open.protocolVersions == (try TLSVersionRange(minimum: .tls1_2, maximum: nil)))
        let pinned = try fixtures.clientContext(
            fixtures.clientSettings(versions: try TLSVersionRange(minimum: .tls1_3, maximum: .tls1_3)))
        #expect(pinned.protocolVersions == (try TLSVersionRange(minimum: .tls1_3, maximum: .tls1_3)))
    }

    @Test func deprecatedMinimumThatOpenSSLIgnoresIsWarnedAbout() throws {
        let context = try fixtures.clientContext(
            fixtures.clientSettings(versions: try TLSVersionRange(minimum: .tls1_0)))
        #expect(context.protocolVersions.minimum == .tls1_0)
        #expect(context.securityLevel > 0)
        #expect(context.warnings.map(\.code) == [.versionDisabledBySecurityLevel])
        #expect(context.warnings.first?.origin == .environment(variable: "TLSTEST_MIN_VERSION"))
    }

    @Test func invalidCipherListIsADiagnosticCitingItsOrigin() throws {
        var settings = fixtures.clientSettings()
        settings.ciphers = "NOT-A-CIPHER:ALSO-NOT"
        let errors = fixtures.buildErrors(settings)
        #expect(errors.map(\.code) == [.invalidCipherList])
        #expect(errors.first?.setting == .ciphers)
        #expect(errors.first?.origin == .environment(variable: "TLSTEST_CIPHERS"))
        #expect(errors.first?.message.contains("NOT-A-CIPHER") == true)
    }

    @Test func invalidCipherListFromAResolvedEnvironmentCitesTheVariable() throws {
        let configuration = ResolverConfiguration(
            appName: "probe-tool", layers: [.toolEnvironment, .defaults],
            environment: ["PROBE_TOOL_CIPHERS": "BOGUS"], workingDirectory: "/"
        )
        let resolution = SettingsResolver(configuration).resolve(host: nil as HostTarget?)
        do {
            _ = try TLSContextBuilder(resolution: resolution).makeClientContext()
            Issue.record("an invalid cipher list must not build")
        } catch {
            #expect(error.diagnostics.first?.code == .invalidCipherList)
            #expect(error.diagnostics.first?.origin == .environment(variable: "PROBE_TOOL_CIPHERS"))
        }
    }

    @Test func cipherSettingsTakeEffectAndAreReported() throws {
        var settings = fixtures.clientSettings()
        settings.ciphers = "ECDHE+AESGCM"
        settings.cipherSuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
        let context = try fixtures.clientContext(settings)
        #expect(!context.cipherList.isEmpty)
        #expect(context.cipherList.allSatisfy { $0.contains("GCM") && $0.hasPrefix("ECDHE") })
        #expect(context.cipherSuites == ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"])
        #expect(context.warnings.isEmpty)
    }

    @Test func unknownTLS13SuitesAreWarnedAboutOrRefused() throws {
        var settings = fixtures.clientSettings()
        settings.cipherSuites = "TLS_AES_128_GCM_SHA256:TLS_MADE_UP"
        let context = try fixtures.clientContext(settings)
        #expect(context.warnings.map(\.code) == [.unknownCipherSuite])
        #expect(context.cipherSuites == ["TLS_AES_128_GCM_SHA256"])
        settings.cipherSuites = "TLS_MADE_UP"
        #expect(fixtures.buildErrors(settings).map(\.code) == [.invalidCipherSuites])
    }

    @Test func overlongALPNProtocolIsRefused() throws {
        let settings = fixtures.clientSettings(alpn: [String(repeating: "x", count: 256)])
        #expect(fixtures.buildErrors(settings).map(\.code) == [.invalidALPN])
    }

    // MARK: - Identity

    @Test(arguments: [
        ("client-combined.pem", nil as String?, 2),
        ("client-keyfirst.pem", nil, 2),
        ("client-chain.pem", "client.key", 2),
        ("client.pem", "client-pkcs1.key", 1),
        ("client-ec.pem", "client-ec.key", 1),
    ])
    func identityLayoutsLoadWithTheirChain(certificate: String, key: String?, chainLength: Int) throws {
        let context = try fixtures.clientContext(
            fixtures.clientSettings(identity: fixtures.identity(certificate, key: key)))
        #expect(context.certificateChain.count == chainLength)
        #expect(context.certificateChain.first?.subject.hasPrefix("CN=Test") == true)
    }

    @Test func passphraseFromAFileDecryptsBothEncryptionStyles() throws {
        let passphraseFile = fixtures.pki.path("passphrase.txt")
        try (TestPKI.passphrase + "\r\nsecond line ignored\n").write(
            toFile: passphraseFile, atomically: true, encoding: .utf8)
        for key in ["client-encrypted-pkcs8.key", "client-encrypted-legacy.key"] {
            let identity = fixtures.identity("client-chain.pem", key: key, passphrase: .file(passphraseFile))
            #expect(throws: Never.self) { try fixtures.clientContext(fixtures.clientSettings(identity: identity)) }
        }
        let combined = fixtures.identity(
            "client-encrypted-combined.pem", passphrase: .environment("TLS_TEST_PASSPHRASE"))
        #expect(try fixtures.clientContext(fixtures.clientSettings(identity: combined)).certificateChain.count == 2)
    }

    @Test(arguments: ["client-encrypted-pkcs8.key", "client-encrypted-legacy.key"])
    func wrongPassphraseSaysSoWithoutEchoingIt(key: String) throws {
        let identity = fixtures.identity("client-chain.pem", key: key, passphrase: .environment("TLS_TEST_WRONG"))
        let errors = fixtures.buildErrors(fixtures.clientSettings(identity: identity))
        #expect(errors.map(\.code) == [.wrongPassphrase])
        #expect(errors.first?.origin == .environment(variable: "TLSTEST_CLIENT_KEY_PASSPHRASE"))
        #expect(errors.first?.related.first?.origin == .environment(variable: "TLSTEST_CLIENT_KEY"))
        let rendered = DiagnosticRenderer().render(errors)
        #expect(!rendered.contains("not it"))
        #expect(rendered.contains("env:TLS_TEST_WRONG"))
    }

    @Test func encryptedKeyWithoutPassphraseIsRefusedWithoutPrompting() throws {
        let identity = fixtures.identity("client-chain.pem", key: "client-encrypted-pkcs8.key")
        let errors = fixtures.buildErrors(fixtures.clientSettings(identity: identity))
        #expect(errors.map(\.code) == [.encryptedKeyWithoutPassphrase])
    }

    @Test func unsetPassphraseVariableIsReported() throws {
        let identity = fixtures.identity(
            "client-chain.pem", key: "client-encrypted-legacy.key", passphrase: .environment("TLS_TEST_UNSET"))
        let errors = fixtures.buildErrors(fixtures.clientSettings(identity: identity))
        #expect(errors.map(\.code) == [.passphraseUnavailable])
    }

    @Test func pkcs12WithRightWrongAndEmptyPassphrases() throws {
        let right = fixtures.identity("client.p12", passphrase: .environment("TLS_TEST_P12"))
        #expect(try fixtures.clientContext(fixtures.clientSettings(identity: right)).certificateChain.count == 2)
        let wrong = fixtures.identity("client.p12", passphrase: .environment("TLS_TEST_WRONG"))
        #expect(fixtures.buildErrors(fixtures.clientSettings(identity: wrong)).map(\.code) == [.wrongPassphrase])
        let missing = fixtures.identity("client.p12")
        #expect(
            fixtures.buildErrors(fixtures.clientSettings(identity: missing)).map(\.code) == [.pkcs12WithoutPassphrase])
        let empty = fixtures.identity("client-nopass.p12")
        #expect(
            try fixtures.clientContext(fixtures.clientSettings(identity: empty)).certificateChain.first?.subject
                == "CN=Test Client")
    }

    @Test func keyThatDoesNotMatchIsRefused() throws {
        let errors = fixtures.buildErrors(fixtures.clientSettings(identity: fixtures.identity("client-wrong-key.pem")))
        #expect(errors.map(\.code) == [.keyDoesNotMatchCertificate])
        #expect(errors.first?.origin == .environment(variable: "TLSTEST_CLIENT_CERT"))
    }

    @Test func leafNotFirstIsExplained() throws {
        let found = fixtures.buildErrors(
            fixtures.clientSettings(identity: fixtures.identity("client-intermediate-first.pem")))
        let errors = found.errors
        #expect(errors.map(\.code) == [.keyDoesNotMatchCertificate])
        #expect(errors.first?.notes.first?.contains("certificate 2") == true)
        // The build runs the identity checks `check` runs: the order is named as well.
        #expect(found.contains { $0.code == .chainOutOfOrder && $0.severity == .warning })
    }

    @Test func certificateFileWithoutKeyOrCertificate() throws {
        #expect(
            fixtures.buildErrors(fixtures.clientSettings(identity: fixtures.identity("client-chain.pem"))).map(\.code)
                == [.clientKeyMissing])
        #expect(
            fixtures.buildErrors(fixtures.clientSettings(identity: fixtures.identity("client.key"))).map(\.code) == [
                .clientCertificateWithoutCertificate
            ])
        #expect(
            fixtures.buildErrors(fixtures.clientSettings(identity: fixtures.identity("client.pem", key: "client.pem")))
                .map(\.code) == [.keyFileWithoutKey])
    }

    @Test func serverContextNeedsAnIdentity() throws {
        do {
            var settings = fixtures.clientSettings()
            settings.role = .server
            _ = try fixtures.builder(settings).makeServerContext()
            Issue.record("a server without identity must not build")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.serverIdentityMissing])
        }
    }

    // MARK: - Trust sources

    @Test func missingAndDamagedCAFilesAreErrorsCitingTheirOrigin() throws {
        let missing = fixtures.buildErrors(fixtures.clientSettings(trusting: ["nope.pem"]))
        #expect(missing.map(\.code) == [.pathNotFound])
        #expect(missing.first?.origin == .environment(variable: "TLSTEST_CA_FILE"))
        let damaged = fixtures.buildErrors(fixtures.clientSettings(trusting: ["damaged-ca.pem"]))
        #expect(damaged.map(\.code) == [.certificateUnparseable])
        #expect(damaged.first?.message.contains("certificate 2 of 2") == true)
        #expect(damaged.first?.notes.first?.contains("CN=Test Client CA") == true)
        #expect(
            fixtures.buildErrors(fixtures.clientSettings(trusting: ["not-a-cert.pem"])).map(\.code) == [
                .caFileWithoutCertificates
            ])
    }

    @Test func fifoAsCAFileIsRefusedWithoutBlocking() throws {
        let fifo = fixtures.pki.path("fifo-\(UInt32.random(in: 0...UInt32.max)).pem")
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let errors = fixtures.buildErrors(TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [fifo])))
        #expect(errors.map(\.code) == [.notARegularFile])
    }

    @Test func caDirectoriesWithAndWithoutHashLinks() throws {
        let unhashed = try fixtures.clientContext(
            TLSSettings(trust: TrustSettings(mode: .custom, caDirectories: [fixtures.pki.path("unhashed")])))
        #expect(unhashed.trustStore.sources == [.init(kind: .directory, path: fixtures.pki.path("unhashed"), count: 1)])
        #expect(unhashed.trustStore.certificates == 1)
        let hashed = try fixtures.clientContext(
            TLSSettings(trust: TrustSettings(mode: .custom, caDirectories: [fixtures.pki.path("hashed")])))
        #expect(
            hashed.trustStore.sources == [.init(kind: .hashedDirectory, path: fixtures.pki.path("hashed"), count: nil)])
        #expect(hashed.trustStore.certificates == 0)
    }

    @Test func systemTrustUsesTheCompiledInLocations() throws {
        let context = try fixtures.clientContext(TLSSettings())
        let facts = OpenSSLFacts.current(environment: [:])
        #expect(context.trustStore.usesSystemStore)
        #expect(
            context.trustStore.sources.map(\.path) == [
                facts.defaultCertificateFile.path, facts.defaultCertificateDirectory.path,
            ])
        let combined = try fixtures.clientContext(
            TLSSettings(trust: TrustSettings(mode: .systemAndCustom, caFiles: [fixtures.pki.path("server-ca.pem")])))
        #expect(combined.trustStore.sources.map(\.kind) == [.systemFile, .systemDirectory, .file])
        #expect(combined.trustStore.storeID != context.trustStore.storeID)
    }

    @Test func openSSLFactsDescribeTheLibrary() throws {
        let facts = OpenSSLFacts.current(environment: ["OPENSSL_CONF": "/etc/custom.cnf"])
        #expect(facts.version.hasPrefix("OpenSSL 3"))
        #expect(facts.directory.hasPrefix("/"))
        #expect(!facts.directory.contains("\""))
        #expect(facts.configurationVariable == "/etc/custom.cnf")
        #expect(OpenSSLFacts.current(environment: ["OPENSSL_CONF": ""]).configurationVariable == nil)
        #expect(facts.defaultSecurityLevel >= 0)
    }
}
