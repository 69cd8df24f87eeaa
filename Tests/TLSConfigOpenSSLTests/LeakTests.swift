import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@testable import TLSConfigOpenSSL

/// OpenSSL handles are owned by Swift types that free them: building many contexts, and
/// many handshakes, must not grow the heap. `TLSCONFIG_LEAK_ITERATIONS` changes the count.
///
/// Skipped under a sanitizer: resident memory then measures ASan's quarantine and shadow
/// memory (and TSan's), not leaks, and 10,000 builds take minutes. The address-sanitizer
/// run checks leaks exactly instead, with LeakSanitizer.
@Suite(
    "Leaks", .serialized,
    .disabled(if: SanitizerSupport.active != nil, "RSS growth is meaningless under a sanitizer; LeakSanitizer checks leaks in the ASan run")
)
struct LeakTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    private var iterations: Int {
        ProcessInfo.processInfo.environment["TLSCONFIG_LEAK_ITERATIONS"].flatMap(Int.init) ?? 10_000
    }

    /// Anonymous resident memory (`RssAnon` in /proc/self/status), in bytes: the heap and
    /// OpenSSL's allocations, without mapped files. (`mallinfo2` is not visible from Swift's
    /// Glibc module.)
    private static func heapInUse() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    /// Both tests hold `MemoryQuietGate` exclusively: the hardening tests' large inputs and
    /// 64 concurrent builds in the same process would otherwise show up as growth.
    @Test func tenThousandContextBuildsDoNotGrowTheHeap() throws {
        try MemoryQuietGate.exclusive { try measureContextBuilds() }
    }

    private func measureContextBuilds() throws {
        let cache = TrustStoreCache()
        let good = fixtures.clientSettings(
            trusting: ["both-cas.pem"],
            identity: fixtures.identity("client-chain.pem", key: "client-encrypted-pkcs8.key", passphrase: .environment("TLS_TEST_PASSPHRASE")),
            alpn: ["h2"], pins: [try fixtures.pki.serverPin()], crlFile: "server-ca.crl"
        )
        var wrongPassphrase = good
        wrongPassphrase.identity?.passphrase = .environment("TLS_TEST_WRONG")
        var pkcs12 = good
        pkcs12.identity = fixtures.identity("client.p12", passphrase: .environment("TLS_TEST_P12"))
        var badCiphers = good
        badCiphers.ciphers = "NOPE"
        let systemAndCustom = TLSSettings(trust: TrustSettings(mode: .systemAndCustom, caFiles: [fixtures.pki.path("server-ca.pem")]))
        // Successful and failing builds alike, round robin.
        let builders = [good, wrongPassphrase, pkcs12, badCiphers, systemAndCustom].map { fixtures.builder($0, cache: cache) }
        var failures = 0
        func build(_ index: Int) {
            do { _ = try builders[index % builders.count].makeClientContext() } catch { failures += 1 }
        }
        for index in 0..<500 { build(index) }  // warm caches and allocator pools
        let before = Self.heapInUse()
        #expect(before > 0, "RssAnon must be readable, or the check proves nothing")
        let count = iterations
        for index in 0..<count { build(index) }
        let after = Self.heapInUse()
        let growth = after - before
        print("leak check: \(count) context builds (\(failures) failing on purpose), heap in use \(before) -> \(after) bytes, growth \(growth) bytes")
        #expect(failures == (500 + count) * 2 / 5)
        // A leaked EVP_PKEY per successful build grows the heap by ~20 MB here; other suites
        // running in parallel add up to about 1 MB of noise. (valgrind gives the exact answer.)
        #expect(growth < 4 << 20)
    }

    @Test func handshakesDoNotGrowTheHeap() throws {
        try MemoryQuietGate.exclusive { try measureHandshakes() }
    }

    private func measureHandshakes() throws {
        let rounds = min(iterations / 20, 300)
        let server = try InProcessServer(context: fixtures.serverContext(), connections: rounds + 20)
        defer { server.stop() }
        let context = try fixtures.clientContext(fixtures.clientSettings(identity: fixtures.identity("client-combined.pem")))
        for _ in 0..<20 { _ = Fixtures.probe.run(context, host: "127.0.0.1", port: server.port) }
        _ = server.waitForOutcomes(20)
        let before = Self.heapInUse()
        for _ in 0..<rounds {
            let report = Fixtures.probe.run(context, host: "127.0.0.1", port: server.port)
            #expect(report.failure == nil)
        }
        _ = server.waitForOutcomes(rounds + 20)
        let after = Self.heapInUse()
        print("leak check: \(rounds) handshakes, heap in use \(before) -> \(after) bytes, growth \(after - before) bytes")
        // A leaked SSL (with its session and peer chain) per handshake would exceed this.
        #expect(after - before < 3 << 20)
    }

    @Test func aThousandReloadsDoNotGrowTheHeap() throws {
        try MemoryQuietGate.exclusive { try measureReloads() }
    }

    /// Each round rewrites the CA bundle and the client identity, so every reload builds a new
    /// trust store and decodes a new key; the old contexts must all be freed.
    private func measureReloads() throws {
        let directory = TemporaryDirectory(prefix: "tlsconfig-reload-leak")
        let bundle = directory.path + "/ca.pem", identity = directory.path + "/client.pem"
        let bundles = [try fixtures.pki.bytes("server-ca.pem"), try fixtures.pki.bytes("both-cas.pem")]
        let identities = [try fixtures.pki.bytes("client-combined.pem"), try fixtures.pki.bytes("client-keyfirst.pem")]
        func write(_ round: Int) throws {
            try bundles[round % 2].write(to: URL(fileURLWithPath: bundle))
            try identities[round % 2].write(to: URL(fileURLWithPath: identity))
            chmod(identity, 0o600)
        }
        try write(0)
        let configuration = ResolverConfiguration(
            environment: ["HOME": directory.path, "TLSCONFIG_CA_FILE": bundle, "TLSCONFIG_CLIENT_CERT": identity], workingDirectory: directory.path
        )
        let cache = TrustStoreCache()
        let reloader = try ContextReloader.clientContexts(trustStoreCache: cache) { SettingsResolver(configuration).resolve() }
        let rounds = min(iterations / 10, 1_000)
        func reload(_ round: Int) throws {
            // Consecutive rounds differ in size, so each rewrite changes the identity even
            // within one tick of the kernel's coarse file clock.
            try write(round)
            #expect(reloader.check()?.outcome == .reloaded)
        }
        for round in 1...50 { try reload(round) }
        let before = Self.heapInUse()
        for round in 51..<(51 + rounds) { try reload(round) }
        let after = Self.heapInUse()
        print("leak check: \(rounds) reloads (generation \(reloader.generation)), heap in use \(before) -> \(after) bytes, growth \(after - before) bytes, \(cache.count) trust store(s) cached")
        #expect(reloader.generation == 51 + rounds)
        #expect(cache.count <= 2)
        #expect(after - before < 4 << 20)
    }
}
