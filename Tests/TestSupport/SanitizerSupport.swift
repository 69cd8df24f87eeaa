import Foundation
import Glibc

/// LeakSanitizer suppressions for leaks that are not this package's: Foundation's
/// `readBytesFromFile` keeps a buffer when the tests read an empty output file;
/// Foundation's `Process` objects the test harness spawns children with are kept in a
/// cycle (with their arguments, environment and file handles, allocated in the harness
/// functions named below); swift-argument-parser keeps parser state when a usage error
/// exits the CLI. Every allocation by TLSConfig's own code is still checked.
public enum SanitizerSupport {
    /// The sanitizer this test process was built with (`--sanitize=`), found by its runtime's
    /// entry point: "address", "thread", or `nil`.
    public static let active: String? = {
        let handle = dlopen(nil, RTLD_NOW)
        defer { if let handle { dlclose(handle) } }
        if dlsym(handle, "__asan_init") != nil { return "address" }
        if dlsym(handle, "__tsan_init") != nil { return "thread" }
        return nil
    }()

    static let suppressions: StaticString = """
        leak:readBytesFromFile
        leak:ArgumentParser
        leak:10Foundation7Process
        leak:14tlsconfigTests3CLIV3run
        leak:runOnTerminal
        leak:11TestSupport11OpenSSLToolO3run
        leak:11TestSupport20OpenSSLServerProcessC_2in

        """

    /// Variables for a child process built with the same sanitizer: the caller's sanitizer
    /// options, plus the suppressions above for LeakSanitizer.
    public static var childEnvironment: [String: String] {
        var environment: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"] {
            if let value = inherited[name] { environment[name] = value }
        }
        let leakOptions = inherited["LSAN_OPTIONS"].map { $0 + ":" } ?? ""
        if let file = suppressionFile {
            environment["LSAN_OPTIONS"] = leakOptions + "suppressions=\(file):print_suppressions=0"
        }
        return environment
    }

    private static let suppressionFile: String? = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlsconfig-lsan-\(getpid()).supp").path
        let text = suppressions.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        return (try? text.write(toFile: path, atomically: true, encoding: .utf8)) == nil ? nil : path
    }()
}

/// Read by LeakSanitizer when the test process itself is built with `--sanitize=address`.
@_cdecl("__lsan_default_suppressions")
public func lsanDefaultSuppressions() -> UnsafePointer<CChar> {
    UnsafeRawPointer(SanitizerSupport.suppressions.utf8Start).assumingMemoryBound(to: CChar.self)
}
