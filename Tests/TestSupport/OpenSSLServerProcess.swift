public import Foundation
import Glibc

/// The real `openssl s_server`, started on a free 127.0.0.1 port and always killed by `stop()`.
public final class OpenSSLServerProcess: @unchecked Sendable {
    public let port: Int
    private let process: Process
    private let log: URL

    /// Starts `openssl s_server -accept 127.0.0.1:PORT ARGUMENTS` and waits until it accepts.
    /// With `port`, on that port (443 for a test of the default port; binding it needs root).
    public init(_ arguments: [String], in directory: URL, port fixedPort: Int? = nil) throws {
        var lastError: any Error = SocketError("s_server start", 0)
        for attempt in 0..<5 {
            let port = try fixedPort ?? Sockets.freePort()
            let log = directory.appendingPathComponent(
                "s_server-\(port)-\(attempt)-\(UInt32.random(in: 0...UInt32.max)).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: OpenSSLTool.path)
            process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)"] + arguments
            process.currentDirectoryURL = directory
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = Pipe()
            try process.run()
            try? handle.close()
            if Self.waitUntilAccepting(log: log, process: process) {
                self.port = port
                self.process = process
                self.log = log
                return
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            lastError = SocketError(
                "s_server did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")", 0)
        }
        throw lastError
    }

    private static func waitUntilAccepting(log: URL, process: Process) -> Bool {
        for _ in 0..<500 {
            if let text = try? String(contentsOf: log, encoding: .utf8), text.contains("ACCEPT") { return true }
            if !process.isRunning { return false }
            usleep(10_000)
        }
        return false
    }

    public var output: String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// SIGKILL, because a child spawned from a dispatch worker thread inherits its blocked
    /// signal mask, SIGTERM included, and would ignore `terminate()`.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    deinit {
        stop()
    }
}
