// swift-tools-version: 6.1
import PackageDescription

// An HTTPS GET over TLSConnection with settings resolved by TLSConfig: the smallest
// complete client. Build and run: swift run https-get https://localhost:8443/hello.txt
let package = Package(
    name: "https-get",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "TLSConfig", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "https-get",
            dependencies: [
                .product(name: "TLSConfig", package: "TLSConfig"),
                .product(name: "TLSConfigOpenSSL", package: "TLSConfig"),
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
