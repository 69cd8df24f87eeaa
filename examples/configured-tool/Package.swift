// swift-tools-version: 6.1
import PackageDescription

// A tool configured through swift-configuration (arguments, environment, a JSON file and a TOML
// file) whose `tls` scope drives TLSConfig; `configured-tool show` prints `tlsconfig show`'s
// report, naming the provider and key of every value. Run: swift run configured-tool show
let package = Package(
    name: "configured-tool",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The Configuration trait builds TLSConfigConfiguration (and swift-configuration).
        .package(name: "TLSConfig", path: "../..", traits: ["Configuration"]),
        // JSON and TOML files, not YAML: swift-configuration's YAML trait pulls in a package that
        // bundles a second libyaml next to the system one TLSConfig links.
        .package(
            url: "https://github.com/apple/swift-configuration", from: "1.4.0",
            traits: ["JSON", "CommandLineArguments"]),
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
        )
    ],
    swiftLanguageModes: [.v6]
)
