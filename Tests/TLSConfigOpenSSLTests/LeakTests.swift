import COpenSSL
import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// OpenSSL handles are owned by Swift types that free them: building many contexts, and
/// many handshakes, must not grow the heap. `TLSCONFIG_LEAK_ITERATIONS` changes the count.
///
/// The measure is the allocator's bytes in use, which is process-wide, so each test runs its
/// measurement in a process of its own (`IsolatedProcess`), where no other suite runs.
///
/// Skipped under a sanitizer: the sanitizer's allocator replaces glibc's, and 10,000 builds
/// take minutes. The address-sanitizer run checks leaks exactly instead, with LeakSanitizer.
@Suite(
    "Leaks", .serialized,
    .disabled(
        if: SanitizerSupport.active != nil,
        "the sanitizer's allocator replaces glibc's; LeakSanitizer checks leaks in the ASan run")
)
struct LeakTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    private var iterations: Int {
        ProcessInfo.processInfo.environment["TLSCONFIG_LEAK_ITERATIONS"].flatMap(Int.init) ?? 10_000
    }

    /// Each test measures in a test process of its own (`IsolatedProcess`): no other suite
    /// allocates beside it.
    @Test func tenThousandContextBuildsDoNotGrowTheHeap() async throws {
        let child = try await IsolatedProcess.run("LeakTests/tenThousandContextBuildsDoNotGrowTheHeap") {
            try measureContextBuilds()
        }
        if let child { #expect(child.passed, "the isolated run failed:\n\(child.output)") }
    }

    private func measureContextBuilds() throws {
        let cache = TrustStoreCache()
        let good = fixtures.clientSettings(
            trusting: ["both-cas.pem"],
            identity: fixtures.identity(
                "client-chain.pem", key: "client-encrypted-pkcs8.key", passphrase: .environment("TLS_TEST_PASSPHRASE")),
            alpn: ["h2"], pins: [try fixtures.pki.serverPin()], crlFile: "server-ca.crl"
        )
        var wrongPassphrase = good
        wrongPassphrase.identity?.passphrase = .environment("TLS_TEST_WRONG")
        var pkcs12 = good
        pkcs12.identity = fixtures.identity("client.p12", passphrase: .environment("TLS_TEST_P12"))
        var badCiphers = good
        badCiphers.ciphers = "NOPE"
        let systemAndCustom = TLSSettings(
            trust: TrustSettings(mode: .systemAndCustom, caFiles: [fixtures.pki.path("server-ca.pem")]))
        // Successful and failing builds alike, round robin.
        let builders = [good, wrongPassphrase, pkcs12, badCiphers, systemAndCustom].map {
            fixtures.builder($0, cache: cache)
        }
        var failures = 0
        func build(_ index: Int) {
            do { _ = try builders[index % builders.count].makeClientContext() } catch { failures += 1 }
        }
        for index in 0..<500 { build(index) }  // warm caches and allocator pools
        #expect(HeapGrowth.bytesInUse > 0, "the allocator must report its bytes in use, or the check proves nothing")
        let perWindow = max(iterations / 10, 5)
        let growth = HeapGrowth.windows(10, perWindow: perWindow) { build(500 + $0) }
        print(
            "leak check: \(10 * perWindow) context builds (\(failures) failing on purpose), bytes in use grew by \(growth) per \(perWindow)"
        )
        #expect(failures == (500 + 10 * perWindow) * 2 / 5)
        // 600 of every 1,000 builds succeed; one leaked EVP_PKEY each (about 1 KB) would grow
        // every window by more than 500 KB. (valgrind and LeakSanitizer give the exact answer.)
        #expect(HeapGrowth.median(growth) < perWindow * 256)
    }

    @Test func handshakesDoNotGrowTheHeap() async throws {
        let child = try await IsolatedProcess.run("LeakTests/handshakesDoNotGrowTheHeap") { try measureHandshakes() }
        if let child { #expect(child.passed, "the isolated run failed:\n\(child.output)") }
    }

    private func measureHandshakes() throws {
        let rounds = min(iterations / 20, 300)
        let serverContext = try fixtures.serverContext()
        // OpenSSL's server session cache keeps every session (with the client's certificate)
        // up to 20,480 of them: bounded, but growth here. Off, what remains would be a leak.
        SSL_CTX_ctrl(serverContext.pointer, SSL_CTRL_SET_SESS_CACHE_MODE, Int(SSL_SESS_CACHE_OFF), nil)
        // One connection more than the test makes: a server thread that ends frees its
        // thread-local state, which would show up as a drop in the last window.
        let warmUp = 100
        let server = try InProcessServer(context: serverContext, connections: warmUp + rounds + 1)
        defer { server.stop() }
        let context = try fixtures.clientContext(
            fixtures.clientSettings(identity: fixtures.identity("client-combined.pem")))
        for _ in 0..<warmUp { _ = Fixtures.probe.run(context, host: "127.0.0.1", port: server.port) }
        let perWindow = max(rounds / 6, 5)
        let growth = HeapGrowth.windows(6, perWindow: perWindow, settle: { _ = server.waitForOutcomes(warmUp + $0) }) {
            _ in
            let report = Fixtures.probe.run(context, host: "127.0.0.1", port: server.port)
            #expect(report.failure == nil)
        }
        print("leak check: \(6 * perWindow) handshakes, bytes in use grew by \(growth) per \(perWindow)")
        // A leaked SSL per handshake on either side (its two record buffers alone are 33 KB,
        // besides the session and peer chain) would exceed this many times over.
        #expect(HeapGrowth.median(growth) < perWindow * 4_096)
    }

    @Test func aThousandReloadsDoNotGrowTheHeap() async throws {
        let child = try await IsolatedProcess.run("LeakTests/aThousandReloadsDoNotGrowTheHeap") { try measureReloads() }
        if let child { #expect(child.passed, "the isolated run failed:\n\(child.output)") }
    }

    /// Each round rewrites the CA bundle and the client identity, so every reload builds a new
    /// trust store and decodes a new key; the old contexts must all be freed.
    private func measureReloads() throws {
        let files = try AlternatingClientFiles(pki: fixtures.pki, prefix: "tlsconfig-reload-leak")
        let configuration = files.configuration
        let cache = TrustStoreCache()
        let reloader = try ContextReloader.clientContexts(trustStoreCache: cache) {
            SettingsResolver(configuration).resolve()
        }
        let rounds = min(iterations / 10, 1_000)
        func reload(_ round: Int) throws {
            try files.write(round)
            #expect(reloader.check()?.outcome == .reloaded)
        }
        for round in 1...50 { try reload(round) }
        let perWindow = max(rounds / 10, 2)
        let growth = try HeapGrowth.windows(10, perWindow: perWindow) { try reload(51 + $0) }
        print(
            "leak check: \(10 * perWindow) reloads (generation \(reloader.generation)), bytes in use grew by \(growth) per \(perWindow), \(cache.count) trust store(s) cached"
        )
        #expect(reloader.generation == 51 + 10 * perWindow)
        #expect(cache.count <= 2)
        // A kept context (its SSL_CTX, trust store and key: well over 8 KB) per reload would
        // exceed this.
        #expect(HeapGrowth.median(growth) < perWindow * 4_096)
    }
}
