import Benchmark
import BenchmarkSupport
import Foundation
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL
@_spi(Plumbing) import TLSConfigNIO

// Generated once per benchmark process, on first use. The scratch directory (a few KiB of keys
// and config files) is left to the system's temporary-file cleanup.
private let fixtures: Fixtures = {
    do {
        return try Fixtures()
    } catch {
        fatalError("cannot prepare benchmark fixtures: \(error)")
    }
}()

private struct Fixtures: Sendable {
    let scratch: ScratchDirectory
    let keys: KeyMaterial
    let resolution: ResolutionFixture
    /// Parsed once, for the in-memory variant of the two-file case.
    let documents: [ConfigDocument]
    let toml10K: [UInt8]
    let toml1M: [UInt8]
    let yaml10K: [UInt8]
    let yaml1M: [UInt8]

    init() throws {
        scratch = try ScratchDirectory()
        keys = try KeyMaterial(in: scratch)
        resolution = try ResolutionFixture(in: scratch, caFile: keys.caCertificate)
        documents = [
            ConfigDocument(
                path: resolution.projectFile, scope: .project, format: .toml,
                root: try TOMLParser.parse(Array(FileManager.default.contents(atPath: resolution.projectFile)!)),
                source: String(decoding: FileManager.default.contents(atPath: resolution.projectFile)!, as: UTF8.self)
            ),
            ConfigDocument(
                path: resolution.userFile, scope: .user, format: .toml,
                root: try TOMLParser.parse(Array(FileManager.default.contents(atPath: resolution.userFile)!)),
                source: String(decoding: FileManager.default.contents(atPath: resolution.userFile)!, as: UTF8.self)
            ),
        ]
        toml10K = DocumentGenerator.document(.toml, minimumBytes: 10 << 10)
        toml1M = DocumentGenerator.document(.toml, minimumBytes: 1 << 20)
        yaml10K = DocumentGenerator.document(.yaml, minimumBytes: 10 << 10)
        yaml1M = DocumentGenerator.document(.yaml, minimumBytes: 1 << 20)
    }
}

/// The process environment without anything that would change what the system store means.
private let cleanEnvironment: [String: String] = {
    var environment = ProcessInfo.processInfo.environment
    for name in environment.keys
    where name.hasPrefix("SSL_") || name.hasPrefix("TLSCONFIG_") || name.hasSuffix("_CA_BUNDLE") {
        environment[name] = nil
    }
    return environment
}()

private func identitySettings(certificate: String, key: String, encrypted: Bool) -> TLSSettings {
    TLSSettings(
        identity: ClientIdentity(
            certificateFile: certificate, keyFile: key,
            passphrase: encrypted ? .environment(KeyMaterial.passphraseVariable) : nil
        ))
}

