import Foundation
import TLSConfig
import TLSConfigOpenSSL

/// How long a rotation takes to reach a server's reloader: the certificate is replaced by an
/// atomic rename (as cert-manager and ACME clients write it) `rounds` times, and each round is
/// timed from the rename to the reloader's event. The reloader polls every 30 s, so what is
/// measured is the file-event path. Prints the median and the largest, in milliseconds.
/// (The tests only bound this by what a hang would reach; the figure belongs here.)
enum RotationLatency {
    static func run(pki: String, rounds: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotation-latency-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("tls.crt").path
        let key = directory.appendingPathComponent("tls.key").path
        let original = try Data(contentsOf: URL(fileURLWithPath: pki + "/server.pem"))
        try original.write(to: URL(fileURLWithPath: certificate))
        try FileManager.default.copyItem(atPath: pki + "/server.key", toPath: key)
        var configuration = ResolverConfiguration(
            environment: ["HOME": directory.path, "TLSCONFIG_CERT": certificate, "TLSCONFIG_KEY": key],
            workingDirectory: directory.path
        )
        configuration.role = .server
        let reloader = try ContextReloader.serverContexts { [configuration] in
            SettingsResolver(configuration).resolve()
        }
        var events = reloader.events.makeAsyncIterator()
        let watching = Task { await reloader.run(every: .seconds(30), wakingOnFileEvents: true) }
        try await Task.sleep(for: .milliseconds(200))

        var samples: [Double] = []
        for round in 1...rounds {
            // Text after the PEM block changes the bytes, not the certificate: a real reload.
            let next = directory.appendingPathComponent("tls.crt.new").path
            try (original + Data("\n# round \(round)\n".utf8)).write(to: URL(fileURLWithPath: next))
            let start = ContinuousClock.now
            guard rename(next, certificate) == 0 else { throw CocoaError(.fileWriteUnknown) }
            guard let event = await events.next() else { break }
            let elapsed = ContinuousClock.now - start
            guard event.outcome == .reloaded else { continue }
            let (seconds, attoseconds) = elapsed.components
            samples.append(Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        watching.cancel()
        samples.sort()
        print(String(format: "%.1f %.1f %d", samples[samples.count / 2], samples.last ?? 0, samples.count))
    }
}
