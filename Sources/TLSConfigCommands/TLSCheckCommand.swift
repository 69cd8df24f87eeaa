package import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// `check`: everything `show` resolves, plus the deep checks that decode the key material and
/// build a real context.
package struct TLSCheckCommand<Host: TLSCommandsHost>: ParsableCommand {
    /// `check`.
    package static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: "Resolve the settings and check them deeply: certificates, keys, validity, chain order, CRLs.",
            discussion:
                "Exits 0 when there are no errors and 1 when there are. With --watch it keeps running and checks again whenever a configuration file, CA file or directory, certificate, key, CRL or passphrase file changes (a rename, a swapped ..data link, an in-place rewrite), so a rotation can be watched as it happens.\n\n"
                + TLSCommandHelp.variables
        )
    }

    @OptionGroup var hostOptions: Host.Options
    @OptionGroup var output: TLSOutputOptions
    @OptionGroup var target: TLSHostOption

    @Flag(help: "Keep running, and check again whenever a file the settings depend on changes (Ctrl-C stops).")
    var watch = false

    @Option(
        help: ArgumentHelp(
            "With --watch, seconds between looks at the files; a change their directories report is looked at at once.",
            valueName: "seconds"))
    var interval: Double = 1

    /// Required by ArgumentParser.
    package init() {}

    /// Checks `--interval`.
    package func validate() throws {
        guard interval.isFinite, interval >= 0.05, interval <= 3600 else {
            throw ValidationError("--interval must be between 0.05 and 3600 seconds, not \(interval)")
        }
    }

    /// Prints the report and the verdict; exits 1 on any error. With `--watch`, prints a new
    /// report after each change and runs until interrupted.
    package func run() throws {
        let configuration = Host.resolvedConfiguration(hostOptions)
        let resolution = target.resolve(configuration)
        let passed = report(resolution)
        guard watch else {
            if !passed { throw ExitCode(1) }
            return
        }
        var watched = WatchedInputs(resolution)
        var current = resolution
        FileEventWaiter.watchForever(every: .milliseconds(Int(interval * 1000)), inputs: { watched }) { wakesOnEvents in
            // File events make a change show at once; the interval catches what they cannot see.
            let events = wakesOnEvents ? " and as soon as their directories change" : ""
            Terminal.write(
                "Watching \(watched.inputs.count) file(s) every \(interval) s\(events); Ctrl-C stops.\n",
                to: Terminal.standardError)
        } look: {
            let changed = watched.changedPaths()
            guard !changed.isEmpty else { return }
            let next = target.resolve(configuration)
            watched = WatchedInputs(next)
            // A touch, or the same bytes written again, changes nothing to report.
            guard !next.hasSameOutcome(as: current) else { return }
            current = next
            let stamp = Date().formatted(.iso8601)
            Terminal.write(
                output.style.terminalSafe("\n--- \(stamp): changed \(changed.joined(separator: ", "))\n"),
                to: Terminal.standardOutput)
            _ = report(next)
        }
    }

    /// One check's report; whether it passed.
    private func report(_ resolution: Resolution) -> Bool {
        let check = SettingsCheck(resolution)
        let facts = OpenSSLFacts.current(environment: ProcessInfo.processInfo.environment)
        output.emit(
            text: check.text(style: output.style, facts: facts, includingDiagnostics: false),
            diagnostics: check.diagnosticsText(style: output.errorStyle),
            json: check.json(facts: facts)
        )
        return check.passed
    }
}