let benchmarks: @Sendable () -> Void = {
    let fast = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        maxDuration: .seconds(3),
        maxIterations: 200
    )

    // MARK: Resolution

    Benchmark("Resolution: environment only", configuration: fast) { benchmark in
        var environment = cleanEnvironment
        environment["SSL_CERT_FILE"] = "/etc/ssl/certs/ca-certificates.crt"
        environment["TLSCONFIG_MIN_VERSION"] = "1.3"
        environment["TLSCONFIG_ALPN"] = "h2,http/1.1"
        let resolver = SettingsResolver(
            ResolverConfiguration(
                layers: [.override, .toolEnvironment, .standardEnvironment, .defaults],
                environment: environment, workingDirectory: "/"
            ))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(resolver.resolve(host: "api.example.com:443"))
        }
    }

    Benchmark("Resolution: 2 files, 20 host sections (discovery + read + parse)", configuration: fast) { benchmark in
        let fixture = fixtures.resolution
        let resolver = SettingsResolver(
            ResolverConfiguration(environment: fixture.environment, workingDirectory: fixture.workingDirectory))
        precondition(resolver.resolve(host: ResolutionFixture.host).diagnostics.isEmpty, "fixture must resolve cleanly")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(resolver.resolve(host: ResolutionFixture.host))
        }
    }

    Benchmark("Resolution: 2 files, 20 host sections (documents in memory)", configuration: fast) { benchmark in
        let fixture = fixtures.resolution
        let resolver = SettingsResolver(
            ResolverConfiguration(
                environment: fixture.environment, workingDirectory: fixture.workingDirectory,
                documents: InMemoryDocuments(fixtures.documents)
            ))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(resolver.resolve(host: ResolutionFixture.host))
        }
    }

    // MARK: Readers

    for (name, bytes, format) in [
        ("TOML read 10 KiB", fixtures.toml10K, DocumentGenerator.Format.toml),
        ("TOML read 1 MiB", fixtures.toml1M, .toml),
        ("YAML read 10 KiB", fixtures.yaml10K, .yaml),
        ("YAML read 1 MiB", fixtures.yaml1M, .yaml),
    ] {
        let configuration = bytes.count > 100_000 ? slow : fast
        Benchmark(name, configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                switch format {
                case .toml: blackHole(try TOMLParser.parse(bytes))
                case .yaml: blackHole(try YAMLParser.parse(bytes))
                }
            }
        }
    }

    // MARK: Contexts

    Benchmark("Client context, system trust, first (fresh cache, mirror check included)", configuration: slow) {
        benchmark in
        for _ in benchmark.scaledIterations {
            TrustStoreCache.forgetSystemTrustVerdicts()
            let builder = TLSContextBuilder(
                resolution: Resolution(settings: TLSSettings(), environment: cleanEnvironment),
                trustStoreCache: TrustStoreCache())
            blackHole(try builder.makeClientContext())
        }
    }

    Benchmark("Client context, system trust, repeated (cache warm)", configuration: fast) { benchmark in
        let builder = TLSContextBuilder(
            resolution: Resolution(settings: TLSSettings(), environment: cleanEnvironment),
            trustStoreCache: TrustStoreCache())
        _ = try builder.makeClientContext()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try builder.makeClientContext())
        }
    }

    // MARK: NIO (TLSConfigNIO)

    Benchmark("NIOSSLContext for a configuration consumer, system trust, first", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            TrustStoreCache.forgetSystemTrustVerdicts()
            let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
            blackHole(
                try ClientTLS(resolution: resolution, trustStoreCache: TrustStoreCache()).makeContext(
                    for: .configuration, accepting: [.verify]))
        }
    }

    Benchmark("NIOSSLContext for a configuration consumer, system trust, second (same trust)", configuration: fast) {
        benchmark in
        let resolution = Resolution(settings: TLSSettings(), environment: cleanEnvironment)
        let cache = TrustStoreCache()
        _ = try ClientTLS(resolution: resolution, trustStoreCache: cache).makeContext(
            for: .configuration, accepting: [.verify])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(
                try ClientTLS(resolution: resolution, trustStoreCache: cache).makeContext(
                    for: .configuration, accepting: [.verify]))
        }
    }

    // MARK: Reloading

    Benchmark("ContextReloader: one poll, nothing changed (2 files, 20 host sections)", configuration: fast) {
        benchmark in
        let fixture = fixtures.resolution
        let resolver = SettingsResolver(
            ResolverConfiguration(environment: fixture.environment, workingDirectory: fixture.workingDirectory))
        let reloader = try ContextReloader.clientContexts { resolver.resolve(host: ResolutionFixture.host) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(reloader.check())
        }
    }

    // MARK: Identities (the trust store is cached, so this is the warm context plus the identity)

    var passphraseEnvironment = cleanEnvironment
    passphraseEnvironment[KeyMaterial.passphraseVariable] = KeyMaterial.passphrase
    for (name, kind) in [
        ("Identity load: RSA 2048, PKCS#8", "rsa"),
        ("Identity load: EC P-256, PKCS#8", "ec"),
        ("Identity load: EC P-256, encrypted PKCS#8", "ec-encrypted"),
    ] {
        let environment = passphraseEnvironment
        Benchmark(name, configuration: fast) { benchmark in
            let keys = fixtures.keys
            let settings =
                switch kind {
                case "rsa": identitySettings(certificate: keys.rsaCertificate, key: keys.rsaKey, encrypted: false)
                case "ec": identitySettings(certificate: keys.ecCertificate, key: keys.ecKey, encrypted: false)
                default: identitySettings(certificate: keys.ecCertificate, key: keys.encryptedECKey, encrypted: true)
                }
            // Reading the material (the resolution's job) and decoding it (the builder's) together.
            let cache = TrustStoreCache()
            let first = try TLSContextBuilder(
                resolution: Resolution(settings: settings, environment: environment), trustStoreCache: cache
            ).makeClientContext()
            precondition(first.certificateChain.count == 1, "identity must load")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(
                    try TLSContextBuilder(
                        resolution: Resolution(settings: settings, environment: environment), trustStoreCache: cache
                    ).makeClientContext())
            }
        }
    }
}
