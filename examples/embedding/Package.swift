// swift-tools-version: 6.1
import PackageDescription

// `mytool`: a host tool that embeds TLSConfig. It reads the [tls] table of its own
// mytool.toml, honours MYTOOL_* variables and its own --cacert flag, and offers
// `mytool tls show|check|connect` by adding TLSCommands as one subcommand.
let package = Package(
    name: "mytool",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "TLSConfig", path: "../.."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "mytool",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigCommands", package: "TLSConfig"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
