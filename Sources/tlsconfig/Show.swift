import ArgumentParser
import Foundation
import TLSConfig

/// `tlsconfig show`: every setting, its value and where it came from.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every TLS setting, its value and where it came from.",
        discussion: HelpText.sources
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Also show every candidate that lost, and why.")
    var all = false

    func run() throws {
        let resolution = options.resolve()
        let report = ResolutionReport(resolution, showLosers: all)
        switch options.format {
        case .text: print(report.text(style: options.style), terminator: "")
        case .json: print(report.json().rendered())
        }
        if resolution.hasErrors { throw ExitCode(1) }
    }
}
