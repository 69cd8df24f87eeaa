#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TLSConfig

/// What `tlsconfig check` does, for host tools that offer the same under their own command:
/// the resolution's findings plus the deep checks and a real context build, each problem once.
public struct SettingsCheck: Sendable {
    /// The resolution with the deep findings appended to its diagnostics.
    public var resolution: Resolution
    /// The client context, when the settings build one.
    public var context: TLSContext?

    public init(_ resolution: Resolution, environment: [String: String], now: Date = Date()) {
        var resolution = resolution
        // A setting that already failed the resolve-time checks is not checked again,
        // so each problem is reported once.
        let failed = Set(resolution.diagnostics.errors.compactMap(\.setting))
        var deep = MaterialChecks(resolution: resolution, environment: environment).run(now: now)
        do {
            let built = try TLSContextBuilder(resolution: resolution, environment: environment).makeClientContext()
            deep += built.warnings
            context = built
        } catch {
            deep += error.diagnostics
        }
        for diagnostic in deep where diagnostic.setting.map({ !failed.contains($0) }) ?? true {
            if !resolution.diagnostics.contains(diagnostic) { resolution.diagnostics.append(diagnostic) }
        }
        self.resolution = resolution
    }

    public var errorCount: Int { resolution.diagnostics.errors.count }
    public var warningCount: Int { resolution.diagnostics.filter { $0.severity == .warning }.count }
    public var passed: Bool { errorCount == 0 }

    /// The full report (settings, origins, OpenSSL facts, diagnostics) and a closing verdict.
    public func text(style: TextStyle = .plain, facts: OpenSSLFacts) -> String {
        let report = ResolutionReport(resolution, extraSections: [OpenSSLReport.factsSection(facts, context: context)])
        let verdict = passed
            ? "check passed: \(warningCount) warning(s)\n"
            : "check failed: \(errorCount) error(s), \(warningCount) warning(s)\n"
        return report.text(style: style) + "\n" + verdict
    }

    public func json(facts: OpenSSLFacts) -> JSONValue {
        ResolutionReport(resolution, extraSections: [OpenSSLReport.factsSection(facts, context: context)]).json()
    }
}
