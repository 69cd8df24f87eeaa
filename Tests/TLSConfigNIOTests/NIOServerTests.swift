#if NIO
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import TestSupport
import Testing
import TLSConfig
@_spi(Plumbing) import TLSConfigNIO
@_spi(Plumbing) import TLSConfigOpenSSL

/// A NIO server built by the adapter, requiring client certificates from the client CA, against
/// the real `openssl s_client` with and without a certificate.
@Suite("NIO server against openssl s_client")
struct NIOServerTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    /// Serves on a free 127.0.0.1 port with handlers from `tls` (or from a context a library
    /// would make, with `context`); runs `body` with the port and the rejections seen.
    private func serve(
        _ tls: ServerTLS, context: NIOSSLContext? = nil, _ body: (Int, () -> [Diagnostic]) throws -> Void
    ) throws {
        let rejections = Locked<[Diagnostic]>([])
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler =
                        context.map { NIOSSLServerHandler(context: $0) }
                        ?? tls.makeHandler { diagnostic in rejections.withLock { $0.append(diagnostic) } }
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(NIOHarness.Greeter(closesAfterReply: true))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        try body(channel.localAddress!.port!, { rejections.withLock { $0 } })
    }

    /// `openssl s_client` sending one line; its stdout and stderr.
    private func sClient(port: Int, _ arguments: [String]) throws -> String {
        try OpenSSLTool.converse(
            [
                "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-verify_return_error",
                "-CAfile", "server-ca.pem",
            ] + arguments,
            in: pki.directory, input: "ping\n"
        )
    }

    private func server(_ variables: [String: String], clientAuthentication: ClientAuthentication) throws -> ServerTLS {
        try ServerTLS(
            resolution: NIOHarness.resolution(
                [
                    "CERT": "server.pem", "KEY": "server.key", "CA_FILE": "client-ca.pem",
                    "CLIENT_AUTH": clientAuthentication.rawValue,
                ].merging(variables) { $1 },
                role: .server, pki: pki
            )
        )
    }

    @Test func aClientWithACertificateFromTheClientCAIsServed() throws {
        let tls = try server([:], clientAuthentication: .required)
        try serve(tls) { port, rejections in
            let output = try sClient(
                port: port, ["-cert", "client.pem", "-cert_chain", "client-int.pem", "-key", "client.key"])
            #expect(output.contains("hello from nio"), "\(output)")
            #expect(output.contains("Verify return code: 0 (ok)"))
            // The CertificateRequest names the configured CA, as the OpenSSL server's does.
            #expect(output.contains("Acceptable client certificate CA names"))
            #expect(output.contains("Test Client CA"))
            #expect(rejections().isEmpty)
        }
    }

    @Test func aClientThatLeavesOutItsIntermediateIsRefused() throws {
        let tls = try server([:], clientAuthentication: .required)
        try serve(tls) { port, rejections in
            let output = try sClient(port: port, ["-cert", "client.pem", "-key", "client.key"])
            #expect(!output.contains("hello from nio"), "\(output)")
            #expect(rejections().first?.message.contains("unable to get local issuer") == true)
        }
    }

    @Test func aClientWithoutACertificateIsRefused() throws {
        let tls = try server([:], clientAuthentication: .required)
        try serve(tls) { port, _ in
            let output = try sClient(port: port, [])
            #expect(!output.contains("hello from nio"), "\(output)")
            #expect(output.contains("alert"))
        }
    }

    @Test func aClientCertificateFromAnotherCAIsRefusedWithTheReason() throws {
        let tls = try server([:], clientAuthentication: .required)
        try serve(tls) { port, rejections in
            let output = try sClient(port: port, ["-cert", "client-untrusted.pem", "-key", "client.key"])
            #expect(!output.contains("hello from nio"), "\(output)")
            let rejection = try #require(rejections().first)
            #expect(rejection.code == .clientCertificateNotTrusted)
            #expect(rejection.message.contains("client's certificate"))
        }
    }

    @Test func optionalClientAuthenticationServesClientsWithoutACertificate() throws {
        let tls = try server([:], clientAuthentication: .optional)
        try serve(tls) { port, _ in
            let output = try sClient(port: port, [])
            #expect(output.contains("hello from nio"))
        }
    }

    @Test func aLibraryMadeHandlerVerifiesAgainstTheSameTrust() throws {
        let tls = try server([:], clientAuthentication: .required)
        let context = try tls.makeContext(for: .configuration, accepting: [.verify])
        try serve(tls, context: context) { port, _ in
            let trusted = try sClient(
                port: port, ["-cert", "client.pem", "-cert_chain", "client-int.pem", "-key", "client.key"])
            #expect(trusted.contains("hello from nio"))
            let untrusted = try sClient(port: port, ["-cert", "client-untrusted.pem", "-key", "client.key"])
            #expect(!untrusted.contains("hello from nio"))
        }
    }

    /// As Hummingbird and Vapor make their handlers: their own context from the configuration,
    /// with the callback; the client's chain is judged by TLSConfig's verifier.
    @Test func aFrameworkWithACallbackVerifiesClientsWithTheVerifier() throws {
        let tls = try server([:], clientAuthentication: .required)
        let rejections = Locked<[Diagnostic]>([])
        let hooked = try tls.configurationWithVerifier(for: .vapor) { diagnostic in
            rejections.withLock { $0.append(diagnostic) }
        }
        let context = try NIOSSLContext(configuration: hooked.configuration)
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLServerHandler(context: context, customVerificationCallback: hooked.verificationCallback))
                    try channel.pipeline.syncOperations.addHandler(NIOHarness.Greeter(closesAfterReply: true))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        let port = channel.localAddress!.port!
        let trusted = try sClient(
            port: port, ["-cert", "client.pem", "-cert_chain", "client-int.pem", "-key", "client.key"])
        #expect(trusted.contains("hello from nio"), "\(trusted)")
        let untrusted = try sClient(port: port, ["-cert", "client-untrusted.pem", "-key", "client.key"])
        #expect(!untrusted.contains("hello from nio"))
        #expect(rejections.withLock { $0 }.first?.code == .clientCertificateNotTrusted)
        // Without a certificate, client-auth = required holds too.
        #expect(!(try sClient(port: port, [])).contains("hello from nio"))
    }

    @Test func aServerWithoutAnIdentityIsTheTLSConfigError() throws {
        let resolution = NIOHarness.resolution(["CA_FILE": "client-ca.pem"], role: .server, pki: pki)
        let error = #expect(throws: TLSSettingsError.self) { try ServerTLS(resolution: resolution) }
        #expect(error?.diagnostics.first?.code == .serverIdentityMissing)
    }

    @Test func aCRLForClientCertificatesIsRefusedForLibraryHandlersUnlessAccepted() throws {
        let tls = try server(["CRL_FILE": "server-ca.crl"], clientAuthentication: .required)
        let error = #expect(throws: TLSSettingsError.self) { try tls.configuration(for: .configuration) }
        #expect(error?.diagnostics.map(\.setting) == [.clientAuth, .crlFile])
        #expect(error?.diagnostics.first?.message.contains("no security level") == true)
        _ = try tls.configuration(for: .configuration, accepting: [.crlFile, .verify])
    }
}
#endif
