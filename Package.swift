// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "TLSConfig",
    // Linux only (glibc, OpenSSL 3): no Apple platform is declared, and a build elsewhere stops
    // with an #error (Sources/TLSConfig/SupportedPlatforms.swift). See the README.
    products: [
        .library(name: "TLSConfig", targets: ["TLSConfig"]),
        .library(name: "TLSConfigOpenSSL", targets: ["TLSConfigOpenSSL"]),
        .library(name: "TLSConfigCommands", targets: ["TLSConfigCommands"]),
        // Empty unless the `NIO` trait is enabled.
        .library(name: "TLSConfigNIO", targets: ["TLSConfigNIO"]),
        // Empty unless the `GRPC` trait is enabled.
        .library(name: "TLSConfigGRPC", targets: ["TLSConfigGRPC"]),
        // Empty unless the `Configuration` trait is enabled.
        .library(name: "TLSConfigConfiguration", targets: ["TLSConfigConfiguration"]),
        // The compatibility kit any ConfigDocumentSource must pass (Swift Testing).
        .library(name: "TLSConfigTesting", targets: ["TLSConfigTesting"]),
        .executable(name: "tlsconfig", targets: ["tlsconfig"]),
    ],
    traits: [
        // Off by default: a package that does not enable it neither builds swift-nio-ssl nor links BoringSSL.
        .trait(
            name: "NIO",
            description: "TLSConfigNIO: swift-nio-ssl configurations, contexts and handlers from a resolution."),
        // Off by default: a package that does not enable it does not build swift-configuration.
        // Off by default: reloaders as swift-nio-extras `CertificateReloader`s and
        // swift-service-lifecycle `Service`s that log to swift-log. Enables NIO.
        .trait(
            name: "Reloading",
            description:
                "TLSConfigNIO reloaders as CertificateReloaders (swift-nio-extras) and Services (swift-service-lifecycle), logging to swift-log.",
            enabledTraits: ["NIO"]
        ),
        // Off by default: TLSConfigGRPC, grpc-swift-nio-transport's transport security from a
        // resolution. Enables Reloading (the transport takes a CertificateReloader).
        .trait(
            name: "GRPC",
            description:
                "TLSConfigGRPC: grpc-swift-nio-transport client and server transport security, rotation included.",
            enabledTraits: ["Reloading"]
        ),
        .trait(
            name: "Configuration",
            description:
                "TLSConfigConfiguration: TLS settings from swift-configuration providers, and a TOML snapshot for its file providers."
        ),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Its default traits (JSON only): the adapter needs the provider protocols. Its YAML
        // trait pulls in a YAML package that bundles a second libyaml beside the system one:
        // nothing here enables it.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(name: "CTLSShims", dependencies: ["COpenSSL"]),
        .target(name: "TLSConfig", dependencies: ["CYAML"]),
        .target(name: "TLSConfigOpenSSL", dependencies: ["TLSConfig", "COpenSSL", "CTLSShims"]),
        // `tls show|check|connect` for host tools; tlsconfig is built from the same commands.
        .target(
            name: "TLSConfigCommands",
            dependencies: [
                "TLSConfig", "TLSConfigOpenSSL", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TLSConfigNIO",
            dependencies: [
                "TLSConfig",
                "TLSConfigOpenSSL",
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["NIO"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["NIO"])),
                .product(
                    name: "NIOCertificateReloading", package: "swift-nio-extras",
                    condition: .when(traits: ["Reloading"])),
                .product(
                    name: "ServiceLifecycle", package: "swift-service-lifecycle",
                    condition: .when(traits: ["Reloading"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Reloading"])),
            ]
        ),
        .target(
            name: "TLSConfigGRPC",
            dependencies: [
                "TLSConfig",
                "TLSConfigNIO",
                .product(
                    name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport",
                    condition: .when(traits: ["GRPC"])),
                .product(
                    name: "NIOCertificateReloading", package: "swift-nio-extras", condition: .when(traits: ["GRPC"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["GRPC"])),
            ]
        ),
        .target(
            name: "TLSConfigConfiguration",
            dependencies: [
                "TLSConfig",
                .product(
                    name: "Configuration", package: "swift-configuration", condition: .when(traits: ["Configuration"])),
            ]
        ),
        .target(name: "TLSConfigTesting", dependencies: ["TLSConfig"]),
        .executableTarget(
            name: "tlsconfig",
            dependencies: [
                "TLSConfig",
                "TLSConfigOpenSSL",
                "TLSConfigCommands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Temporary directories, test PKI and server processes shared by the test targets.
        .target(name: "TestSupport", dependencies: ["TLSConfig", "CHeapStats"], path: "Tests/TestSupport"),
        // The allocator's own count of bytes in use, for the leak tests (malloc.h has no Swift module).
        .target(name: "CHeapStats", path: "Tests/CHeapStats"),
        .testTarget(name: "TLSConfigTests", dependencies: ["TLSConfig", "TLSConfigTesting", "TestSupport"]),
        .testTarget(
            name: "TLSConfigOpenSSLTests",
            dependencies: ["TLSConfigOpenSSL", "TLSConfig", "COpenSSL", "CTLSShims", "CHeapStats", "TestSupport"]),
        .testTarget(
            name: "TLSConfigNIOTests",
            dependencies: [
                "TLSConfigNIO", "TLSConfig", "TLSConfigOpenSSL", "TestSupport",
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["NIO"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["NIO"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["NIO"])),
                .product(
                    name: "NIOCertificateReloading", package: "swift-nio-extras",
                    condition: .when(traits: ["Reloading"])),
                .product(
                    name: "ServiceLifecycle", package: "swift-service-lifecycle",
                    condition: .when(traits: ["Reloading"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Reloading"])),
            ]
        ),
        .testTarget(
            name: "TLSConfigGRPCTests",
            dependencies: [
                "TLSConfigGRPC", "TLSConfigNIO", "TLSConfig", "TestSupport",
                .product(name: "GRPCCore", package: "grpc-swift-2", condition: .when(traits: ["GRPC"])),
                .product(
                    name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport",
                    condition: .when(traits: ["GRPC"])),
            ]
        ),
        .testTarget(
            name: "TLSConfigConfigurationTests",
            dependencies: [
                "TLSConfigConfiguration", "TLSConfig", "TLSConfigTesting", "TestSupport",
                .product(
                    name: "Configuration", package: "swift-configuration", condition: .when(traits: ["Configuration"])),
            ]
        ),
        .testTarget(name: "tlsconfigTests", dependencies: ["tlsconfig", "TestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// Upcoming features for every Swift target, so the whole package follows one dialect.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
