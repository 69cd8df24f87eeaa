import ArgumentParser
import Foundation
import TLSConfig
import TLSConfigOpenSSL

/// `tlsconfig show`: every setting, its value and where it came from.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every TLS setting, its value and where it came from.",
        discussion: HelpText.sources
    )

    @OptionGroup var options: CommonOptions
    @OptionGroup var target: HostOption

    @Flag(name: .long, help: "Also show every candidate that lost, and why.")
    var all = false

    func run() throws {
        let resolution = options.resolve(host: target.host)
        let environment = ProcessInfo.processInfo.environment
        // The context shows what OpenSSL put in force; a configuration that cannot build one
        // is still shown, and `check` explains why it does not build.
        let context = resolution.hasErrors ? nil : try? TLSContextBuilder(resolution: resolution, environment: environment).makeClientContext()
        let facts = OpenSSLReport.factsSection(OpenSSLFacts.current(environment: environment), context: context)
        let report = ResolutionReport(resolution, showLosers: all, extraSections: [facts])
        options.emit(text: report.text(style: options.style), json: report.json())
        if resolution.hasErrors { throw ExitCode(1) }
    }
}
