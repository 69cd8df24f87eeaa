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

/// A server set up as Hummingbird, Vapor and gRPC set themselves up: one `NIOSSLContext` made
/// at start-up from the reloader's configuration, and the verification callback handed over
/// once. Rotation reaches it only through the hooks: new handshakes get the new certificate
/// and are judged by the new client CAs; a reload the framework could not serve is refused
/// and the last good build keeps serving.
@Suite("Framework-style rotation", .serialized)
struct FrameworkRotationTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    /// The server's files: `tls.crt`, `tls.key`, `clients.pem` and `server.toml`.
    final class ServerFiles: Sendable {
        let directory = TemporaryDirectory(prefix: "tlsconfig-framework-rotation")
        let pki: TestPKI
        var certificate: String { directory.path + "/tls.crt" }
        var key: String { directory.path + "/tls.key" }
        var clientCAs: String { directory.path + "/clients.pem" }
        var file: String { directory.path + "/server.toml" }

        init(pki: TestPKI, clientCA: String, extra: String = "") throws {
            self.pki = pki
            try install("first")
            try put(pki.bytes(clientCA), at: clientCAs)
            try write(extra)
        }

        /// Issues `/CN=framework NAME` and puts it in place by rename, key first.
        func install(_ name: String) throws {
            let issued = URL(fileURLWithPath: directory.makeDirectory("issued-\(name)"))
            try pki.issueServerCertificate(name, subject: "/CN=framework \(name)", in: issued)
            try put(Data(contentsOf: issued.appendingPathComponent("\(name).key")), at: key)
            try put(Data(contentsOf: issued.appendingPathComponent("\(name).pem")), at: certificate)
        }

        func put(_ data: Data, at path: String) throws {
            try data.write(to: URL(fileURLWithPath: path + ".tmp"))
            chmod(path + ".tmp", 0o600)
            guard rename(path + ".tmp", path) == 0 else { throw POSIXError(.EIO) }
        }

        /// The server's file, with `extra` lines after the identity and the client CAs.
        func write(_ extra: String) throws {
            let text =
                "cert = \"\(certificate)\"\nkey = \"\(key)\"\nca-file = \"\(clientCAs)\"\nclient-auth = \"required\"\n\(extra)"
            try put(Data(text.utf8), at: file)
        }

        var configuration: ResolverConfiguration {
            var configuration = ResolverConfiguration(
                environment: ["HOME": directory.path, "TLSCONFIG_CONFIG": file], workingDirectory: directory.path)
            configuration.role = .server
            return configuration
        }
    }

    /// A server that takes a configuration and a callback once, as the frameworks do.
    final class FrameworkServer {
        let channel: any Channel
        let port: Int
        /// Each client certificate the callback was given.
        let clientCertificates = Locked<[NIOSSLCertificate]>([])

        init(_ hooked: ConfigurationWithVerifier) throws {
            let context = try NIOSSLContext(configuration: hooked.configuration)
            let seen = clientCertificates
            let callback: @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void = {
                certificates, promise in
                if let leaf = certificates.first { seen.withLock { $0.append(leaf) } }
                hooked.verificationCallback(certificates, promise)
            }
            channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLServerHandler(context: context, customVerificationCallback: callback))
                        try channel.pipeline.syncOperations.addHandler(NIOHarness.Greeter(closesAfterReply: true))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).wait()
            port = try #require(channel.localAddress?.port)
        }

        deinit { try? channel.close().wait() }
    }

    /// One exchange as the test client (client-chain.pem, trusting the server CA): the subject
    /// served, and whether the server answered (it does not once it refused the client).
    func exchange(_ port: Int) throws -> (subject: String?, answered: Bool) {
        var settings = TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [pki.path("server-ca.pem")]))
        settings.identity = ClientIdentity(
            certificateFile: pki.path("client-chain.pem"), keyFile: pki.path("client.key"))
        let context = try TLSContextBuilder(resolution: Resolution(settings: settings)).makeClientContext()
        let connection = try TLSConnection.connect(host: "127.0.0.1", port: port, using: context, timeout: .seconds(10))
        defer { connection.close() }
        let subject = connection.handshake.peerCertificates.first?.subject
        guard (try? connection.write(Array("ping\n".utf8))) != nil, let reply = try? connection.read(upTo: 100) else {
            return (subject, false)
        }
        return (subject, String(decoding: reply, as: UTF8.self) == "hello from nio\n")
    }

    @Test func identityAndClientCAsFollowTheFilesThroughTheHooks() throws {
        // The client CAs start as the wrong ones: the test client is refused.
        let files = try ServerFiles(pki: pki, clientCA: "server-ca.pem")
        let rejections = Locked<[Diagnostic]>([])
        let tls = try ReloadingServerTLS(for: .hummingbird) { [configuration = files.configuration] in
            SettingsResolver(configuration).resolve()
        }
        let server = try FrameworkServer(
            tls.configurationWithVerifier(onRejection: { diagnostic in rejections.withLock { $0.append(diagnostic) } }))

        var outcome = try exchange(server.port)
        #expect(outcome.subject == "CN=framework first")
        #expect(!outcome.answered, "a client of a CA the server does not trust was let in")
        #expect(rejections.withLock { $0.last?.code } == .clientCertificateNotTrusted)

        try files.put(pki.bytes("client-ca.pem"), at: files.clientCAs)
        #expect(tls.check()?.outcome == .reloaded)
        outcome = try exchange(server.port)
        #expect(outcome.answered, "the new client CAs did not reach the framework's callback")

        try files.install("second")
        #expect(tls.check()?.outcome == .reloaded)
        outcome = try exchange(server.port)
        #expect(outcome.subject == "CN=framework second", "the new certificate did not reach the framework's context")
        #expect(outcome.answered)

        // Back to the wrong CAs: refused again, by the current trust.
        try files.put(pki.bytes("other-ca.pem"), at: files.clientCAs)
        #expect(tls.check()?.outcome == .reloaded)
        #expect(try !exchange(server.port).answered)
        #expect(tls.generation == 4)
    }

    /// A reload that adds what the consumer cannot enforce (alpn for Hummingbird, which sets its
    /// own; a CRL for a library with no hook) is refused with the loss, not served broken.
    @Test func aReloadTheConsumerCannotEnforceKeepsTheLastGoodBuild() throws {
        let files = try ServerFiles(pki: pki, clientCA: "client-ca.pem")
        let tls = try ReloadingServerTLS(for: .hummingbird) { [configuration = files.configuration] in
            SettingsResolver(configuration).resolve()
        }
        let server = try FrameworkServer(tls.configurationWithVerifier())
        #expect(try exchange(server.port).answered)

        try files.write("alpn = [\"h2\"]\n")
        try files.install("second")
        let event = try #require(tls.check())
        #expect(event.outcome == .rejected)
        let loss = try #require(event.diagnostics.first { $0.code == .nioSettingNotEnforced })
        #expect(loss.setting == .alpn)
        #expect(
            loss.origin?.description.hasPrefix(files.file) == true,
            "the loss must name where alpn was set: \(String(describing: loss.origin))")
        let served = try exchange(server.port)
        #expect(served.subject == "CN=framework first" && served.answered, "the last good build must keep serving")
        #expect(tls.generation == 1)

        // Without the setting, the waiting certificate goes through.
        try files.write("")
        #expect(tls.check()?.outcome == .reloaded)
        #expect(try exchange(server.port).subject == "CN=framework second")
    }

    /// Versions stay as the framework was given them: a changed min-version is refused with
    /// `reload-needs-restart` at its origin, and the running server is unchanged.
    @Test func aChangedMinimumVersionNeedsARestart() throws {
        let files = try ServerFiles(pki: pki, clientCA: "client-ca.pem")
        let tls = try ReloadingServerTLS(for: .vapor) { [configuration = files.configuration] in
            SettingsResolver(configuration).resolve()
        }
        let rejections = Locked<[Diagnostic]>([])
        let server = try FrameworkServer(
            tls.configurationWithVerifier(onRejection: { diagnostic in rejections.withLock { $0.append(diagnostic) } }))

        try files.write("min-version = \"1.3\"\n")
        let event = try #require(tls.check())
        #expect(event.outcome == .rejected)
        let refusal = try #require(event.diagnostics.first)
        #expect(refusal.code == .reloadNeedsRestart)
        #expect(refusal.setting == .minVersion)
        #expect(
            refusal.message
                == "min-version changed to 1.3, but Vapor keeps the min-version of the configuration it was given at start-up"
        )
        #expect(refusal.origin?.description.hasPrefix(files.file + ":5") == true)
        #expect(refusal.help?.hasPrefix("restart the service") == true)
        #expect(try exchange(server.port).answered)
        // A TLS 1.2 client is still served, as the running server was configured.
        let twelve = try OpenSSLTool.converse(
            [
                "s_client", "-connect", "127.0.0.1:\(server.port)", "-tls1_2", "-CAfile", "server-ca.pem", "-cert",
                "client.pem", "-cert_chain", "client-int.pem", "-key", "client.key",
            ],
            in: URL(fileURLWithPath: pki.path(".")), input: "ping\n"
        )
        #expect(
            twelve.contains("New, TLSv1.2") && twelve.contains("hello from nio"),
            "\(twelve) \(rejections.withLock { $0 })")
    }

    /// A client that hands its configuration and callback to a library once (gRPC's client, say)
    /// presents the client certificate now on disk: the identity follows the reloader.
    @Test func aClientsCertificateFollowsItsFilesThroughTheHooks() throws {
        let files = try ServerFiles(pki: pki, clientCA: "client-ca.pem")
        let server = try FrameworkServer(
            ReloadingServerTLS(for: .callback) { [configuration = files.configuration] in
                SettingsResolver(configuration).resolve()
            }.configurationWithVerifier())
        let directory = TemporaryDirectory(prefix: "tlsconfig-client-rotation")
        let certificate = directory.path + "/client.pem", key = directory.path + "/client.key"
        try files.put(pki.bytes("client-chain.pem"), at: certificate)
        try files.put(pki.bytes("client.key"), at: key)
        let configuration = ResolverConfiguration(
            environment: [
                "HOME": directory.path, "TLSCONFIG_CA_FILE": pki.path("server-ca.pem"),
                "TLSCONFIG_CLIENT_CERT": certificate, "TLSCONFIG_CLIENT_KEY": key,
            ],
            workingDirectory: directory.path
        )
        let tls = try ReloadingClientTLS(for: .callback) { SettingsResolver(configuration).resolve(host: "localhost") }
        let hooked = try tls.configurationWithVerifier(serverHostname: "localhost", port: server.port)
        let context = try NIOSSLContext(configuration: hooked.configuration)
        let callback = hooked.verificationCallback
        func exchange() -> NIOHarness.Exchange {
            NIOHarness.get(port: server.port, rejections: Locked([])) {
                try NIOSSLClientHandler(
                    context: context, serverHostname: "localhost", customVerificationCallback: callback)
            }
        }
        #expect(exchange().response == "hello from nio\n")
        #expect(
            try server.clientCertificates.withLock { $0.last }
                == NIOSSLCertificate.fromPEMFile(pki.path("client.pem")).first)

        try files.put(pki.bytes("client-ec-chain.pem"), at: certificate)
        try files.put(pki.bytes("client-ec.key"), at: key)
        #expect(tls.check()?.outcome == .reloaded)
        #expect(exchange().response == "hello from nio\n")
        #expect(
            try server.clientCertificates.withLock { $0.last }
                == NIOSSLCertificate.fromPEMFile(pki.path("client-ec.pem")).first,
            "the library's context kept the first client certificate"
        )
    }

    /// A configuration asked of a reloader serving handlers, or the wrong form for a consumer,
    /// is refused with what to call instead.
    @Test func theHooksMatchTheConsumer() throws {
        let files = try ServerFiles(pki: pki, clientCA: "client-ca.pem")
        let resolve: @Sendable () -> Resolution = { [configuration = files.configuration] in
            SettingsResolver(configuration).resolve()
        }
        let handlers = try ReloadingServerTLS(resolve: resolve)
        #expect(throws: TLSSettingsError.self) { try handlers.configurationWithVerifier() }
        let hummingbird = try ReloadingServerTLS(for: .hummingbird, resolve: resolve)
        let error = #expect(throws: TLSSettingsError.self) { try hummingbird.configuration() }
        #expect(error?.diagnostics.first?.code == .nioConsumerNeedsCallback)
        // A consumer with no hook verifies alone: the loss must be accepted, and the roots it was
        // given are fixed, so new CA bytes need a restart.
        #expect(throws: TLSSettingsError.self) { try ReloadingServerTLS(for: .configuration, resolve: resolve) }
        let hookless = try ReloadingServerTLS(for: .configuration, accepting: [.verify], resolve: resolve)
        _ = try hookless.configuration()
        try files.put(pki.bytes("other-ca.pem"), at: files.clientCAs)
        let event = try #require(hookless.check())
        #expect(event.outcome == .rejected)
        #expect(event.diagnostics.first?.code == .reloadNeedsRestart)
        #expect(event.diagnostics.first?.message.hasPrefix("the trusted CAs changed (\(files.clientCAs))") == true)
    }
}
#endif
