import Foundation

/// Runs a test's measurement in a test process of its own, so that no other suite allocates
/// beside it: the leak tests read the allocator's bytes in use, which is process-wide.
///
/// In the suite's process, `run` starts the same test binary with a filter that selects only
/// `test`, and with `variable` naming it; that child runs the body and nothing else. The parent
/// fails when the child fails, and also when it did not run the body (a filter that matched
/// nothing would otherwise pass in silence).
public enum IsolatedProcess {
    /// Set in the child to the test it runs.
    public static let variable = "TLSCONFIG_ISOLATED_TEST"
    private static let ranMarker = "isolated-test-ran: "

    /// The outcome of the child, for the parent to assert on.
    public struct Outcome: Sendable {
        /// Whether the child ran the body and exited 0.
        public var passed: Bool
        /// The child's output, for the failure message.
        public var output: String
    }

    /// Runs `body` here when this process is the child for `test`; otherwise runs the child
    /// and returns its outcome. `test` is a regular expression over Swift Testing's test IDs
    /// (`Suite/function`) matching this test only.
    public static func run(_ test: String, _ body: () async throws -> Void) async throws -> Outcome? {
        if ProcessInfo.processInfo.environment[variable] == test {
            try await body()
            print(ranMarker + test)
            return nil
        }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", test]
        var environment = ProcessInfo.processInfo.environment
        environment[variable] = test
        child.environment = environment
        let output = try TemporaryFile()
        child.standardOutput = output.handle
        child.standardError = output.handle
        try child.run()
        // Only a hang reaches this bound; the measurement itself takes seconds.
        let deadline = ContinuousClock.now + .seconds(900)
        while child.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if child.isRunning { child.terminate() }
        child.waitUntilExit()
        let text = output.contents()
        let ran = text.contains(ranMarker + test)
        return Outcome(passed: child.terminationStatus == 0 && ran, output: String(text.suffix(4000)))
    }

    /// A file for the child's output (a pipe could fill and block it).
    private final class TemporaryFile {
        let url: URL
        let handle: FileHandle

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "tlsconfig-isolated-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
        }

        func contents() -> String {
            (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }

        deinit {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
        }
    }
}
