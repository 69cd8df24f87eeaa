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

/// The path × rule table: each failure class against a real `openssl s_server`, through every
/// way the adapter hands TLS to swift-nio-ssl, must end as `tlsconfig connect` ends: refused
/// for the same cause, or refused to build with the loss named.
@Suite("Every NIO path keeps connect's rules")
struct PathRulesTests {
    let matrix: FailureMatrixPKI

    init() throws {
        matrix = try FailureMatrixPKI.shared()
    }

    /// How one path ended.
    enum Ending: Equatable, CustomStringConvertible {
        /// The handshake succeeded.
        case accepted
        /// TLSConfig's verifier refused the chain, with this failure code.
        case refused(String)
        /// swift-nio-ssl refused the chain by its own rules (no TLSConfig code).
        case refusedBySwiftNIOSSL
        /// The build refused the settings: the codes and settings of its errors.
        case refusedToBuild([String])

        var description: String {
            switch self {
            case .accepted: "accepted"
            case .refused(let code): "refused: \(code)"
            case .refusedBySwiftNIOSSL: "refused by swift-nio-ssl"
            case .refusedToBuild(let found): "refused to build: \(found.joined(separator: ", "))"
            }
        }
    }

    /// The paths a client can take.
    enum Path: CaseIterable {
        case handlers, callback, callbackWithMetadata, configuration, asyncHTTPClient
    }

    private func resolution(_ variables: [String: String], host: String) -> Resolution {
        let home = TemporaryDirectory(prefix: "tlsconfig-paths-home")
        var environment = ["HOME": home.path, "TLSCONFIG_CA_FILE": matrix.path("root.pem")]
        for (key, value) in variables { environment["TLSCONFIG_" + key] = value }
        return SettingsResolver(
            ResolverConfiguration(environment: environment, workingDirectory: matrix.directory.path)
        ).resolve(host: host)
    }

    private func withServer(_ certificate: String, _ extra: [String] = [], _ body: (Int) throws -> Void) throws {
        let server = try OpenSSLServerProcess(
            ["-www", "-cert", certificate, "-key", "server.key"] + extra, in: matrix.directory)
        defer { server.stop() }
        try body(server.port)
    }

    /// `tlsconfig connect`'s ending: the same build and probe the command runs.
    private func connect(_ resolution: Resolution, host: String, port: Int) -> Ending {
        do {
            let context = try TLSContextBuilder(resolution: resolution).makeClientContext()
            let report = HandshakeProbe(timeout: .seconds(30)).run(context, host: host, port: port)
            return report.failure.map { .refused($0.code) } ?? .accepted
        } catch {
            return .refusedToBuild(Self.summary(error))
        }
    }

    /// The ending through `path`, connecting to 127.0.0.1 for `host`.
    private func ending(
        _ path: Path, _ resolution: Resolution, host: String, port: Int, accepting: Set<UnenforcedSetting> = []
    ) -> Ending {
        let tls: ClientTLS
        do {
            tls = try ClientTLS(resolution: resolution)
        } catch {
            return .refusedToBuild(Self.summary(error))
        }
        let rejections = Locked<[Diagnostic]>([])
        let record: @Sendable (Diagnostic) -> Void = { diagnostic in rejections.withLock { $0.append(diagnostic) } }
        let exchange: NIOHarness.Exchange
        do {
            switch path {
            case .handlers:
                exchange = NIOHarness.get(port: port, rejections: rejections) {
                    try tls.makeHandler(serverHostname: host, port: port, onRejection: record)
                }
            case .callback, .callbackWithMetadata:
                // As Hummingbird, Vapor and gRPC do: their own context from the configuration, our callback.
                let hooked = try tls.configurationWithVerifier(
                    for: .callback, serverHostname: host, port: port, accepting: accepting, onRejection: record)
                let context = try NIOSSLContext(configuration: hooked.configuration)
                exchange = NIOHarness.get(port: port, rejections: rejections) {
                    path == .callback
                        ? try NIOSSLClientHandler(
                            context: context, serverHostname: hooked.serverHostname,
                            customVerificationCallback: hooked.verificationCallback)
                        : try NIOSSLClientHandler(
                            context: context, serverHostname: hooked.serverHostname,
                            customVerificationCallbackWithMetadata: hooked.verificationCallbackWithMetadata)
                }
            case .configuration, .asyncHTTPClient:
                let context = try tls.makeContext(
                    for: path == .configuration ? .configuration : .asyncHTTPClient, accepting: accepting)
                // postgres-nio and AsyncHTTPClient pass the host they connect to as the server name.
                exchange = NIOHarness.get(context: context, host: host, port: port)
            }
        } catch let error as TLSSettingsError {
            return .refusedToBuild(Self.summary(error))
        } catch {
            Issue.record("unexpected error: \(error)")
            return .refusedBySwiftNIOSSL
        }
        if exchange.response != nil { return .accepted }
        return exchange.rejections.first.map { .refused($0.code.rawValue) } ?? .refusedBySwiftNIOSSL
    }

