import Foundation
import TLSConfig
import TLSConfigOpenSSL

/// The CPU a reloader spends while its certificate is touched over and over: a server's
/// reloader waking on file events watches `tls.crt` and `tls.key`, another process touches
/// `tls.crt` `touches` times over `seconds`, and this prints the CPU seconds this process used
/// meanwhile (user and system) and how many reload events there were (a touch changes no
/// bytes, so none is expected).
enum ReloadStorm {
    static func run(pki: String, touches: Int, seconds: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reload-storm-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("tls.crt").path,
            key = directory.appendingPathComponent("tls.key").path
        try FileManager.default.copyItem(atPath: pki + "/server.pem", toPath: certificate)
        try FileManager.default.copyItem(atPath: pki + "/server.key", toPath: key)
        var configuration = ResolverConfiguration(
            environment: ["HOME": directory.path, "TLSCONFIG_CERT": certificate, "TLSCONFIG_KEY": key],
            workingDirectory: directory.path
        )
        configuration.role = .server
        let reloader = try ContextReloader.serverContexts { [configuration] in SettingsResolver(configuration).resolve()
        }
        let events = Counter()
        let stream = reloader.events
        let counting = Task { for await _ in stream { events.add() } }
        let watching = Task { await reloader.run(every: .seconds(30), wakingOnFileEvents: true) }
        try await Task.sleep(for: .milliseconds(200))

        let before = cpuSeconds()
        let toucher = Process()
        toucher.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        toucher.arguments = [
            "python3", "-c",
            """
            import os, sys, time
            path, touches, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
            start = time.monotonic()
            for i in range(touches):
                os.utime(path)
                target = start + seconds * (i + 1) / touches
                delay = target - time.monotonic()
                if delay > 0.001: time.sleep(delay)
            """, certificate, String(touches), String(seconds),
        ]
        try toucher.run()
        toucher.waitUntilExit()
        try await Task.sleep(for: .milliseconds(200))
        let used = cpuSeconds() - before
        watching.cancel()
        counting.cancel()
        print(String(format: "%.3f %d", used, events.value))
    }

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
            usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
