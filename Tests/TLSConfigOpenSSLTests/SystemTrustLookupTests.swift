import Foundation
import Glibc
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// `trust = "system"` looks CAs up through the hashed system directory when it holds exactly
/// the bundle's certificates, instead of parsing the bundle. The verdicts must be the same as
/// with the bundle loaded, and anything that does not mirror must fall back to loading it.
@Suite struct SystemTrustLookupTests {
    let pki: FailureMatrixPKI
    let store: TemporaryDirectory
    let bundle: String
    let directory: String

    /// A system store of our own: the matrix root and two real system roots, as a bundle and as
    /// a directory hashed by `openssl rehash`.
    init() throws {
        pki = try FailureMatrixPKI.shared()
        store = TemporaryDirectory(prefix: "tlsconfig-system-store")
        directory = store.makeDirectory("certs")
        var certificates = [try String(contentsOfFile: pki.path("root.pem"), encoding: .utf8)]
        let system = try String(contentsOfFile: "/etc/ssl/certs/ca-certificates.crt", encoding: .utf8)
        certificates += system.components(separatedBy: "-----END CERTIFICATE-----").prefix(2).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines) + "\n-----END CERTIFICATE-----\n"
        }
        for (index, certificate) in certificates.enumerated() {
            try certificate.write(toFile: "\(directory)/ca-\(index).pem", atomically: true, encoding: .utf8)
        }
        bundle = store.path + "/bundle.pem"
        try certificates.joined(separator: "\n").write(toFile: bundle, atomically: true, encoding: .utf8)
        try OpenSSLTool.run(["rehash", directory], in: URL(fileURLWithPath: store.path))
    }

    private func context(lookUp: Bool, cache: TrustStoreCache = TrustStoreCache()) throws -> TLSContext {
        var builder = TLSContextBuilder(
            resolution: Resolution(settings: TLSSettings(trust: .system)), trustStoreCache: cache)
        builder.systemTrust = SystemTrustLocations(file: bundle, directory: directory, lookUpWhenMirrored: lookUp)
        return try builder.makeClientContext()
    }

    private func der(_ names: [String]) throws -> [[UInt8]] {
        try names.map { name in
            let output = store.path + "/\(name).der"
            try OpenSSLTool.run(
                ["x509", "-in", pki.path("\(name).pem"), "-outform", "DER", "-out", output],
                in: URL(fileURLWithPath: store.path))
            return Array(try Data(contentsOf: URL(fileURLWithPath: output)))
        }
    }

    @Test func aMirroringDirectoryIsLookedUpAndTheBundleIsNotParsed() throws {
        let lazy = try context(lookUp: true)
        let system = try #require(lazy.trustStore.sources.first { $0.kind == .systemFile })
        #expect(system.lookedUpThrough == directory)
        #expect(system.count == 3)
        #expect(lazy.trustStore.certificates == 0)
        let eager = try context(lookUp: false)
        #expect(eager.trustStore.sources.first { $0.kind == .systemFile }?.lookedUpThrough == nil)
        #expect(eager.trustStore.certificates == 3)
        #expect(
            OpenSSLReport.trustDescription(lazy.trustStore).contains(
                "looked up through \(directory), which holds the same certificates"))
    }

    /// `SSL_CERT_FILE` naming the system bundle (CI images set it so): looked up through the
    /// mirroring directory too, with the same verdicts; a server that names its client CAs
    /// still decodes the file.
    @Test func aCAFileThatIsTheSystemBundleIsLookedUpToo() throws {
        func context(role: TLSRole) throws -> TLSContext {
            var settings = TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [bundle]))
            settings.role = role
            if role == .server {
                settings.identity = ClientIdentity(
                    certificateFile: pki.path("good.pem"), keyFile: pki.path("server.key"))
            }
            var builder = TLSContextBuilder(
                resolution: Resolution(settings: settings), trustStoreCache: TrustStoreCache())
            builder.systemTrust = SystemTrustLocations(file: bundle, directory: directory)
            return role == .client
                ? try builder.makeClientContext() : try builder.makeServerContext(clientAuthentication: .required)
        }
        let client = try context(role: .client)
        let file = try #require(client.trustStore.sources.first { $0.kind == .file })
        #expect(file.lookedUpThrough == directory && file.count == 3)
        #expect(client.trustStore.certificates == 0)
        #expect(client.trustAnchorsDER().count == 3, "the anchors are read through the directory")
        #expect(client.verifyPeerChain(try der(["good"]), host: "localhost").isAccepted)
        #expect(!client.verifyPeerChain(try der(["untrusted"]), host: "localhost").isAccepted)
        let server = try context(role: .server)
        #expect(server.trustStore.sources.first { $0.kind == .file }?.lookedUpThrough == nil)
        #expect(server.trustStore.certificates == 3)
    }

    @Test(arguments: [
        (["good"], "localhost", true),
        (["expired"], "localhost", false),
        (["untrusted"], "localhost", false),
        (["good"], "wrong.example", false),
        (["behind-intermediate"], "localhost", false),
        (["behind-intermediate", "intermediate"], "localhost", true),
        (["self-signed"], "localhost", false),
        (["no-server-auth"], "localhost", false),
    ])
    func lazyAndEagerStoresReachTheSameVerdicts(chain: [String], host: String, accepted: Bool) throws {
        let chainDER = try der(chain)
        let lazy = try context(lookUp: true).verifyPeerChain(chainDER, host: host)
        let eager = try context(lookUp: false).verifyPeerChain(chainDER, host: host)
        #expect(lazy == eager)
        #expect(lazy.isAccepted == accepted, "\(chain) for \(host): \(String(describing: lazy.failure))")
    }

    @Test func aRealHandshakeThroughTheLookedUpStore() throws {
        var serverSettings = TLSSettings(
            identity: ClientIdentity(certificateFile: pki.path("good.pem"), keyFile: pki.path("server.key")))
        serverSettings.role = .server
        let server = try InProcessServer(
            context: try TLSContextBuilder(resolution: Resolution(settings: serverSettings)).makeServerContext())
        defer { server.stop() }
        let connection = try TLSConnection.connect(
            host: "127.0.0.1", port: server.port, using: context(lookUp: true), timeout: .seconds(10))
        #expect(connection.handshake.peerCertificates.first?.issuer.contains("Matrix Root CA") == true)
        connection.close()
    }

    @Test func aDirectoryThatDoesNotMirrorFallsBackToTheBundle() throws {
        // A link missing: the directory holds fewer certificates than the bundle.
        let links = try FileManager.default.contentsOfDirectory(atPath: directory).filter(
            CertificateDirectory.isHashName
        ).sorted()
        let removed = directory + "/" + links[0]
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: removed)
        #expect(unlink(removed) == 0)
        let missing = try context(lookUp: true)
        #expect(missing.trustStore.sources.first { $0.kind == .systemFile }?.lookedUpThrough == nil)
        #expect(missing.trustStore.certificates == 3)
        // Restored, it mirrors again (the verdict follows the directory's identity; the pause
        // keeps the two changes out of one tick of the kernel's coarse file clock).
        usleep(20_000)
        #expect(symlink(target, removed) == 0)
        #expect(
            try context(lookUp: true).trustStore.sources.first { $0.kind == .systemFile }?.lookedUpThrough == directory)
        // An extra certificate in the directory: more than the bundle, so the bundle is loaded.
        usleep(20_000)
        try String(contentsOfFile: pki.path("other.pem"), encoding: .utf8).write(
            toFile: directory + "/extra.pem", atomically: true, encoding: .utf8)
        try OpenSSLTool.run(["rehash", directory], in: URL(fileURLWithPath: store.path))
        let extra = try context(lookUp: true)
        #expect(extra.trustStore.sources.first { $0.kind == .systemFile }?.lookedUpThrough == nil)
    }

    /// The check compares certificates, not files: the same certificates wrapped at 76 columns
    /// with CRLF line ends still mirror; one certificate swapped for another (same count) does not.
    @Test func mirroringComparesCertificatesNotTheirWrapping() throws {
        let original = try String(contentsOfFile: bundle, encoding: .utf8)
        let blocks = original.components(separatedBy: "-----END CERTIFICATE-----").dropLast().map { block in
            block.components(separatedBy: "-----BEGIN CERTIFICATE-----")[1].filter { !$0.isWhitespace }
        }
        func rewrapped(_ bodies: [String]) -> String {
            bodies.map { body in
                let lines = stride(from: 0, to: body.count, by: 76).map { start in
                    String(body.dropFirst(start).prefix(76))
                }
                return "-----BEGIN CERTIFICATE-----\r\n" + lines.joined(separator: "\r\n")
                    + "\r\n-----END CERTIFICATE-----\r\n"
            }.joined()
        }
        #expect(blocks.count == 3)
        try rewrapped(blocks.reversed()).write(toFile: bundle, atomically: true, encoding: .utf8)
        let rewrappedContext = try context(lookUp: true)
        #expect(rewrappedContext.trustStore.sources.first { $0.kind == .systemFile }?.lookedUpThrough == directory)
        #expect(rewrappedContext.trustStore.sources.first { $0.kind == .systemFile }?.count == 3)

        usleep(20_000)
        let other = try String(contentsOfFile: pki.path("other.pem"), encoding: .utf8)
        let otherBody = other.components(separatedBy: "-----BEGIN CERTIFICATE-----")[1].components(
            separatedBy: "-----END")[0].filter { !$0.isWhitespace }
        try rewrapped([otherBody] + blocks.dropFirst()).write(toFile: bundle, atomically: true, encoding: .utf8)
        let swapped = try context(lookUp: true)
        #expect(swapped.trustStore.sources.first { $0.kind == .systemFile }?.lookedUpThrough == nil)
        #expect(swapped.trustStore.certificates == 3)
    }
}

