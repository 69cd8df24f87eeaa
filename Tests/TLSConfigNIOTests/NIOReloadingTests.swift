#if NIO
import Foundation
import Glibc
import NIOCore
import NIOPosix
import NIOSSL
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) import TLSConfigNIO
@_spi(Plumbing) import TLSConfigOpenSSL

/// A NIO server whose handlers come from a reloader: new handshakes get the newest
/// certificate, open connections keep theirs, and a broken rotation changes nothing.
@Suite("NIO server reloading")
struct NIOReloadingTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    @Test func newHandshakesGetTheNewCertificateAndOpenConnectionsKeepTheirs() throws {
        let directory = TemporaryDirectory(prefix: "tlsconfig-nio-rotation")
        let issued = URL(fileURLWithPath: directory.makeDirectory("issued"))
        for name in ["first", "second", "third"] {
            try pki.issueServerCertificate(name, subject: "/CN=nio \(name)", in: issued)
        }
        let certificate = directory.path + "/tls.crt", key = directory.path + "/tls.key"
        func install(_ name: String) throws {
            for (source, target) in [("\(name).key", key), ("\(name).pem", certificate)] {
                try Data(contentsOf: issued.appendingPathComponent(source)).write(
                    to: URL(fileURLWithPath: target + ".tmp"))
                chmod(target + ".tmp", 0o600)
                #expect(rename(target + ".tmp", target) == 0)
            }
        }
        try install("first")
        var configuration = ResolverConfiguration(
            environment: ["HOME": directory.path, "TLSCONFIG_CERT": certificate, "TLSCONFIG_KEY": key],
            workingDirectory: directory.path
        )
        configuration.role = .server
        let server = configuration
        let reloader = try ReloadingServerTLS { SettingsResolver(server).resolve() }
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(reloader.current.makeHandler())
                    try channel.pipeline.syncOperations.addHandler(NIOHarness.Greeter(closesAfterReply: false))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        let port = try #require(channel.localAddress?.port)
        let client = try TLSContextBuilder(
            resolution: Resolution(
                settings: TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [pki.path("server-ca.pem")])))
        )
        .makeClientContext()
        func served() throws -> String? {
            let connection = try TLSConnection.connect(
                host: "127.0.0.1", port: port, using: client, timeout: .seconds(5))
            defer { connection.close() }
            return connection.handshake.peerCertificates.first?.subject
        }

        #expect(try served() == "CN=nio first")
        let open = try TLSConnection.connect(host: "127.0.0.1", port: port, using: client, timeout: .seconds(5))
        defer { open.close() }

        try install("second")
        #expect(reloader.check()?.outcome == .reloaded)
        #expect(try served() == "CN=nio second")
        // The connection opened before the rotation still works, with its certificate.
        try open.write(Array("ping\n".utf8))
        #expect(String(decoding: try open.read(upTo: 100), as: UTF8.self) == "hello from nio\n")
        #expect(open.handshake.peerCertificates.first?.subject == "CN=nio first")

        // A half-written key: refused, the second pair keeps serving.
        try Data("-----BEGIN PRIVATE KEY-----\nMIGH".utf8).write(to: URL(fileURLWithPath: key))
        let rejected = try #require(reloader.check())
        #expect(rejected.outcome == .rejected)
        #expect(rejected.diagnostics.contains { $0.setting == .key })
        #expect(try served() == "CN=nio second")

        try install("third")
        #expect(reloader.check()?.outcome == .reloaded)
        #expect(try served() == "CN=nio third")
        #expect(reloader.generation == 3)
    }

    /// 1,000 reloads of a NIO client, each rewriting the CA bundle and the identity: every
    /// old verifier, handler context and trust roots must be freed (BoringSSL allocates
    /// through the same malloc that the measure reads).
    @Test func aThousandNIOReloadsDoNotGrowTheHeap() async throws {
        let child = try await IsolatedProcess.run("NIOReloadingTests/aThousandNIOReloadsDoNotGrowTheHeap") {
            let files = try AlternatingClientFiles(pki: pki, prefix: "tlsconfig-nio-reload-leak")
            let configuration = files.configuration
            let cache = TrustStoreCache()
            let reloader = try ReloadingClientTLS(
                for: .handlers, accepting: [], pollingEvery: .seconds(30), trustStoreCache: cache, observe: nil
            ) { SettingsResolver(configuration).resolve() }
            func reload(_ round: Int) throws {
                try files.write(round)
                let tls = reloader.current
                _ = try tls.makeContext(for: .configuration, accepting: [.verify])
                #expect(reloader.check()?.outcome == .reloaded)
            }
            for round in 1...50 { try reload(round) }
            #expect(
                HeapGrowth.bytesInUse > 0, "the allocator must report its bytes in use, or the check proves nothing")
            let growth = try HeapGrowth.windows(10, perWindow: 100) { try reload(51 + $0) }
            print(
                "leak check: 1000 NIO client reloads (generation \(reloader.generation)), bytes in use grew by \(growth) per 100, \(cache.count) trust store(s) cached"
            )
            #expect(reloader.generation == 1_051)
            // A kept verifier, handler context and roots per reload (well over 8 KB) would exceed this.
            #expect(HeapGrowth.median(growth) < 100 * 4_096)
        }
        if let child { #expect(child.passed, "the isolated run failed:\n\(child.output)") }
    }
}
#endif
