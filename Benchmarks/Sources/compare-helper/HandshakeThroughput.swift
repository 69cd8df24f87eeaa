import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import TLSConfig
import TLSConfigNIO

/// Full mTLS handshakes per second against two NIO servers in this process, measured in one
/// run: one whose client chains are judged by TLSConfig's verifier (`ServerTLS.makeHandler`),
/// one with swift-nio-ssl's own verification (`makeServerConfigurationWithMTLS`). Both
/// present the same certificate and trust the same CA; the client is the same NIO client,
/// with no session resumption. Rounds alternate between the servers so that load on the
/// machine falls on both alike.
enum HandshakeThroughput {
    /// Writes one byte once the handshake is complete, then closes: the client waits for it,
    /// so each handshake includes the server's verdict on the client certificate.
    final class Greeter: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "x")), promise: nil)
                context.close(promise: nil)
            }
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Completes its promise on the server's byte, or fails on an error or an early close.
    final class Waiter: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let promise: EventLoopPromise<Void>
        init(promise: EventLoopPromise<Void>) { self.promise = promise }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { promise.succeed(()) }
        func channelInactive(context: ChannelHandlerContext) { promise.fail(ChannelError.eof) }
        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            promise.fail(error)
            context.close(promise: nil)
        }
    }

    static func serve(_ makeHandler: @escaping @Sendable () -> NIOSSLServerHandler) throws -> any Channel {
        try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(makeHandler())
                    try channel.pipeline.syncOperations.addHandler(Greeter())
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    /// `count` handshakes to `port`, `inFlight` at a time; the seconds they took.
    static func handshakes(_ count: Int, port: Int, client: NIOSSLContext, inFlight: Int) throws -> Double {
        let group = MultiThreadedEventLoopGroup.singleton
        let started = ContinuousClock.now
        var remaining = count
        while remaining > 0 {
            let batch = min(inFlight, remaining)
            remaining -= batch
            var futures: [EventLoopFuture<Void>] = []
            for _ in 0..<batch {
                let loop = group.next()
                let promise = loop.makePromise(of: Void.self)
                let connected = ClientBootstrap(group: loop)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: client, serverHostname: "localhost"))
                            try channel.pipeline.syncOperations.addHandler(Waiter(promise: promise))
                        }
                    }
                    .connect(host: "127.0.0.1", port: port)
                connected.whenFailure { promise.fail($0) }
                futures.append(
                    promise.futureResult.and(connected).flatMap { _, channel in channel.close().recover { _ in } })
            }
            try EventLoopFuture.andAllSucceed(futures, on: group.next()).wait()
        }
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Prints `tlsconfig-per-second plain-per-second ratio callback-microseconds`.
    static func run(pki: String, count: Int) throws {
        var configuration = ResolverConfiguration(
            environment: [
                "HOME": pki, "TLSCONFIG_CERT": "\(pki)/server.pem", "TLSCONFIG_KEY": "\(pki)/server.key",
                "TLSCONFIG_CA_FILE": "\(pki)/ca.pem", "TLSCONFIG_CLIENT_AUTH": "required",
            ], workingDirectory: pki)
        configuration.role = .server
        let resolution = SettingsResolver(configuration).resolve()
        let ours = try ServerTLS(resolution: resolution)
        var plainConfiguration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: try NIOSSLCertificate.fromPEMFile("\(pki)/server.pem").map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: "\(pki)/server.key", format: .pem)),
            trustRoots: .file("\(pki)/ca.pem")
        )
        plainConfiguration.minimumTLSVersion = .tlsv12
        let plainContext = try NIOSSLContext(configuration: plainConfiguration)
        let oursServer = try serve { ours.makeHandler() }
        let plainServer = try serve { NIOSSLServerHandler(context: plainContext) }
        defer {
            try? oursServer.close().wait()
            try? plainServer.close().wait()
        }
        var clientConfiguration = TLSConfiguration.makeClientConfiguration()
        clientConfiguration.trustRoots = .file("\(pki)/ca.pem")
        clientConfiguration.certificateChain = try NIOSSLCertificate.fromPEMFile("\(pki)/client.pem").map {
            .certificate($0)
        }
        clientConfiguration.privateKey = .privateKey(try NIOSSLPrivateKey(file: "\(pki)/client.key", format: .pem))
        let client = try NIOSSLContext(configuration: clientConfiguration)
        let inFlight = 4
        // Warm-up, then alternating rounds.
        _ = try handshakes(50, port: oursServer.localAddress!.port!, client: client, inFlight: inFlight)
        _ = try handshakes(50, port: plainServer.localAddress!.port!, client: client, inFlight: inFlight)
        let rounds = 10
        var oursSeconds = 0.0
        var plainSeconds = 0.0
        for _ in 0..<rounds {
            oursSeconds += try handshakes(
                count / rounds, port: oursServer.localAddress!.port!, client: client, inFlight: inFlight)
            plainSeconds += try handshakes(
                count / rounds, port: plainServer.localAddress!.port!, client: client, inFlight: inFlight)
        }
        let total = Double(rounds * (count / rounds))
        let oursRate = total / oursSeconds
        let plainRate = total / plainSeconds

        // One verification callback: the client's chain, judged by the server's verifier.
        let callback = ours.verificationCallback()
        let chain = try NIOSSLCertificate.fromPEMFile("\(pki)/client.pem")
        // On the event loop, as swift-nio-ssl calls it, so that completing the promise is not a thread hop.
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let perCall = try loop.submit {
            median(iterations: 2000, warmup: 50) {
                let promise = loop.makePromise(of: NIOSSLVerificationResult.self)
                callback(chain, promise)
            }
        }.wait()
        print(String(format: "%.0f %.0f %.3f %.1f", oursRate, plainRate, oursRate / plainRate, perCall))
    }
}
