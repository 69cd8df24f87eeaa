#if NIO
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import TestSupport
import TLSConfig
@_spi(Plumbing) import TLSConfigNIO

/// Real resolutions, real NIO channels over 127.0.0.1, real `openssl s_server`/`s_client`.
enum NIOHarness {
    /// A resolution by the real resolver from `TLSCONFIG_*` variables, with no configuration
    /// file in reach (HOME is an empty directory, the working directory the PKI's).
    static func resolution(
        _ variables: [String: String], host: String = "localhost", role: TLSRole = .client, pki: TestPKI
    ) -> Resolution {
        let home = TemporaryDirectory(prefix: "tlsconfig-nio-home")
        var environment = [
            "HOME": home.path, "TLS_TEST_PASSPHRASE": TestPKI.passphrase, "TLS_TEST_P12": TestPKI.pkcs12Passphrase,
        ]
        for (key, value) in variables { environment["TLSCONFIG_" + key] = value }
        var configuration = ResolverConfiguration(environment: environment, workingDirectory: pki.directory.path)
        configuration.role = role
        return role == .server
            ? SettingsResolver(configuration).resolve() : SettingsResolver(configuration).resolve(host: host)
    }

    /// The outcome of one GET over a handler from `tls`: the response text, or the error with
    /// the rejection the verifier reported.
    struct Exchange {
        var response: String?
        var error: (any Error)?
        var rejections: [Diagnostic]
    }

    /// Connects to 127.0.0.1:`port` with a handler for `host`, sends `GET /` and reads until the
    /// server closes.
    static func get(_ tls: ClientTLS, host: String = "localhost", port: Int) -> Exchange {
        let rejections = Locked<[Diagnostic]>([])
        let handlerFactory: @Sendable () throws -> NIOSSLClientHandler = {
            try tls.makeHandler(serverHostname: host, port: port) { diagnostic in
                rejections.withLock { $0.append(diagnostic) }
            }
        }
        return exchange(port: port, rejections: rejections, handlerFactory)
    }

    /// As `get`, with a handler a consumer makes itself from `context` (as postgres-nio does).
    static func get(context: NIOSSLContext, host: String = "localhost", port: Int) -> Exchange {
        exchange(port: port, rejections: Locked([])) { try NIOSSLClientHandler(context: context, serverHostname: host) }
    }

    /// As `get`, with a handler made as a framework makes it (its own context, our callback).
    static func get(
        port: Int, rejections: Locked<[Diagnostic]>, handler: @escaping @Sendable () throws -> NIOSSLClientHandler
    ) -> Exchange {
        exchange(port: port, rejections: rejections, handler)
    }

    private static func exchange(
        port: Int, rejections: Locked<[Diagnostic]>, _ makeHandler: @escaping @Sendable () throws -> NIOSSLClientHandler
    ) -> Exchange {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: String.self)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(makeHandler())
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector(promise: promise))
                }
            }
        do {
            let channel = try bootstrap.connect(host: "127.0.0.1", port: port).wait()
            defer { channel.close(promise: nil) }
            let response = try promise.futureResult.wait()
            return Exchange(response: response, error: nil, rejections: rejections.withLock { $0 })
        } catch {
            promise.fail(error)
            return Exchange(response: nil, error: error, rejections: rejections.withLock { $0 })
        }
    }

    /// Sends a request once active; collects everything until the peer closes.
    final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private let promise: EventLoopPromise<String>
        private var received = ""

        init(promise: EventLoopPromise<String>) {
            self.promise = promise
        }

        func channelActive(context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "GET / HTTP/1.0\r\n\r\n")), promise: nil)
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            received += buffer.readString(length: buffer.readableBytes) ?? ""
        }

        func channelInactive(context: ChannelHandlerContext) {
            promise.succeed(received)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            promise.fail(error)
            context.close(promise: nil)
        }
    }

    /// A server's application: answers every read with `hello from nio`, then closes or keeps
    /// the connection open (so one connection can span a rotation).
    final class Greeter: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let closesAfterReply: Bool

        init(closesAfterReply: Bool) {
            self.closesAfterReply = closesAfterReply
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "hello from nio\n")), promise: nil)
            if closesAfterReply { context.close(promise: nil) }
        }
    }

    /// `openssl s_server -www` presenting `certificate`, requiring a client certificate from
    /// the client CA unless `requireClientCertificate` is false.
    static func server(
        _ pki: TestPKI, certificate: String = "server.pem", key: String = "server.key",
        requireClientCertificate: Bool = true, _ extra: [String] = []
    ) throws -> OpenSSLServerProcess {
        let verification =
            requireClientCertificate ? ["-CAfile", "client-ca.pem", "-Verify", "1", "-verify_return_error"] : []
        return try OpenSSLServerProcess(
            ["-www", "-cert", certificate, "-key", key] + verification + extra, in: pki.directory)
    }
}
#endif
