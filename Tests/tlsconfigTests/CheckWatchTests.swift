import Foundation
import Glibc
import TestSupport
import Testing

/// `tlsconfig check --watch` re-runs the checks when an input changes, so an operator can
/// watch a rotation happen. The real binary runs in the background; its output is read as it
/// grows.
@Suite struct CheckWatchTests {
    /// A running `tlsconfig check --watch`, killed by `stop()`.
    final class Watcher {
        let process = Process()
        let output: URL

        init(_ arguments: [String], in directory: String, environment: [String: String]) throws {
            output = URL(fileURLWithPath: directory).appendingPathComponent("watch-output")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = ["HOME": directory + "/home", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"].merging(
                SanitizerSupport.childEnvironment
            ) { $1 }
            .merging(environment) { $1 }
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try handle.close()
        }

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Waits until the output holds `needle` `count` times.
        func wait(for needle: String, count: Int = 1, timeout: TimeInterval = 20) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if text.components(separatedBy: needle).count - 1 >= count { return true }
                if !process.isRunning { return false }
                usleep(20_000)
            }
            return false
        }

        func stop() {
            // SIGKILL: a child started from a dispatch worker inherits its blocked signal mask.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    @Test func aRotationIsCheckedAsItHappens() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let certificate = sandbox.path + "/client.pem"
        try pki.bytes("client-combined.pem").write(to: URL(fileURLWithPath: certificate))
        chmod(certificate, 0o600)
        let watcher = try Watcher(
            ["check", "--watch", "--interval", "0.1"], in: sandbox.path,
            environment: [
                "TLSCONFIG_CA_FILE": pki.path("server-ca.pem"), "TLSCONFIG_CLIENT_CERT": certificate,
            ])
        defer { watcher.stop() }
        #expect(watcher.wait(for: "check passed"), "\(watcher.text)")
        #expect(watcher.wait(for: "Watching"), "\(watcher.text)")

        // A broken rotation: the new file is garbage.
        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: certificate + ".new"))
        chmod(certificate + ".new", 0o600)
        #expect(rename(certificate + ".new", certificate) == 0)
        #expect(watcher.wait(for: "changed \(certificate)"), "\(watcher.text)")
        // The report after the change ends in an error citing the variable that named the file
        // (the first report mentions the variable too, so wait for the error itself).
        #expect(watcher.wait(for: "error["), "\(watcher.text)")
        let afterChange = watcher.text.components(separatedBy: "changed \(certificate)").last ?? ""
        #expect(afterChange.contains("TLSCONFIG_CLIENT_CERT"))

        // A good one: passes again.
        try pki.bytes("client-keyfirst.pem").write(to: URL(fileURLWithPath: certificate + ".new"))
        chmod(certificate + ".new", 0o600)
        #expect(rename(certificate + ".new", certificate) == 0)
        #expect(watcher.wait(for: "check passed", count: 2), "\(watcher.text)")
        #expect(watcher.process.isRunning)
    }

    /// With an interval longer than the test, a change is still reported at once: the
    /// directories' file events wake the watch.
    @Test func fileEventsReportAChangeLongBeforeTheInterval() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let bundle = sandbox.path + "/ca.pem"
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: bundle))
        let watcher = try Watcher(
            ["check", "--watch", "--interval", "3600"], in: sandbox.path, environment: ["TLSCONFIG_CA_FILE": bundle])
        defer { watcher.stop() }
        #expect(watcher.wait(for: "check passed"), "\(watcher.text)")
        // Printed once the watches are set, so the change below cannot come before them.
        #expect(watcher.wait(for: "as soon as their directories change"), "\(watcher.text)")
        // Touched, then written again with the same bytes: nothing to report.
        #expect(utimensat(AT_FDCWD, bundle, nil, 0) == 0)
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: bundle), options: .atomic)
        // Time for the watch to wake on those events and look (it wakes 20 ms after one), so
        // the garbage below is a change of its own; a report now would be the touch's.
        usleep(300_000)
        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: bundle), options: .atomic)
        #expect(watcher.wait(for: "changed \(bundle)", timeout: 10), "\(watcher.text)")
        // The one report is the garbage's, which the touch and the same bytes did not precede.
        #expect(watcher.text.components(separatedBy: "changed \(bundle)").count == 2, "\(watcher.text)")
        #expect(watcher.wait(for: "error["), "\(watcher.text)")
    }

    @Test func aBadIntervalIsAUsageError() throws {
        let sandbox = Sandbox()
        let result = try CLI.run(["check", "--watch", "--interval", "0"], in: sandbox.path)
        #expect(result.status == 64 || result.status == 2, "\(result.status)")
        #expect(result.stderr.contains("--interval"))
    }
}
