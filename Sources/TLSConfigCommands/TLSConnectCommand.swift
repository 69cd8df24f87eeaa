package import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// `connect HOST[:PORT]`: the client certificate checked locally, then a real handshake with
/// the resolved settings, explained, with a next step for the real cause on failure; through
/// an HTTP proxy as curl chooses one.
package struct TLSConnectCommand<Host: TLSCommandsHost>: ParsableCommand {
    /// `connect`.
    package static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "connect",
            abstract: "Connect to HOST[:PORT] with the resolved settings and explain the handshake.",
            discussion: "Exits 0 when the handshake succeeds and 1 when it fails or the configuration has errors.\n\n"
                + TLSCommandHelp.variables
        )
    }

    @OptionGroup var hostOptions: Host.Options
    @OptionGroup var output: TLSOutputOptions

    @Argument(
        help:
            "The server: HOST, HOST:PORT, [IPv6]:PORT (port 443 when omitted), or a URL such as https://HOST/PATH or postgres://HOST."
    )
    var host: String

    @Option(help: "Give up after this many seconds.")
    var timeout: Double = 10

    @Flag(name: .customLong("show-certs"), help: "Print every certificate of the peer chain in full.")
    var showCertificates = false

    @Flag(
        name: .customLong("no-proxy"),
        help: "Connect directly, ignoring HTTPS_PROXY, https_proxy, ALL_PROXY and all_proxy.")
    var noProxy = false

    /// Required by ArgumentParser.
    package init() {}

    /// Refuses a timeout outside (0, 600] seconds.
    package func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }

    /// Connects and prints the report; exits 1 when the connection or the configuration fails.
    package func run() throws {
        // Sections are matched for the port the connection uses: `connect H` is `H:443`, and a
        // URL's port is its scheme's (curl users paste URLs).
        let resolver = SettingsResolver(Host.resolvedConfiguration(hostOptions))
        let isURL = host.contains("://")
        let resolution = isURL ? resolver.resolve(url: host) : resolver.resolve(host: host, defaultPort: 443)
        guard !resolution.hasErrors, let target = resolution.host else {
            try refuse(resolution, diagnostics: resolution.diagnostics)
        }
        // The build and the checks of our own material decode the same files: once.
        let decoded = DecodedMaterial()
        let context: TLSContext
        do {
            var builder = TLSContextBuilder(resolution: resolution)
            builder.decoded = decoded
            context = try builder.makeClientContext()
        } catch {
            try refuse(resolution, diagnostics: resolution.diagnostics + error.diagnostics)
        }
        // Our own certificate is checked here first: an expired one is this machine's problem,
        // named with its origin, not a server's bad_certificate alert to decode.
        let local = MaterialChecks(resolution: resolution, decoded: decoded).run().filter { $0.severity >= .warning }
        if local.hasErrors {
            try refuse(resolution, diagnostics: resolution.diagnostics + local)
        }
        var probe = HandshakeProbe(timeout: .milliseconds(Int(timeout * 1000)))
        if isURL, let scheme = host.split(separator: ":").first?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        {
            probe.start = .postgreSQL
        }
        if !noProxy {
            // As curl does: HTTPS_PROXY (or https_proxy, ALL_PROXY) unless NO_PROXY names the host.
            switch ConnectProxy.forHost(target.host, environment: ProcessInfo.processInfo.environment) {
            case .success(let proxy): probe.proxy = proxy
            case .failure(let problem):
                var report = HandshakeReport(host: target.host, port: target.port ?? 443)
                report.failure = .proxyFailed("cannot use the proxy in \(problem)")
                emit(ConnectionReport(report, resolution: resolution, checkCommand: Host.checkCommand(hostOptions)))
                throw ExitCode(1)
            }
        }
        let outcome = ConnectionReport(
            probe.run(context, target: target), resolution: resolution, showCertificates: showCertificates,
            diagnostics: resolution.diagnostics + local, checkCommand: Host.checkCommand(hostOptions)
        )
        emit(outcome)
        if !outcome.report.succeeded { throw ExitCode(1) }
    }

    /// Text: the report to standard output, warnings and errors to standard error. JSON: one
    /// connect document, the findings included.
    private func emit(_ outcome: ConnectionReport) {
        let notable = outcome.diagnostics.filter { $0.severity >= .warning }
        output.emit(
            text: outcome.text(style: output.style),
            diagnostics: notable.isEmpty
                ? ""
                : DiagnosticRenderer(style: output.errorStyle, sources: outcome.resolution.sources).render(notable),
            json: outcome.json()
        )
    }

    /// A configuration that cannot connect: the same report shape, with no connection attempted.
    private func refuse(_ resolution: Resolution, diagnostics: [Diagnostic]) throws -> Never {
        let target = resolution.host ?? (try? HostTarget(parsing: host)) ?? (try? HostTarget.parsing(url: host).target)
        var report = HandshakeReport(host: target?.host ?? host, port: target?.port ?? 443)
        report.failure = .configuration(errors: diagnostics.errors.count)
        let outcome = ConnectionReport(
            report, resolution: resolution, diagnostics: diagnostics, checkCommand: Host.checkCommand(hostOptions))
        if output.format == .json {
            emit(outcome)
        } else {
            // Only the findings: a connection report would describe a connection never made.
            output.emit(
                text: "",
                diagnostics: DiagnosticRenderer(style: output.errorStyle, sources: resolution.sources).render(
                    diagnostics), json: .null)
        }
        throw ExitCode(1)
    }
}