    private static func summary(_ error: TLSSettingsError) -> [String] {
        error.diagnostics.errors.map {
            [$0.code.rawValue, $0.setting?.rawValue].compactMap { $0 }.joined(separator: " ")
        }.sorted()
    }

    /// Handlers and both callback forms end as connect does; the configuration paths refuse to
    /// build with the losses named.
    private func expectSameEndings(
        _ resolution: Resolution, host: String, port: Int, connectEnds expected: Ending, configurationLosses: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(connect(resolution, host: host, port: port) == expected, "connect", sourceLocation: sourceLocation)
        for path in [Path.handlers, .callback, .callbackWithMetadata] {
            #expect(
                ending(path, resolution, host: host, port: port) == expected, "\(path)", sourceLocation: sourceLocation)
        }
        let refused = Ending.refusedToBuild(configurationLosses.map { "nio-setting-not-enforced \($0)" }.sorted())
        for path in [Path.configuration, .asyncHTTPClient] {
            #expect(
                ending(path, resolution, host: host, port: port) == refused, "\(path)", sourceLocation: sourceLocation)
        }
    }

    @Test func aCertificateWithOnlyACommonNameIsRefusedOnEveryPath() throws {
        try withServer("cn-only.pem") { port in
            let resolution = resolution([:], host: "localhost")
            expectSameEndings(
                resolution, host: "localhost", port: port, connectEnds: .refused("server-certificate-without-san"),
                configurationLosses: ["verify"])
            // Why it is a loss: accepted in code, swift-nio-ssl matches the common name.
            #expect(
                ending(.configuration, resolution, host: "localhost", port: port, accepting: [.verify]) == .accepted)
        }
    }

    @Test func anIPSubjectAltNameDoesNotStandInForAWrongServerName() throws {
        try withServer("good.pem") { port in
            let resolution = resolution(["SERVER_NAME": "wrong.example"], host: "127.0.0.1")
            expectSameEndings(
                resolution, host: "127.0.0.1", port: port, connectEnds: .refused("hostname-mismatch"),
                configurationLosses: ["server-name", "verify"])
            // Why it is a loss: swift-nio-ssl accepts the IP SAN of the address connected to.
            let context = try ClientTLS(resolution: resolution).makeContext(
                for: .configuration, accepting: [.verify, .serverName])
            #expect(NIOHarness.get(context: context, host: "wrong.example", port: port).response != nil)
        }
    }

    @Test func anAddressWrittenAsADNSNameIsRefusedOnEveryPath() throws {
        try withServer("dns-ip.pem") { port in
            let resolution = resolution([:], host: "127.0.0.1")
            expectSameEndings(
                resolution, host: "127.0.0.1", port: port, connectEnds: .refused("hostname-mismatch"),
                configurationLosses: ["verify"])
        }
    }

    @Test func aPinMismatchIsRefusedOnEveryPath() throws {
        try withServer("good.pem") { port in
            let resolution = resolution(
                ["PINNED_PUBLIC_KEYS": "sha256//" + String(repeating: "A", count: 43) + "="], host: "localhost")
            expectSameEndings(
                resolution, host: "localhost", port: port, connectEnds: .refused("pin-mismatch"),
                configurationLosses: ["pinned-public-keys", "verify"])
        }
    }

    @Test func aRevokedLeafIsRefusedOnEveryPath() throws {
        try withServer("revoked.pem") { port in
            let resolution = resolution(["CRL_FILE": matrix.path("root.crl")], host: "localhost")
            expectSameEndings(
                resolution, host: "localhost", port: port, connectEnds: .refused("server-certificate-not-trusted"),
                configurationLosses: ["crl-file", "verify"])
            let rejections = Locked<[Diagnostic]>([])
            let tls = try ClientTLS(resolution: resolution)
            let hooked = try tls.configurationWithVerifier(serverHostname: "localhost", port: port) { diagnostic in
                rejections.withLock { $0.append(diagnostic) }
            }
            let context = try NIOSSLContext(configuration: hooked.configuration)
            _ = NIOHarness.get(port: port, rejections: rejections) {
                try NIOSSLClientHandler(
                    context: context, serverHostname: "localhost",
                    customVerificationCallback: hooked.verificationCallback)
            }
            #expect(rejections.withLock { $0 }.first?.message.contains("revoked") == true)
        }
    }

    @Test func aGoodServerIsAcceptedOnEveryPathThatCanHoldTheRules() throws {
        try withServer("good.pem") { port in
            let resolution = resolution([:], host: "localhost")
            #expect(connect(resolution, host: "localhost", port: port) == .accepted)
            for path in [Path.handlers, .callback, .callbackWithMetadata] {
                #expect(ending(path, resolution, host: "localhost", port: port) == .accepted, "\(path)")
            }
            #expect(
                ending(.asyncHTTPClient, resolution, host: "localhost", port: port, accepting: [.verify]) == .accepted)
        }
    }

    @Test func theMetadataCallbackHandsOnTheChainOpenSSLValidated() throws {
        try withServer("behind-intermediate.pem", ["-cert_chain", "intermediate.pem"]) { port in
            let tls = try ClientTLS(resolution: resolution([:], host: "localhost"))
            let hooked = try tls.configurationWithVerifier(serverHostname: "localhost", port: port)
            let chain = try #require(NIOSSLCertificate.fromPEMFile(matrix.path("behind-intermediate.pem")).first)
            let intermediate = try #require(NIOSSLCertificate.fromPEMFile(matrix.path("intermediate.pem")).first)
            let root = try #require(NIOSSLCertificate.fromPEMFile(matrix.path("root.pem")).first)
            let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(
                of: NIOSSLVerificationResultWithMetadata.self)
            hooked.verificationCallbackWithMetadata([chain, intermediate], promise)
            guard case .certificateVerified(let metadata) = try promise.futureResult.wait() else {
                Issue.record("the chain was refused")
                return
            }
            #expect(metadata.validatedCertificateChain.map(Array.init) == [chain, intermediate, root])
        }
    }

    // MARK: Build-time checks

    @Test(arguments: [
        ("expired.pem", "server-certificate-expired"), ("not-yet-valid.pem", "server-certificate-not-yet-valid"),
    ])
    func aServerIdentityOutsideItsValidityIsRefusedAtBuild(certificate: String, code: String) throws {
        let resolution = serverResolution(certificate: matrix.path(certificate), key: matrix.path("server.key"))
        let error = #expect(throws: TLSSettingsError.self) { try ServerTLS(resolution: resolution) }
        #expect(error?.diagnostics.errors.map(\.code.rawValue) == [code])
        #expect(error?.diagnostics.first?.origin?.description.contains("TLSCONFIG_CERT") == true)
        // check says the same.
        #expect(SettingsCheck(resolution).resolution.diagnostics.errors.map(\.code.rawValue) == [code])
    }

    @Test func anExpiredClientIdentityIsRefusedAtBuildAsCheckAndTheReloadersRefuseIt() throws {
        let pki = try TestPKI.shared()
        let resolution = NIOHarness.resolution(
            ["CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-expired-combined.pem"], pki: pki)
        let error = #expect(throws: TLSSettingsError.self) { try ClientTLS(resolution: resolution) }
        #expect(error?.diagnostics.errors.map(\.code) == [.clientCertificateExpired])
        #expect(error?.diagnostics.first?.origin?.description.contains("TLSCONFIG_CLIENT_CERT") == true)
        #expect(SettingsCheck(resolution).resolution.diagnostics.errors.map(\.code) == [.clientCertificateExpired])
        #expect(throws: TLSSettingsError.self) { try ReloadingClientTLS { resolution } }
    }

    @Test func aServerCertificateCloseToExpiryIsAWarningInTheBuildsDiagnostics() throws {
        let pki = try TestPKI.shared()
        let directory = TemporaryDirectory(prefix: "tlsconfig-paths-soon")
        try pki.issueServerCertificate(
            "soon", subject: "/CN=localhost", in: URL(fileURLWithPath: directory.path), days: 5)
        let resolution = serverResolution(certificate: directory.path + "/soon.pem", key: directory.path + "/soon.key")
        let tls = try ServerTLS(resolution: resolution)
        let warning = try #require(tls.diagnostics.first { $0.code == .serverCertificateExpiringSoon })
        #expect(warning.severity == .warning)
        #expect(tls.renderedWarnings().contains("warning[server-certificate-expiring-soon]"))
    }

    private func serverResolution(certificate: String, key: String) -> Resolution {
        let home = TemporaryDirectory(prefix: "tlsconfig-paths-home")
        var configuration = ResolverConfiguration(
            environment: ["HOME": home.path, "TLSCONFIG_CERT": certificate, "TLSCONFIG_KEY": key],
            workingDirectory: matrix.directory.path
        )
        configuration.role = .server
        return SettingsResolver(configuration).resolve()
    }

    // MARK: ALPN

    @Test func aConfiguredALPNIsRefusedForConsumersThatSetTheirOwnAndLeftOutWhenAccepted() throws {
        let pki = try TestPKI.shared()
        let client = try ClientTLS(
            resolution: NIOHarness.resolution(["CA_FILE": "server-ca.pem", "ALPN": "h2"], pki: pki))
        let refused = #expect(throws: TLSSettingsError.self) {
            try client.configuration(for: .asyncHTTPClient, accepting: [.verify])
        }
        #expect(refused?.diagnostics.map(\.setting) == [.alpn])
        #expect(refused?.diagnostics.first?.message.contains("AsyncHTTPClient") == true)
        #expect(
            try client.configuration(for: .asyncHTTPClient, accepting: [.verify, .alpn]).applicationProtocols.isEmpty)
        // A consumer that carries ALPN (postgres-nio, the handlers) gets it.
        #expect(try client.configuration(for: .postgresNIO, accepting: [.verify]).applicationProtocols == ["h2"])

        let server = try ServerTLS(
            resolution: NIOHarness.resolution(
                ["CERT": "server.pem", "KEY": "server.key", "ALPN": "h2"], role: .server, pki: pki))
        let hummingbird = #expect(throws: TLSSettingsError.self) {
            try server.configurationWithVerifier(for: .hummingbird)
        }
        #expect(hummingbird?.diagnostics.first?.message.contains("Hummingbird") == true)
        let accepted = try server.configurationWithVerifier(for: .hummingbird, accepting: [.alpn])
        #expect(accepted.configuration.applicationProtocols.isEmpty)
        // On the wire: an HTTP/1 server given the accepted configuration negotiates no protocol.
        let context = try NIOSSLContext(configuration: accepted.configuration)
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLServerHandler(context: context, customVerificationCallback: accepted.verificationCallback)
                    )
                    try channel.pipeline.syncOperations.addHandler(NIOHarness.Greeter(closesAfterReply: true))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        let output = try OpenSSLTool.converse(
            [
                "s_client", "-connect", "127.0.0.1:\(channel.localAddress!.port!)", "-alpn", "h2", "-CAfile",
                "server-ca.pem",
            ], in: pki.directory, input: "ping\n")
        #expect(output.contains("No ALPN negotiated"), "\(output)")
        #expect(output.contains("hello from nio"))
    }

    @Test func aConfigurationIsNotHandedToACallbackConsumerWithoutItsCallback() throws {
        let pki = try TestPKI.shared()
        let client = try ClientTLS(resolution: NIOHarness.resolution(["CA_FILE": "server-ca.pem"], pki: pki))
        let error = #expect(throws: TLSSettingsError.self) { try client.configuration(for: .grpc) }
        #expect(error?.diagnostics.first?.code == .nioConsumerNeedsCallback)
        #expect(error?.diagnostics.first?.help?.contains("configurationWithVerifier") == true)
        #expect(throws: TLSSettingsError.self) {
            try client.configurationWithVerifier(for: .asyncHTTPClient, serverHostname: "localhost")
        }
    }

    // MARK: Explained failures

    @Test func aFrameworksErrorIsExplainedAsConnectExplainsIt() throws {
        try withServer("untrusted.pem") { port in
            let tls = try ClientTLS(resolution: resolution([:], host: "localhost"))
            // AsyncHTTPClient's path: BoringSSL refused, so TLSConfig connects again to find out.
            let context = try tls.makeContext(for: .asyncHTTPClient, accepting: [.verify])
            let exchange = NIOHarness.get(context: context, host: "localhost", port: port)
            let error = try #require(exchange.error)
            let explanation = tls.explain(error, host: "localhost", port: port)
            #expect(explanation.reprobed)
            #expect(explanation.failure?.code == "server-certificate-not-trusted")
            #expect(explanation.diagnostic.code.rawValue == "server-certificate-not-trusted")
            #expect(explanation.nextStep?.contains("TLSCONFIG_CA_FILE") == true, "\(explanation.nextStep ?? "")")
            #expect(explanation.text().contains("error[server-certificate-not-trusted]"))

            // A callback path: the verifier's own refusal is used, without connecting again.
            let hooked = try tls.configurationWithVerifier(serverHostname: "localhost", port: port)
            let hookedContext = try NIOSSLContext(configuration: hooked.configuration)
            let refused = NIOHarness.get(port: port, rejections: Locked([])) {
                try NIOSSLClientHandler(
                    context: hookedContext, serverHostname: "localhost",
                    customVerificationCallback: hooked.verificationCallback)
            }
            let second = tls.explain(try #require(refused.error), host: "localhost", port: port)
            #expect(!second.reprobed)
            #expect(second.failure?.code == "server-certificate-not-trusted")
            #expect(second.nextStep == explanation.nextStep)
        }
    }

    @Test func anErrorBeyondTLSSaysTheSettingsAreNotTheCause() throws {
        try withServer("good.pem") { port in
            let tls = try ClientTLS(resolution: resolution([:], host: "localhost"))
            struct HTTPFailure: Error, CustomStringConvertible { var description: String { "HTTP 500" } }
            let explanation = tls.explain(HTTPFailure(), host: "localhost", port: port)
            #expect(explanation.failure == nil)
            #expect(explanation.diagnostic.code == .connectionFailedAfterHandshake)
            #expect(explanation.diagnostic.message.contains("HTTP 500"))
        }
    }
}
#endif
