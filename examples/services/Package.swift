// swift-tools-version: 6.1
import PackageDescription

// Services and clients that take their TLS from TLSConfig, one program per framework, in one
// package so that the frameworks' shared dependencies (swift-nio, swift-nio-ssl,
// AsyncHTTPClient under Vapor, swift-service-lifecycle) build once:
// - ahc-get: an AsyncHTTPClient GET;
// - hummingbird-server and vapor-server: mTLS servers that rotate certificate and client CAs;
// - grpc-echo: a gRPC echo server (rotating) and client, with mTLS;
// - pg-query: a postgres-nio client authenticating with a client certificate.
// examples/run.sh builds them and runs each against real peers on 127.0.0.1.
let package = Package(
    name: "services",
    platforms: [.macOS(.v15)],
    dependencies: [
        // GRPC enables Reloading and NIO: TLSConfigNIO, its reloaders as Services and
        // CertificateReloaders, and TLSConfigGRPC.
        .package(name: "TLSConfig", path: "../..", traits: ["GRPC"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        // Already in the graph through the above; named for the types the programs spell out.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .executableTarget(
            name: "ahc-get",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigNIO", package: "TLSConfig"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "hummingbird-server",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigNIO", package: "TLSConfig"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "vapor-server",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigNIO", package: "TLSConfig"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        .executableTarget(
            name: "grpc-echo",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigNIO", package: "TLSConfig"),
                .product(name: "TLSConfigGRPC", package: "TLSConfig"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "pg-query",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigOpenSSL", package: "TLSConfig"),
                .product(name: "TLSConfigNIO", package: "TLSConfig"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets {
    target.swiftSettings = [
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
