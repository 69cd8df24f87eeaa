#if GRPC
import Foundation
import Glibc
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import TestSupport
import Testing
// With the transport imported, `TLSConfig.` names gRPC's enum: TLSConfig's own names are
// written unqualified, and one is imported alone to show the documented way to qualify.
import struct TLSConfig.SettingsResolver
@_spi(Plumbing) import TLSConfig
import TLSConfigGRPC
@_spi(Plumbing) import TLSConfigNIO

/// A real gRPC server and client (grpc-swift-nio-transport over 127.0.0.1) secured from
/// resolutions: mutual TLS judged by TLSConfig's verifier on both sides, losses refused with
/// their origins, and a server that rotates its certificate without a restart.
@Suite("gRPC transport security", .serialized)
struct GRPCTransportSecurityTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    /// `echo.Echo/Get`: answers with the request's text, without protobuf.
    struct Echo: RegistrableRPCService {
        static let method = MethodDescriptor(fullyQualifiedService: "echo.Echo", method: "Get")

        func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
            router.registerHandler(forMethod: Self.method, deserializer: Text(), serializer: Text()) { request, _ in
                let single = try await ServerRequest(stream: request)
                return StreamingServerResponse(single: ServerResponse(message: "echo: " + single.message))
            }
        }
    }

    struct Text: MessageSerializer, MessageDeserializer {
        func serialize<Bytes: GRPCContiguousBytes>(_ message: String) throws -> Bytes { Bytes(Array(message.utf8)) }
        func deserialize<Bytes: GRPCContiguousBytes>(_ bytes: Bytes) throws -> String {
            bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    func resolution(_ variables: [String: String], role: TLSRole, file: String? = nil) -> Resolution {
        let directory = TemporaryDirectory(prefix: "tlsconfig-grpc")
        var environment = ["HOME": directory.path]
        for (name, value) in variables {
            // Files are named in the test PKI; other values are as written.
            environment["TLSCONFIG_" + name] = value.hasPrefix("/") || !value.contains(".") ? value : pki.path(value)
        }
        if let file { environment["TLSCONFIG_CONFIG"] = directory.write("tls.toml", file) }
        var configuration = ResolverConfiguration(environment: environment, workingDirectory: directory.path)
        configuration.role = role
        return role == .server
            ? SettingsResolver(configuration).resolve() : SettingsResolver(configuration).resolve(host: "localhost")
    }

    var serverResolution: Resolution {
        resolution(
            ["CERT": "server.pem", "KEY": "server.key", "CA_FILE": "client-ca.pem", "CLIENT_AUTH": "required"],
            role: .server)
    }

    /// Runs `body` with the port of a gRPC server secured by `security`.
    func serving<T: Sendable>(
        _ security: HTTP2ServerTransport.Posix.TransportSecurity, _ body: (Int) async throws -> T
    ) async throws -> T {
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: security)
        return try await withGRPCServer(transport: transport, services: [Echo()]) { _ in
            let port = try #require(try await transport.listeningAddress.ipv4?.port)
            return try await body(port)
        }
    }

    /// One call to `echo.Echo/Get` as a client secured by `security`.
    func call(_ port: Int, _ security: HTTP2ClientTransport.Posix.TransportSecurity) async throws -> String {
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: security,
            config: .defaults {
                $0.http2.authority = "localhost"; $0.backoff.initial = .milliseconds(10)
            }
        )
        return try await withGRPCClient(transport: transport) { client in
            var options = CallOptions.defaults
            options.timeout = .seconds(20)
            return try await client.unary(
                request: ClientRequest(message: "ping"), descriptor: Echo.method, serializer: Text(),
                deserializer: Text(), options: options
            ) {
                try $0.message
            }
        }
    }

    @Test func mutualTLSIsJudgedByTLSConfigsVerifierOnBothSides() async throws {
        let serverRejections = Locked<[Diagnostic]>([])
        let server = try ServerTLS(resolution: serverResolution).grpcTransportSecurity(onRejection: { d in
            serverRejections.withLock { $0.append(d) }
        })
        try await serving(server) { port in
            let client = try ClientTLS(
                resolution: resolution(
                    ["CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-chain.pem", "CLIENT_KEY": "client.key"],
                    role: .client))
            #expect(
                try await call(port, client.grpcTransportSecurity(serverHostname: "localhost", port: port))
                    == "echo: ping")

            // A client trusting another CA refuses the server, with TLSConfig's reason.
            let clientRejections = Locked<[Diagnostic]>([])
            let distrustful = try ClientTLS(
                resolution: resolution(
                    ["CA_FILE": "other-ca.pem", "CLIENT_CERT": "client-chain.pem", "CLIENT_KEY": "client.key"],
                    role: .client))
            await #expect(throws: (any Error).self) {
                try await call(
                    port,
                    distrustful.grpcTransportSecurity(
                        serverHostname: "localhost", port: port,
                        onRejection: { d in clientRejections.withLock { $0.append(d) } }))
            }
            #expect(clientRejections.withLock { $0.first?.code.rawValue } == "server-certificate-not-trusted")

            // A client without a certificate is refused by the server.
            let anonymous = try ClientTLS(resolution: resolution(["CA_FILE": "server-ca.pem"], role: .client))
            await #expect(throws: (any Error).self) {
                try await call(port, anonymous.grpcTransportSecurity(serverHostname: "localhost", port: port))
            }
            // A name the certificate does not carry is refused by the client's callback.
            let wrongName = Locked<[Diagnostic]>([])
            await #expect(throws: (any Error).self) {
                try await call(
                    port,
                    client.grpcTransportSecurity(
                        serverHostname: "elsewhere.test", port: port,
                        onRejection: { d in wrongName.withLock { $0.append(d) } }))
            }
            #expect(wrongName.withLock { $0.first?.code.rawValue } == "hostname-mismatch")
        }
    }

    /// What the transport cannot carry is refused, each with its origin, unless accepted.
    @Test func settingsTheTransportCannotCarryAreRefusedWithTheirOrigins() throws {
        let file =
            "min-version = \"1.3\"\nmax-version = \"1.3\"\nciphers = \"ECDHE-ECDSA-AES128-GCM-SHA256\"\nalpn = [\"h2\"]\nclient-auth = \"optional\"\n"
        let server = try ServerTLS(
            resolution: resolution(
                ["CERT": "server.pem", "KEY": "server.key", "CA_FILE": "client-ca.pem"], role: .server, file: file))
        let error = #expect(throws: TLSSettingsError.self) { try server.grpcTransportSecurity() }
        let refused = error?.diagnostics.filter { $0.code == .nioSettingNotEnforced } ?? []
        #expect(
            refused.compactMap(\.setting).sorted { $0.rawValue < $1.rawValue } == [
                .alpn, .ciphers, .clientAuth, .maxVersion, .minVersion,
            ])
        #expect(
            refused.allSatisfy {
                $0.origin?.description.contains("tls.toml:") == true && $0.message.contains("grpc-swift-nio-transport")
            })
        let minimum = try #require(refused.first { $0.setting == .minVersion })
        #expect(
            minimum.message
                == "min-version cannot be enforced: grpc-swift-nio-transport sets TLS 1.2 as its minimum, so TLS 1.2 would still be accepted"
        )
        // Accepted in code, they become warnings and the transport is built.
        _ = try server.grpcTransportSecurity(accepting: [.alpn, .ciphers, .clientAuth, .maxVersion, .minVersion])
        #expect(
            server.lossDiagnostics(for: .grpc, accepting: [.alpn, .ciphers, .clientAuth, .maxVersion, .minVersion])
                .allSatisfy { $0.severity < .error })
    }

    /// A gRPC server whose reloader serves `.grpc` presents the new certificate on new
    /// connections after a rotation, with no restart, and keeps answering calls.
    @Test func aRotatingServerPresentsTheNewCertificateWithoutARestart() async throws {
        let directory = TemporaryDirectory(prefix: "tlsconfig-grpc-rotation")
        let certificate = directory.path + "/tls.crt", key = directory.path + "/tls.key"
        func install(_ name: String) throws {
            let issued = URL(fileURLWithPath: directory.makeDirectory("issued-\(name)"))
            try pki.issueServerCertificate(name, subject: "/CN=grpc \(name)", in: issued)
            for (source, target) in [("\(name).key", key), ("\(name).pem", certificate)] {
                try Data(contentsOf: issued.appendingPathComponent(source)).write(
                    to: URL(fileURLWithPath: target + ".tmp"))
                #expect(rename(target + ".tmp", target) == 0)
            }
        }
        try install("first")
        var configuration = ResolverConfiguration(
            environment: [
                "HOME": directory.path, "TLSCONFIG_CERT": certificate, "TLSCONFIG_KEY": key,
                "TLSCONFIG_CA_FILE": pki.path("client-ca.pem"), "TLSCONFIG_CLIENT_AUTH": "required",
            ],
            workingDirectory: directory.path
        )
        configuration.role = .server
        let tls = try ReloadingServerTLS(for: .grpc) { [configuration] in SettingsResolver(configuration).resolve() }
        let client = try ClientTLS(
            resolution: self.resolution(
                ["CA_FILE": "server-ca.pem", "CLIENT_CERT": "client-chain.pem", "CLIENT_KEY": "client.key"],
                role: .client))
        try await serving(tls.grpcTransportSecurity()) { port in
            #expect(try served(port) == "CN = grpc first")
            #expect(try await call(port, client.grpcTransportSecurity(serverHostname: nil, port: port)) == "echo: ping")
            try install("second")
            #expect(tls.check()?.outcome == .reloaded)
            #expect(try served(port) == "CN = grpc second")
            #expect(try await call(port, client.grpcTransportSecurity(serverHostname: nil, port: port)) == "echo: ping")
        }
        // A reloader made for another consumer is not taken: its reloads were not checked for gRPC.
        let other = try ReloadingServerTLS(for: .hummingbird) { [configuration] in
            SettingsResolver(configuration).resolve()
        }
        #expect(throws: TLSSettingsError.self) { try other.grpcTransportSecurity() }
    }

    /// The subject `openssl s_client` is served on `port` (with the test client's certificate).
    func served(_ port: Int) throws -> String? {
        // Standard input is empty: s_client ends after the handshake (an HTTP/2 server would
        // otherwise wait for the client's preface).
        let output = try OpenSSLTool.run(
            [
                "s_client", "-connect", "127.0.0.1:\(port)", "-alpn", "h2", "-CAfile", "server-ca.pem", "-cert",
                "client.pem", "-cert_chain", "client-int.pem", "-key", "client.key",
            ],
            in: URL(fileURLWithPath: pki.path("."))
        )
        return output.split(separator: "\n").first { $0.hasPrefix("subject=") }.map {
            String($0.dropFirst("subject=".count))
        }
    }
}
#endif
