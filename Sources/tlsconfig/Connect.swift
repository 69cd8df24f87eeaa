import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig
import TLSConfigOpenSSL

/// `tlsconfig connect HOST[:PORT]`: a real handshake with the resolved settings, explained.
struct Connect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connect to HOST[:PORT] with the resolved settings and explain the handshake.",
        discussion: "Exits 0 when the handshake succeeds and 1 when it fails or the configuration has errors. " + HelpText.sources
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The server: HOST, HOST:PORT, [IPv6]:PORT (port 443 when omitted).")
    var host: String

    @Option(help: "Give up after this many seconds.")
    var timeout: Double = 10

    @Flag(name: .customLong("show-certs"), help: "Print every certificate of the peer chain in full.")
    var showCertificates = false

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }

    func run() throws {
        let resolution = options.resolve(host: host)
        guard !resolution.hasErrors, let target = resolution.host else {
            emitDiagnostics(resolution.diagnostics, resolution: resolution)
            throw ExitCode(1)
        }
        let context: TLSContext
        do {
            context = try TLSContextBuilder(resolution: resolution).makeClientContext()
        } catch {
            emitDiagnostics(error.diagnostics, resolution: resolution)
            throw ExitCode(1)
        }
        let probe = HandshakeProbe(timeout: .milliseconds(Int(timeout * 1000)))
        let outcome = ConnectionReport(probe.run(context, target: target), resolution: resolution, showCertificates: showCertificates)
        var warnings = ""
        let notable = resolution.diagnostics.filter { $0.severity >= .warning }
        if !notable.isEmpty, options.format == .text {
            warnings = "\n" + DiagnosticRenderer(style: options.style, sources: resolution.sources).render(notable)
        }
        options.emit(text: outcome.text(style: options.style) + warnings, json: outcome.json())
        if !outcome.report.succeeded { throw ExitCode(1) }
    }

    private func emitDiagnostics(_ diagnostics: [Diagnostic], resolution: Resolution) {
        options.emit(
            text: DiagnosticRenderer(style: options.style, sources: resolution.sources).render(diagnostics),
            json: .object([("version", .int(ResolutionReport.jsonVersion)), ("succeeded", .bool(false)), ("diagnostics", DiagnosticRenderer().json(diagnostics))])
        )
    }
}
