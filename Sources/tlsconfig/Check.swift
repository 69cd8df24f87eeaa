import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig
import TLSConfigOpenSSL

/// `tlsconfig check`: everything `show` resolves, plus the deep checks that parse the key
/// material and build a real context.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve the settings and check them deeply: certificates, keys, validity, chain order, CRLs.",
        discussion: "Exits 0 when there are no errors and 1 when there are."
    )

    @OptionGroup var options: CommonOptions
    @OptionGroup var target: HostOption

    func run() throws {
        let check = SettingsCheck(options.resolve(host: target.host))
        let facts = OpenSSLFacts.current(environment: ProcessInfo.processInfo.environment)
        options.emit(
            text: check.text(style: options.style, facts: facts, includingDiagnostics: false),
            diagnostics: check.diagnosticsText(style: options.errorStyle),
            json: check.json(facts: facts)
        )
        if !check.passed { throw ExitCode(1) }
    }
}
