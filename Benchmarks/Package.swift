// swift-tools-version: 6.1
import PackageDescription

// The root package is referenced by path, so its identity is the name of the directory it was
// cloned into ("main", "tlsconfig", ...); derive it instead of hard-coding one.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "tlsconfig"

let package = Package(
    name: "TLSConfigBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The NIO trait builds TLSConfigNIO, for the NIOSSLContext rows.
        .package(path: "..", traits: ["NIO"]),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Swift 6.3 uses ordo-one's malloc-interposer for allocation counts (no jemalloc needed).
        // Naming the trait list disables the default "RuntimeInterposer" trait, whose package is
        // only needed for ARC counters, which these benchmarks do not record.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Document generators, key material and the two-file resolution fixture, shared by the
        // benchmarks and the comparison helper.
        .target(
            name: "BenchmarkSupport",
            path: "Sources/BenchmarkSupport"
        ),
        .executableTarget(
            name: "TLSConfigBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TLSConfig", package: root),
                .product(name: "TLSConfigOpenSSL", package: root),
                .product(name: "TLSConfigNIO", package: root),
            ],
            path: "Benchmarks/TLSConfigBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // In-process timings for compare.sh (no benchmark harness, so it builds fast and its
        // numbers compare directly with the C and Python programs the script runs).
        .executableTarget(
            name: "compare-helper",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "TLSConfig", package: root),
                .product(name: "TLSConfigOpenSSL", package: root),
                .product(name: "TLSConfigNIO", package: root),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            path: "Sources/compare-helper"
        ),
    ],
    swiftLanguageModes: [.v6]
)
