import BenchmarkSupport
import Foundation
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL
@_spi(Plumbing) import TLSConfigNIO
import NIOSSL

// In-process timings for compare.sh. Each mode runs a few warm-up rounds, then ITERATIONS
// timed rounds, and prints the median of one round in microseconds on one line, so the
// script can put it next to the C reference and Python measured the same way.
//
//   compare-helper context-first ITERATIONS        client context, system trust, fresh TrustStoreCache each round
//   compare-helper context-first ITERATIONS FILE   the same with FILE as ca-file (SSL_CERT_FILE), read each round
//   compare-helper context-repeat ITERATIONS       client context, system trust, warm cache
//   compare-helper nio-first ITERATIONS            NIOSSLContext for a configuration consumer, system trust, fresh caches each round
//   compare-helper nio-second ITERATIONS           the same, second context for the same trust (warm caches)
//   compare-helper nio-handler-second ITERATIONS   ClientTLS (handler context) for the same trust, warm caches
//   compare-helper nio-plain ITERATIONS            swift-nio-ssl alone: NIOSSLContext(.makeClientConfiguration()), its own system trust
//   compare-helper toml PATH ITERATIONS            read PATH and parse it with TOMLParser
//   compare-helper resolve ITERATIONS [CAFILE]     the two-file, 20-section resolution of the benchmarks
//   compare-helper generate-toml PATH [BYTES]      write the generated TOML document (1 MiB by default)
//   compare-helper spawn ITERATIONS COMMAND...     run COMMAND (no shell) and time the whole process
//   compare-helper nio-handshakes PKI COUNT        mTLS handshakes/s: TLSConfig's verifier vs swift-nio-ssl's, and one callback (µs)
//   compare-helper rotation-latency PKI ROUNDS     ms from a certificate's atomic rename to the server reloader's event (median, max, n)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("compare-helper: \(message)\n".utf8))
    exit(2)
}

func median(iterations: Int, warmup: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    for round in 0..<(warmup + iterations) {
        let elapsed = try clock.measure(body)
        if round >= warmup {
            let (seconds, attoseconds) = elapsed.components
            samples.append(Double(seconds) * 1e6 + Double(attoseconds) / 1e12)
        }
    }
    samples.sort()
    let middle = samples.count / 2
    return samples.count % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2
}

/// The process environment without the variables that change what "the system store" means.
let cleanEnvironment: [String: String] = {
    var environment = ProcessInfo.processInfo.environment
    for name in environment.keys
    where name.hasPrefix("SSL_") || name.hasPrefix("TLSCONFIG_") || name.hasSuffix("_CA_BUNDLE") {
        environment[name] = nil
    }
    return environment
}()

func count(_ text: String) -> Int {
    guard let value = Int(text), value > 0 else { fail("not a positive count: \(text)") }
    return value
}

func spawnAndWait(_ arguments: [String]) {
    var pid: pid_t = 0
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    // Diagnostics go to standard error: discarded too, so text and JSON cost the same writes.
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else {
        fail("cannot run \(arguments[0])")
    }
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { fail("usage: compare-helper MODE ...") }

switch (mode, arguments.count) {
case ("context-first", 2):
    let result = try median(iterations: count(arguments[1])) {
        // As in a new process: no store, and no verdict on whether the system directory mirrors the bundle.
        TrustStoreCache.forgetSystemTrustVerdicts()
        let builder = TLSContextBuilder(
            resolution: Resolution(settings: TLSSettings(), environment: cleanEnvironment),
            trustStoreCache: TrustStoreCache())
        _ = try builder.makeClientContext()
    }
    print(String(format: "%.1f", result))

case ("context-first", 3):
    let file = arguments[2]
    let result = try median(iterations: count(arguments[1])) {
        TrustStoreCache.forgetSystemTrustVerdicts()
        let settings = TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [file]))
        let builder = TLSContextBuilder(
            resolution: Resolution(settings: settings, environment: cleanEnvironment),
            trustStoreCache: TrustStoreCache())
        _ = try builder.makeClientContext()
    }
    print(String(format: "%.1f", result))

