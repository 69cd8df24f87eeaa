// swift-tools-version: 6.1
import PackageDescription

// A tool configured through swift-configuration (arguments, environment, a YAML file and a TOML
// file) whose `tls` scope drives TLSConfig; `configured-tool show` prints `tlsconfig show`'s
// report, naming the provider and key of every value. Run: swift run configured-tool show
let package = Package(
    name: "configured-tool",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The Configuration trait builds TLSConfigConfiguration (and swift-configuration).
        .package(name: "TLSConfig", path: "../..", traits: ["Configuration"]),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML", "CommandLineArguments"]),
        // swift-configuration's YAML trait brings Yams; SwiftPM 6.3 fails to resolve it when a
        // second package (TLSConfig) also depends on swift-configuration, unless it is named.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // FilePath, for the file providers' paths (already in the graph through swift-configuration).
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        .executableTarget(
            name: "configured-tool",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigConfiguration", package: "TLSConfig"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
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
