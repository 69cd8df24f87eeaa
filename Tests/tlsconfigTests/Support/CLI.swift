import Foundation
import TestSupport

/// Runs the real `tlsconfig` binary, built next to the test bundle, in a controlled environment.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Both streams, for assertions about what a person sees whichever stream it is on.
        var output: String { stdout + stderr }

        /// Standard error under a marker, for golden files that show both streams.
        var standardErrorSection: String {
            stderr.isEmpty ? "" : "--- standard error ---\n" + stderr
        }
    }

    /// The executable beside this test bundle in the build directory.
    static let executable: String = {
        var directory = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            .resolvingSymlinksInPath()
        for _ in 0..<5 {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("tlsconfig").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        fatalError("tlsconfig binary not found next to \(CommandLine.arguments[0])")
    }()

    /// Only what the test passes; `HOME` points into the sandbox so no real user file leaks in.
    /// The sandbox's own project files are trusted (`TLSCONFIG_TRUSTED_CONFIG_PATHS`), as a CI
    /// job trusts its checkout; the trust tests set that variable empty to see the default.
    /// With `unprivilegedUser`, the binary runs under that user id (through `setpriv`), so a
    /// test run as root can still see a mode-000 file refused.
    static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], timeout: TimeInterval = 30,
        unprivilegedUser: UInt32? = nil
    ) throws -> Result {
        let process = Process()
        if let user = unprivilegedUser {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = [
            "HOME": directory + "/home", "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": directory + "/xdg",
            "TLSCONFIG_TRUSTED_CONFIG_PATHS": directory,
        ]
        // A sanitizer build of the binary reads its options (and leak suppressions) from these.
        env.merge(SanitizerSupport.childEnvironment) { $1 }
        env.merge(environment) { $1 }
        process.environment = env
        // Output goes to files, so nothing can block on a full pipe.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlsconfig-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout")
        let errURL = capture.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw TimedOut(arguments: arguments)
            }
            usleep(2_000)
        }
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// The binary run by another program (`script` for a pseudo-terminal, `bash` to prepare an
    /// odd working directory) with `run`'s base environment; returns standard output.
    static func runWrapped(
        _ launcher: String, _ arguments: [String], in directory: String, home: String,
        environment: [String: String] = [:]
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": home].merging(SanitizerSupport.childEnvironment) { $1 }
            .merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    struct TimedOut: Error {
        var arguments: [String]
    }
}
