public import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig
import TLSConfigOpenSSL

/// `check`: everything `show` resolves, plus the deep checks that decode the key material and
/// build a real context.
public struct TLSCheckCommand<Host: TLSCommandsHost>: ParsableCommand {
    /// `check`.
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: "Resolve the settings and check them deeply: certificates, keys, validity, chain order, CRLs.",
            discussion: "Exits 0 when there are no errors and 1 when there are."
        )
    }

    @OptionGroup var hostOptions: Host.Options
    @OptionGroup var output: TLSOutputOptions
    @OptionGroup var target: TLSHostOption

    /// Required by ArgumentParser.
    public init() {}

    /// Prints the report and the verdict; exits 1 on any error.
    public func run() throws {
        let check = SettingsCheck(target.resolve(Host.resolverConfiguration(hostOptions)))
        let facts = OpenSSLFacts.current(environment: ProcessInfo.processInfo.environment)
        output.emit(
            text: check.text(style: output.style, facts: facts, includingDiagnostics: false),
            diagnostics: check.diagnosticsText(style: output.errorStyle),
            json: check.json(facts: facts)
        )
        if !check.passed { throw ExitCode(1) }
    }
}
