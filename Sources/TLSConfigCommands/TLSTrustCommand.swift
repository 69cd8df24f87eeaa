package import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig

/// `trust [PATH]`: lets a project file's settings that weaken TLS apply, by recording the file's
/// path and content hash in your configuration directory, as `mise trust` does. A change to the
/// file untrusts it. `--show` lists the project files that apply here; `--untrust` forgets one.
package struct TLSTrustCommand<Host: TLSCommandsHost>: ParsableCommand {
    /// `trust`.
    package static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "trust",
            abstract:
                "Trust a project file, so its settings that weaken TLS (trust, ca-file, ca-dir, verify, a low min-version, ciphers, server-name) apply.",
            discussion: """
                A project file is found by walking up from the working directory, so it comes with whatever directory you work in. \
                Its settings that weaken verification or change which CAs are trusted are errors until you trust it; the trust is \
                recorded with the file's SHA-256 and ends when the file changes. Files you name (--config, NAME_CONFIG), your own \
                and the system's configuration need no trust. For automation, NAME_TRUSTED_CONFIG_PATHS lists trusted files or \
                directories (':'-separated).
                """
        )
    }

    @OptionGroup var hostOptions: Host.Options
    @OptionGroup var output: TLSOutputOptions

    @Argument(help: "The project file; the one that applies in the working directory when omitted.")
    var path: String?

    @Flag(name: .long, help: "List the project files that apply here, trusted or not, and change nothing.")
    var show = false

    @Flag(name: .long, help: "Forget the file instead of trusting it.")
    var untrust = false

    /// Required by ArgumentParser.
    package init() {}

    /// `--show` and `--untrust` exclude each other, and `--show` takes no path.
    package func validate() throws {
        if show && untrust { throw ValidationError("--show and --untrust exclude each other") }
        if show, path != nil { throw ValidationError("--show lists the files that apply here; it takes no path") }
    }

    /// Records, forgets or lists; exits 1 when there is nothing to trust or the record cannot be written.
    package func run() throws {
        let configuration = Host.resolvedConfiguration(hostOptions)
        let resolution = SettingsResolver(configuration).resolve()
        let projectFiles = resolution.configFiles.filter { $0.scope == .project && $0.exists }
        if show {
            let rows = projectFiles.map { ($0.path, $0.trust) }
            output.emit(
                text: rows.isEmpty
                    ? "no project file applies in \(configuration.workingDirectory)\n"
                    : rows.map { "\($0.0)  \($0.1)\n" }.joined(),
                json: .object([
                    (
                        "projectFiles",
                        .array(rows.map { .object([("path", .string($0.0)), ("trust", .string($0.1.description))]) })
                    )
                ])
            )
            return
        }
        let file: String
        if let path {
            file = path.hasPrefix("/") ? path : configuration.workingDirectory + "/" + path
        } else if let found = projectFiles.first?.path {
            file = found
        } else {
            try fail(
                "no project file applies in \(configuration.workingDirectory), so there is nothing to trust",
                help: "name the file: \(configuration.effectiveTrustCommand) PATH")
        }
        let environment = configuration.environment
        guard
            let location = ProjectTrustRecords.location(
                appName: configuration.appName, xdgConfigHome: environment["XDG_CONFIG_HOME"], home: environment["HOME"]
            )
        else {
            try fail(
                "cannot record trust: neither XDG_CONFIG_HOME nor HOME is an absolute path",
                help: "set HOME, or list the file in \(configuration.environmentPrefix)_TRUSTED_CONFIG_PATHS")
        }
        let ownership = OwnershipRule(
            safeDirectories: SafeDirectories(), userConfigFile: nil,
            safeDirectoriesVariable: configuration.environmentPrefix + "_SAFE_DIRECTORIES")
        var records: ProjectTrustRecords
        switch ProjectTrustRecords.load(from: location, ownership: ownership) {
        case .success(let loaded): records = loaded
        case .failure(let problem): try report([problem])
        }
        let absolute = ProjectTrustRecords.normalized(file)
        if untrust {
            let removed = records.untrust(absolute)
            if removed, let problem = records.save() { try report([problem]) }
            output.emit(
                text: removed
                    ? "untrusted \(absolute): its settings that weaken TLS are errors again\n"
                    : "\(absolute) was not trusted; nothing changed\n",
                json: .object([("path", .string(absolute)), ("untrusted", .bool(removed))])
            )
            return
        }
        let contents: [UInt8]
        switch ProjectTrustRecords.contents(of: absolute) {
        case .success(let bytes): contents = bytes
        case .failure(let problem): try report([problem])
        }
        let digest = ProjectTrustRecords.digest(contents)
        records.trust(absolute, digest: digest)
        if let problem = records.save() { try report([problem]) }
        output.emit(
            text: "trusted \(absolute) (sha256:\(digest.prefix(16))…): its settings apply until the file changes\n",
            json: .object([("path", .string(absolute)), ("sha256", .string(digest)), ("records", .string(location))])
        )
    }

    private func fail(_ message: String, help: String) throws -> Never {
        try report([Diagnostic(.error, .trustRecordsUnusable, message, help: help)])
    }

    private func report(_ diagnostics: [Diagnostic]) throws -> Never {
        output.emit(
            text: "",
            diagnostics: DiagnosticRenderer(style: output.errorStyle).render(diagnostics),
            json: .object([
                ("diagnostics", DiagnosticRenderer().json(diagnostics)), ("errors", .int(diagnostics.errors.count)),
            ])
        )
        throw ExitCode(1)
    }
}