case ("context-repeat", 2):
    let builder = TLSContextBuilder(
        resolution: Resolution(settings: TLSSettings(), environment: cleanEnvironment),
        trustStoreCache: TrustStoreCache())
    _ = try builder.makeClientContext()
    let result = try median(iterations: count(arguments[1])) {
        _ = try builder.makeClientContext()
    }
    print(String(format: "%.1f", result))

case ("nio-first", 2):
    let result = try median(iterations: count(arguments[1])) {
        TrustStoreCache.forgetSystemTrustVerdicts()
        let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
        _ = try ClientTLS(resolution: resolution, trustStoreCache: TrustStoreCache()).makeContext(
            for: .configuration, accepting: [.verify])
    }
    print(String(format: "%.1f", result))

case ("nio-second", 2):
    let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
    let cache = TrustStoreCache()
    _ = try ClientTLS(resolution: resolution, trustStoreCache: cache).makeContext(
        for: .configuration, accepting: [.verify])
    let result = try median(iterations: count(arguments[1])) {
        _ = try ClientTLS(resolution: resolution, trustStoreCache: cache).makeContext(
            for: .configuration, accepting: [.verify])
    }
    print(String(format: "%.1f", result))

case ("nio-handler-second", 2):
    let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
    let cache = TrustStoreCache()
    _ = try ClientTLS(resolution: resolution, trustStoreCache: cache)
    let result = try median(iterations: count(arguments[1])) {
        _ = try ClientTLS(resolution: resolution, trustStoreCache: cache)
    }
    print(String(format: "%.1f", result))

case ("nio-plain", 2):
    let result = try median(iterations: count(arguments[1])) {
        _ = try NIOSSLContext(configuration: .makeClientConfiguration())
    }
    print(String(format: "%.1f", result))

case ("toml", 3):
    let path = arguments[1]
    let result = try median(iterations: count(arguments[2])) {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        _ = try TOMLParser.parse([UInt8](data))
    }
    print(String(format: "%.1f", result))

case ("resolve", 2), ("resolve", 3):
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // A CA file given on the command line spares the openssl runs (and lets valgrind run it).
    let caFile = arguments.count == 3 ? arguments[2] : try KeyMaterial(in: scratch).caCertificate
    let fixture = try ResolutionFixture(in: scratch, caFile: caFile)
    let resolver = SettingsResolver(
        ResolverConfiguration(environment: fixture.environment, workingDirectory: fixture.workingDirectory))
    guard resolver.resolve(host: ResolutionFixture.host).diagnostics.isEmpty else {
        fail("the resolution fixture does not resolve cleanly")
    }
    let result = median(iterations: count(arguments[1])) {
        _ = resolver.resolve(host: ResolutionFixture.host)
    }
    print(String(format: "%.1f", result))

case ("generate-toml", 2), ("generate-toml", 3):
    let size = arguments.count == 3 ? count(arguments[2]) : 1 << 20
    let bytes = DocumentGenerator.document(.toml, minimumBytes: size)
    guard FileManager.default.createFile(atPath: arguments[1], contents: Data(bytes)) else {
        fail("cannot write \(arguments[1])")
    }

case ("nio-handshakes", 3):
    try HandshakeThroughput.run(pki: arguments[1], count: count(arguments[2]))

case ("rotation-latency", 3):
    try await RotationLatency.run(pki: arguments[1], rounds: count(arguments[2]))

case ("reload-storm", 4):
    try await ReloadStorm.run(pki: arguments[1], touches: count(arguments[2]), seconds: count(arguments[3]))

case ("spawn", 3...):
    let command = Array(arguments.dropFirst(2))
    let result = median(iterations: count(arguments[1])) { spawnAndWait(command) }
    print(String(format: "%.1f", result))

default:
    fail("unknown mode or wrong arguments: \(arguments.joined(separator: " "))")
}
