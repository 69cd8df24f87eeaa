import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import ServiceLifecycle
import UnixSignals
// With the gRPC transport imported, `TLSConfig.` means gRPC's enum: TLSConfig's names are
// written unqualified (they are unique), and TLSConfigGRPC keeps gRPC's enum out of sight.
import TLSConfig
import TLSConfigGRPC
import TLSConfigNIO

// grpc-echo serve: a gRPC echo server on 127.0.0.1:PORT (50051) with mutual TLS, rotating its
// certificate and client CAs (GRPC_ECHO_SERVER_* variables). grpc-echo call HOST PORT TEXT:
// one call with the client's settings (GRPC_ECHO_* variables), printing the answer.
// Exit codes: 0 done, 1 settings or call failed, 2 usage.

/// `echo.Echo/Get`, with UTF-8 text as messages (no protobuf).
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

/// A gRPC server in a ServiceGroup: serves until graceful shutdown.
struct GRPCServerService: Service {
    let server: GRPCServer<HTTP2ServerTransport.Posix>

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            server.beginGracefulShutdown()
        }
    }
}

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    exit(code)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let logger = Logger(label: "grpc-echo")
switch arguments.first {
case "serve" where arguments.count == 1:
    let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 50051
    do {
        // --- TLSConfig: the reloader and the transport security are all the glue. ---
        var configuration = ResolverConfiguration(appName: "grpc-echo-server")
        configuration.role = .server
        let tls = try ReloadingServerTLS(for: .grpc, logger: logger) { [configuration] in
            SettingsResolver(configuration).resolve()
        }
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: "127.0.0.1", port: port), transportSecurity: try tls.grpcTransportSecurity())
        // --- end of TLSConfig ---
        FileHandle.standardError.write(Data(tls.current.renderedWarnings().utf8))
        let server = GRPCServer(transport: transport, services: [Echo()])
        Task { if let address = try? await transport.listeningAddress { print("listening on \(address)") } }
        try await ServiceGroup(
            services: [GRPCServerService(server: server), tls], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ).run()
    } catch let error as TLSSettingsError {
        fail(error.description)
    }

case "call" where arguments.count == 4:
    guard let port = Int(arguments[2]) else { fail("usage: grpc-echo call HOST PORT TEXT", code: 2) }
    let host = arguments[1]
    let tls: ClientTLS
    let security: HTTP2ClientTransport.Posix.TransportSecurity
    do {
        // --- TLSConfig: from here to `security` is all the glue. ---
        tls = try ClientTLS(
            resolution: SettingsResolver(ResolverConfiguration(appName: "grpc-echo")).resolve(
                host: host, defaultPort: port))
        security = try tls.grpcTransportSecurity(serverHostname: host, port: port)
        // --- end of TLSConfig ---
    } catch {
        fail(error.description)
    }
    FileHandle.standardError.write(Data(tls.renderedWarnings().utf8))
    do {
        let transport = try HTTP2ClientTransport.Posix(
            target: .dns(host: host, port: port), transportSecurity: security)
        let answer = try await withGRPCClient(transport: transport) { client in
            var options = CallOptions.defaults
            options.timeout = .seconds(10)
            return try await client.unary(
                request: ClientRequest(message: arguments[3]), descriptor: Echo.method, serializer: Text(),
                deserializer: Text(), options: options
            ) {
                try $0.message
            }
        }
        print(answer)
    } catch {
        fail(
            "error: the call to \(host):\(port) failed: \(error)\n" + tls.explain(error, host: host, port: port).text())
    }

default:
    fail("usage: grpc-echo serve | grpc-echo call HOST PORT TEXT", code: 2)
}
