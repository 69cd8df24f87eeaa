package import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// `show`: every setting, its value and where it came from.
package struct TLSShowCommand<Host: TLSCommandsHost>: ParsableCommand {
    /// `show`.
    package static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "show", abstract: "Show every TLS setting, its value and where it came from.",
            discussion: TLSCommandHelp.variables)
    }

    @OptionGroup var hostOptions: Host.Options
    @OptionGroup var output: TLSOutputOptions
    @OptionGroup var target: TLSHostOption

    @Flag(name: .long, help: "Also show every candidate that lost, and why.")
    var all = false

    /// Required by ArgumentParser.
    package init() {}

    /// Prints the report; exits 1 when the settings have errors.
    package func run() throws {
        let resolution = target.resolve(Host.resolvedConfiguration(hostOptions))
        // What OpenSSL puts in force for these versions and ciphers, without loading the trust
        // store (`check` builds the full context and reports the store).
        let preview = TLSContextBuilder(resolution: resolution).protocolPreview()
        let facts = OpenSSLReport.factsSection(
            OpenSSLFacts.current(environment: ProcessInfo.processInfo.environment), inForce: preview, trustStore: nil)
        let report = ResolutionReport(resolution, showLosers: all, extraSections: [facts])
        output.emit(
            text: report.text(style: output.style, includingDiagnostics: false),
            diagnostics: report.diagnosticsText(style: output.errorStyle),
            json: report.json()
        )
        if resolution.hasErrors { throw ExitCode(1) }
    }
}

/// `--host` and `--server` for the commands that resolve without connecting.
package struct TLSHostOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Resolve for this host (HOST, HOST:PORT, [IPv6]:PORT; port 443 when omitted, as connect uses), applying matching host sections.",
            valueName: "host"))
    var host: String?

    @Flag(
        name: .long,
        help:
            "Resolve as a server: cert, key, client-auth, and the CAs for client certificates; client variables (SSL_CERT_FILE, SSL_CLIENT_CERT, ...) are not read."
    )
    var server = false

    /// Required by ArgumentParser.
    package init() {}

    func resolve(_ base: ResolverConfiguration) -> Resolution {
        var configuration = base
        if server { configuration.role = .server }
        let resolver = SettingsResolver(configuration)
        return host.map { resolver.resolve(host: $0, defaultPort: 443) } ?? resolver.resolve()
    }
}
