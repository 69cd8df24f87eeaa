#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif
package import TLSConfig

/// What `tlsconfig check` does, for host tools that offer the same under their own command:
/// the resolution's findings plus the deep checks and a real context build, each problem once.
package struct SettingsCheck: Sendable {
    /// The resolution with the deep findings appended to its diagnostics.
    package var resolution: Resolution
    /// The client context, when the settings build one.
    package var context: TLSContext?

    /// Runs the deep checks on the resolution's material and, when they find no error, builds
    /// a client context from it. Each layer reports its own findings, so nothing is repeated.
    package init(_ resolution: Resolution, now: Date = Date()) {
        var resolution = resolution
        // The checks and the build decode the same files: once.
        let decoded = DecodedMaterial()
        resolution.diagnostics += MaterialChecks(resolution: resolution, decoded: decoded).run(now: now)
        if !resolution.hasErrors {
            do {
                var builder = TLSContextBuilder(resolution: resolution)
                builder.decoded = decoded
                let built =
                    try resolution.settings.role == .server ? builder.makeServerContext() : builder.makeClientContext()
                // A server build judges its identity as the checks above did: each finding once.
                resolution.diagnostics += built.warnings.filter { !resolution.diagnostics.contains($0) }
                context = built
            } catch {
                resolution.diagnostics += error.diagnostics
            }
        }
        resolution.diagnostics = resolution.diagnostics.grouped()
        self.resolution = resolution
    }

    /// Errors found.
    package var errorCount: Int { resolution.diagnostics.errors.count }
    /// Warnings found.
    package var warningCount: Int { resolution.diagnostics.filter { $0.severity == .warning }.count }
    /// No errors.
    package var passed: Bool { errorCount == 0 }

    /// The full report (settings, origins, OpenSSL facts, diagnostics) and a closing verdict;
    /// without `includingDiagnostics`, the diagnostics are left for ``diagnosticsText(style:)``.
    package func text(style: TextStyle = .plain, facts: OpenSSLFacts, includingDiagnostics: Bool = true) -> String {
        let report = ResolutionReport(resolution, extraSections: [OpenSSLReport.factsSection(facts, context: context)])
        return report.text(style: style, includingDiagnostics: includingDiagnostics) + "\n" + verdict
    }

    /// `check passed: N warning(s)` or `check failed: N error(s), M warning(s)`.
    package var verdict: String {
        passed
            ? "check passed: \(warningCount) warning(s)\n"
            : "check failed: \(errorCount) error(s), \(warningCount) warning(s)\n"
    }

    /// The findings alone, for standard error.
    package func diagnosticsText(style: TextStyle = .plain) -> String {
        ResolutionReport(resolution).diagnosticsText(style: style)
    }

    /// The `check --format json` document.
    package func json(facts: OpenSSLFacts) -> JSONValue {
        ResolutionReport(resolution, extraSections: [OpenSSLReport.factsSection(facts, context: context)]).json()
    }
}