/// Every decoded CA certificate is added to the store in one sorted batch (OpenSSL 3.0's
/// one-by-one insertion is quadratic), for a large bundle and for an unhashed directory of
/// many one-certificate files alike: the same certificates, duplicates skipped, the same verdicts.
@Suite struct LargeBundleTests {
    @Test func aLargeBundleIsAddedInBulkWithTheSameVerdicts() throws {
        let pki = try FailureMatrixPKI.shared()
        let directory = TemporaryDirectory(prefix: "tlsconfig-large-bundle")
        let system = try String(contentsOfFile: "/etc/ssl/certs/ca-certificates.crt", encoding: .utf8)
        let unique = system.components(separatedBy: "BEGIN CERTIFICATE").count - 1
        let bundle = directory.path + "/large.pem"
        try (String(repeating: system, count: 10) + (try String(contentsOfFile: pki.path("root.pem"), encoding: .utf8)))
            .write(toFile: bundle, atomically: true, encoding: .utf8)
        let context = try TLSContextBuilder(
            resolution: Resolution(settings: TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [bundle]))),
            trustStoreCache: TrustStoreCache()
        )
        .makeClientContext()
        // Every block counts as loaded, as X509_STORE_add_cert counts a duplicate; the store holds each once.
        #expect(context.trustStore.certificates == unique * 10 + 1)
        #expect(context.trustAnchorsDER().count == unique + 1)
        func verdict(_ name: String) throws -> Bool {
            let der = store(name, pki: pki, in: directory)
            return context.verifyPeerChain([der], host: "localhost").isAccepted
        }
        #expect(try verdict("good"))
        #expect(try !verdict("untrusted"))
    }

    @Test func anUnhashedDirectoryOfManyFilesIsAddedInOneBatch() throws {
        let pki = try FailureMatrixPKI.shared()
        let directory = TemporaryDirectory(prefix: "tlsconfig-unhashed")
        let system = try String(contentsOfFile: "/etc/ssl/certs/ca-certificates.crt", encoding: .utf8)
        let blocks = system.components(separatedBy: "-----BEGIN CERTIFICATE-----").dropFirst().map {
            "-----BEGIN CERTIFICATE-----" + $0
        }
        let cas = directory.makeDirectory("cas")
        for (index, block) in blocks.enumerated() {
            try block.write(toFile: cas + "/ca-\(index).pem", atomically: true, encoding: .utf8)
        }
        // The matrix root twice, and the other root in a file of its own.
        let root = try String(contentsOfFile: pki.path("root.pem"), encoding: .utf8)
        try root.write(toFile: cas + "/matrix-root.pem", atomically: true, encoding: .utf8)
        try root.write(toFile: cas + "/matrix-root-again.pem", atomically: true, encoding: .utf8)
        let context = try TLSContextBuilder(
            resolution: Resolution(settings: TLSSettings(trust: TrustSettings(mode: .custom, caDirectories: [cas]))),
            trustStoreCache: TrustStoreCache()
        )
        .makeClientContext()
        #expect(context.trustStore.certificates == blocks.count + 2)
        #expect(context.trustAnchorsDER().count == blocks.count + 1, "the duplicate root is held once")
        func verdict(_ name: String) throws -> Bool {
            context.verifyPeerChain([store(name, pki: pki, in: directory)], host: "localhost").isAccepted
        }
        #expect(try verdict("good"))
        #expect(try !verdict("untrusted"))
    }

    private func store(_ name: String, pki: FailureMatrixPKI, in directory: TemporaryDirectory) -> [UInt8] {
        let output = directory.path + "/\(name).der"
        _ = try? OpenSSLTool.run(
            ["x509", "-in", pki.path("\(name).pem"), "-outform", "DER", "-out", output],
            in: URL(fileURLWithPath: directory.path))
        return Array((try? Data(contentsOf: URL(fileURLWithPath: output))) ?? Data())
    }
}
