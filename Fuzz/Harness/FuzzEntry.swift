// libFuzzer entry point for the core module. Compiled by Fuzz/build.sh together with every
// source file of Sources/TLSConfig into one instrumented binary; never part of Package.swift.
//
// One binary serves every target, chosen by the FUZZ_TARGET environment variable, so the
// (slow, instrumented) build happens once. See Fuzz/README.md.

import Foundation

/// The targets, by the name given in FUZZ_TARGET.
enum FuzzTarget: String, CaseIterable {
    case toml
    case yaml
    case pem
    case host
    case resolve

    /// Read once per process; libFuzzer calls the entry point from one thread.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("FUZZ_TARGET must be one of: \(names) (got \"\(name)\")\n".utf8))
            exit(2)
        }
        return target
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FuzzTarget.selected {
    case .toml: TOMLTarget.run(bytes)
    case .yaml: YAMLTarget.run(bytes)
    case .pem: PEMTarget.run(bytes)
    case .host: HostTargetFuzz.run(bytes)
    case .resolve: ResolveTarget.run(bytes)
    }
    return 0
}

/// Stops the fuzzer with a message when a property that must hold does not; libFuzzer
/// records the input as a crash.
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("fuzz property violated: \(message())\n".utf8))
        abort()
    }
}
