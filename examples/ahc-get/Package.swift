// swift-tools-version: 6.1
import PackageDescription

// An AsyncHTTPClient GET with TLS settings resolved by TLSConfig (SSL_CERT_FILE,
// SSL_CLIENT_CERT, AHC_GET_* variables and the [tls] table of ahc-get.toml) and handed over
// by TLSConfigNIO. Build and run: swift run ahc-get https://localhost:8443/hello.txt
let package = Package(
    name: "ahc-get",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The NIO trait builds TLSConfigNIO (and swift-nio-ssl); without it the product is empty.
        .package(name: "TLSConfig", path: "../..", traits: ["NIO"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already in the graph through the two above; named for the types the program spells out.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
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
            ],
            swiftSettings: [
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
