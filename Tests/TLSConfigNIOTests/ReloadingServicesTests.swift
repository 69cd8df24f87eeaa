#if Reloading
import Foundation
import Logging
import NIOCertificateReloading
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) import TLSConfigNIO
@_spi(Plumbing) import TLSConfigOpenSSL

/// The ecosystem's hooks: a reloader is swift-nio-extras' `CertificateReloader` (what
/// grpc-swift-nio-transport and `makeServerConfiguration(certificateReloader:)` take) and a
/// swift-service-lifecycle `Service` that runs in a `ServiceGroup`, logs to swift-log and
/// ends at graceful shutdown.
@Suite("Reloaders as services", .serialized)
struct ReloadingServicesTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    /// Keeps every message logged, with its level.
    struct CapturingLogHandler: LogHandler {
        let messages: Locked<[(level: Logger.Level, message: String)]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            messages.withLock { $0.append((event.level, event.message.description)) }
        }
    }

    @Test func swiftNIOExtrasOwnConfigurationFollowsTheReloaderAsACertificateReloader() throws {
        let files = try FrameworkRotationTests.ServerFiles(pki: pki, clientCA: "client-ca.pem")
        let tls = try ReloadingServerTLS(for: .callback) { [configuration = files.configuration] in
            SettingsResolver(configuration).resolve()
        }
        // swift-nio-extras' factory, as a gRPC or hand-written server would call it; the callback
        // still comes from the reloader.
        var configuration = try TLSConfiguration.makeServerConfiguration(certificateReloader: tls)
        configuration.certificateVerification = .noHostnameVerification
        let hooked = try tls.configurationWithVerifier()
        let server = try FrameworkRotationTests.FrameworkServer(ConfigurationWithVerifier(configuration, hooked))
        let test = try FrameworkRotationTests()
        #expect(try test.exchange(server.port).subject == "CN=framework first")
        try files.install("second")
        #expect(tls.check()?.outcome == .reloaded)
        #expect(try test.exchange(server.port).subject == "CN=framework second")
    }

    @Test func aReloaderRunsInAServiceGroupLogsAndStopsAtGracefulShutdown() async throws {
        let files = try FrameworkRotationTests.ServerFiles(pki: pki, clientCA: "client-ca.pem")
        let messages = Locked<[(level: Logger.Level, message: String)]>([])
        let logger = Logger(label: "tls") { _ in CapturingLogHandler(messages: messages) }
        let tls = try ReloadingServerTLS(for: .hummingbird, pollingEvery: .seconds(600), logger: logger) {
            [configuration = files.configuration] in
            SettingsResolver(configuration).resolve()
        }
        let group = ServiceGroup(services: [tls], logger: logger)
        let running = Task { try await group.run() }

        // A rotation reaches the log through file events (the poll is 600 s away).
        try files.install("second")
        try await waitUntil {
            messages.withLock { $0.contains { $0.level == .notice && $0.message.hasPrefix("TLS reloaded: ") } }
        }
        #expect(tls.generation == 2)
        // A refused reload is an error that names the setting, its origin and what to do.
        try files.write("min-version = \"1.3\"\n")
        try await waitUntil { messages.withLock { $0.contains { $0.level == .error } } }
        let error = try #require(messages.withLock { $0.first { $0.level == .error }?.message })
        #expect(
            error.hasPrefix(
                "TLS reload refused, generation 2 stays in use: [reload-needs-restart] min-version changed to 1.3"))
        #expect(error.contains(files.file + ":5"))
        #expect(error.contains("; restart the service"))

        await group.triggerGracefulShutdown()
        try await running.value
    }

    /// Waits for `condition`, with a bound only a hang reaches.
    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<6000 where !condition() {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(condition())
    }
}

extension ConfigurationWithVerifier {
    /// Another configuration with the callbacks of `hooked`.
    init(_ configuration: TLSConfiguration, _ hooked: ConfigurationWithVerifier) {
        self = hooked
        self.configuration = configuration
    }
}
#endif
