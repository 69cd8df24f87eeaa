import BenchmarkSupport
import Foundation
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL
import TLSConfigNIO
import NIOSSL

// In-process timings for compare.sh. Each mode runs a few warm-up rounds, then ITERATIONS
// timed rounds, and prints the median of one round in microseconds on one line, so the
// script can put it next to the C reference and Python measured the same way.
//
//   compare-helper context-first ITERATIONS        client context, system trust, fresh TrustStoreCache each round
//   compare-helper context-repeat ITERATIONS       client context, system trust, warm cache
//   compare-helper nio-first ITERATIONS            NIOSSLContext for a configuration consumer, system trust, fresh caches each round
//   compare-helper nio-second ITERATIONS           the same, second context for the same trust (warm caches)
//   compare-helper nio-handler-second ITERATIONS   NIOClientTLS (handler context) for the same trust, warm caches
//   compare-helper nio-plain ITERATIONS            swift-nio-ssl alone: NIOSSLContext(.makeClientConfiguration()), its own system trust
//   compare-helper toml PATH ITERATIONS            read PATH and parse it with TOMLParser
//   compare-helper resolve ITERATIONS [CAFILE]     the two-file, 20-section resolution of the benchmarks
//   compare-helper generate-toml PATH [BYTES]      write the generated TOML document (1 MiB by default)
//   compare-helper spawn ITERATIONS COMMAND...     run COMMAND (no shell) and time the whole process
//   compare-helper mirror-check FILE DIR ITERATIONS
//       the experiment behind the lazy-system-store proposal: does the hashed directory DIR hold
//       exactly the certificates of FILE? (base64 bodies compared as sets, no X.509 parsing);
//       prints the median cost of the check, and "mirrors" or "differs" on standard error

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
    for name in environment.keys where name.hasPrefix("SSL_") || name.hasPrefix("TLSCONFIG_") || name.hasSuffix("_CA_BUNDLE") {
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
    guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { fail("cannot run \(arguments[0])") }
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
}

/// The base64 bodies of every certificate block in `bytes`, whitespace removed.
func certificateBodies(_ bytes: [UInt8], into bodies: inout Set<String>) {
    let begin = Array("-----BEGIN ".utf8), end = Array("-----END ".utf8)
    var index = 0
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        var position = start
        while position + needle.count <= bytes.count {
            if bytes[position] == needle[0], bytes[position..<position + needle.count].elementsEqual(needle) { return position }
            position += 1
        }
        return nil
    }
    while let start = find(begin, from: index), let lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")),
          let stop = find(end, from: lineEnd) {
        let label = bytes[start..<lineEnd]
        if label.elementsEqual("-----BEGIN CERTIFICATE-----".utf8) || label.elementsEqual("-----BEGIN TRUSTED CERTIFICATE-----".utf8) {
            bodies.insert(String(decoding: bytes[lineEnd..<stop].filter { $0 > 0x20 }, as: UTF8.self))
        }
        index = stop + end.count
    }
}

func readAll(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}

/// `true` when the OpenSSL hash links (`[0-9a-f]{8}.N`) in `directory` hold exactly the
/// certificates of `file`.
func directoryMirrors(file: String, directory: String) -> Bool {
    guard let bundle = readAll(file) else { return false }
    var fromFile = Set<String>()
    certificateBodies(bundle, into: &fromFile)
    var fromDirectory = Set<String>()
    guard let stream = opendir(directory) else { return false }
    defer { closedir(stream) }
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
        guard name.count >= 10, name[8] == UInt8(ascii: "."),
              name[0..<8].allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
              name[9...].allSatisfy({ (0x30...0x39).contains($0) }),
              let bytes = readAll(directory + "/" + String(decoding: name, as: UTF8.self)) else { continue }
        certificateBodies(bytes, into: &fromDirectory)
    }
    return !fromFile.isEmpty && fromFile == fromDirectory
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { fail("usage: compare-helper MODE ...") }

switch (mode, arguments.count) {
case ("context-first", 2):
    let result = try median(iterations: count(arguments[1])) {
        // As in a new process: no store, and no verdict on whether the system directory mirrors the bundle.
        TrustStoreCache.forgetSystemTrustVerdicts()
        let builder = TLSContextBuilder(resolution: Resolution(settings: TLSSettings(), environment: cleanEnvironment), trustStoreCache: TrustStoreCache())
        _ = try builder.makeClientContext()
    }
    print(String(format: "%.1f", result))

case ("context-repeat", 2):
    let builder = TLSContextBuilder(resolution: Resolution(settings: TLSSettings(), environment: cleanEnvironment), trustStoreCache: TrustStoreCache())
    _ = try builder.makeClientContext()
    let result = try median(iterations: count(arguments[1])) {
        _ = try builder.makeClientContext()
    }
    print(String(format: "%.1f", result))

case ("nio-first", 2):
    let result = try median(iterations: count(arguments[1])) {
        TrustStoreCache.forgetSystemTrustVerdicts()
        let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
        _ = try NIOClientTLS(resolution: resolution, trustStoreCache: TrustStoreCache()).makeContext(for: .configuration)
    }
    print(String(format: "%.1f", result))

case ("nio-second", 2):
    let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
    let cache = TrustStoreCache()
    _ = try NIOClientTLS(resolution: resolution, trustStoreCache: cache).makeContext(for: .configuration)
    let result = try median(iterations: count(arguments[1])) {
        _ = try NIOClientTLS(resolution: resolution, trustStoreCache: cache).makeContext(for: .configuration)
    }
    print(String(format: "%.1f", result))

case ("nio-handler-second", 2):
    let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
    let cache = TrustStoreCache()
    _ = try NIOClientTLS(resolution: resolution, trustStoreCache: cache)
    let result = try median(iterations: count(arguments[1])) {
        _ = try NIOClientTLS(resolution: resolution, trustStoreCache: cache)
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
    let resolver = SettingsResolver(ResolverConfiguration(environment: fixture.environment, workingDirectory: fixture.workingDirectory))
    guard resolver.resolve(host: ResolutionFixture.host).diagnostics.isEmpty else { fail("the resolution fixture does not resolve cleanly") }
    let result = median(iterations: count(arguments[1])) {
        _ = resolver.resolve(host: ResolutionFixture.host)
    }
    print(String(format: "%.1f", result))

case ("generate-toml", 2), ("generate-toml", 3):
    let size = arguments.count == 3 ? count(arguments[2]) : 1 << 20
    let bytes = DocumentGenerator.document(.toml, minimumBytes: size)
    guard FileManager.default.createFile(atPath: arguments[1], contents: Data(bytes)) else { fail("cannot write \(arguments[1])") }

case ("spawn", 3...):
    let command = Array(arguments.dropFirst(2))
    let result = median(iterations: count(arguments[1])) { spawnAndWait(command) }
    print(String(format: "%.1f", result))

case ("mirror-check", 4):
    let (file, directory) = (arguments[1], arguments[2])
    let result = median(iterations: count(arguments[3])) { _ = directoryMirrors(file: file, directory: directory) }
    FileHandle.standardError.write(Data((directoryMirrors(file: file, directory: directory) ? "mirrors\n" : "differs\n").utf8))
    print(String(format: "%.1f", result))

default:
    fail("unknown mode or wrong arguments: \(arguments.joined(separator: " "))")
}
