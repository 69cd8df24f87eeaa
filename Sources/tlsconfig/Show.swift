import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig
import TLSConfigOpenSSL

/// `tlsconfig show`: every setting, its value and where it came from.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every TLS setting, its value and where it came from.",
    )

    @OptionGroup var options: CommonOptions
    @OptionGroup var target: HostOption

    @Flag(name: .long, help: "Also show every candidate that lost, and why.")
    var all = false

    func run() throws {
        let resolution = options.resolve(host: target.host)
        let environment = ProcessInfo.processInfo.environment
        // What OpenSSL puts in force for these versions and ciphers, without loading the trust
        // store (`check` builds the full context and reports the store).
        let preview = TLSContextBuilder(resolution: resolution).protocolPreview()
        let facts = OpenSSLReport.factsSection(OpenSSLFacts.current(environment: environment), inForce: preview, trustStore: nil)
        let report = ResolutionReport(resolution, showLosers: all, extraSections: [facts])
        options.emit(
            text: report.text(style: options.style, includingDiagnostics: false),
            diagnostics: report.diagnosticsText(style: options.errorStyle),
            json: report.json()
        )
        if resolution.hasErrors { throw ExitCode(1) }
    }
}
