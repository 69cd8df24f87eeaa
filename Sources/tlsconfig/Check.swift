import ArgumentParser
import Foundation
import TLSConfig
import TLSConfigOpenSSL

/// `tlsconfig check`: everything `show` resolves, plus the deep checks that parse the key
/// material and build a real context.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve the settings and check them deeply: certificates, keys, validity, chain order, CRLs.",
        discussion: "Exits 0 when there are no errors and 1 when there are. " + HelpText.sources
    )

    @OptionGroup var options: CommonOptions
    @OptionGroup var target: HostOption

    func run() throws {
        var resolution = options.resolve(host: target.host)
        let environment = ProcessInfo.processInfo.environment
        var context: TLSContext?
        // A setting that already failed the resolve-time checks is not checked again,
        // so each problem is reported once.
        let failed = Set(resolution.diagnostics.errors.compactMap(\.setting))
        var deep = MaterialChecks(resolution: resolution, environment: environment).run()
        do {
            context = try TLSContextBuilder(resolution: resolution, environment: environment).makeClientContext()
            deep += context?.warnings ?? []
        } catch {
            deep += error.diagnostics
        }
        for diagnostic in deep where diagnostic.setting.map({ !failed.contains($0) }) ?? true {
            if !resolution.diagnostics.contains(diagnostic) { resolution.diagnostics.append(diagnostic) }
        }
        let facts = OpenSSLReport.factsSection(OpenSSLFacts.current(environment: environment), context: context)
        let report = ResolutionReport(resolution, extraSections: [facts])
        let errors = resolution.diagnostics.errors.count
        let warnings = resolution.diagnostics.filter { $0.severity == .warning }.count
        let summary = errors == 0
            ? "check passed: \(warnings) warning(s)\n"
            : "check failed: \(errors) error(s), \(warnings) warning(s)\n"
        options.emit(text: report.text(style: options.style) + "\n" + summary, json: report.json())
        if errors > 0 { throw ExitCode(1) }
    }
}
