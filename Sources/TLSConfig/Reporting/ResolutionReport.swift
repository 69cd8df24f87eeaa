/// Renders a `Resolution` for people (`show`) and for programs (JSON).
/// Host tools call this to offer the same output under their own command.
public struct ResolutionReport: Sendable {
    /// What is reported.
    public var resolution: Resolution
    /// Include each losing candidate with the reason it lost.
    public var showLosers: Bool
    /// Extra sections appended to the text (the OpenSSL facts, for example).
    package var extraSections: [Section]

    /// A titled block of `name: value` lines.
    package struct Section: Sendable {
        /// The heading.
        package var title: String
        /// Name and value pairs, in order.
        package var rows: [(String, String)]
        /// The same content for JSON output.
        package var json: JSONValue

        /// A section.
        package init(title: String, rows: [(String, String)], json: JSONValue) {
            self.title = title
            self.rows = rows
            self.json = json
        }
    }

    /// Version of the JSON layout; bumped on any incompatible change.
    public static let jsonVersion = 1

    /// A report; `extraSections` come after the configuration files.
    public init(_ resolution: Resolution, showLosers: Bool = false) {
        self.init(resolution, showLosers: showLosers, extraSections: [])
    }

    /// A report with sections of other modules (OpenSSL's facts) after the files.
    package init(_ resolution: Resolution, showLosers: Bool = false, extraSections: [Section]) {
        self.resolution = resolution
        self.showLosers = showLosers
        self.extraSections = extraSections
    }

    // MARK: Text

    /// The `show` text: settings with origins, matched sections, precedence, variables, files, extra sections, diagnostics.
    public func text(style: TextStyle = .plain) -> String {
        text(style: style, includingDiagnostics: true)
    }

    /// The report; with `includingDiagnostics` false, without the diagnostics, which a
    /// command writes to standard error (``diagnosticsText(style:)``) as git and cargo do.
    public func text(style: TextStyle = .plain, includingDiagnostics: Bool) -> String {
        var out: [String] = []
        let target = resolution.host.map { "for \($0.authority)" } ?? "for any host"
        let role = resolution.settings.role == .server ? "server " : ""
        out.append(
            style.bold("TLS \(role)settings \(target)")
                + style.dim("  (app \(resolution.appName), variables \(resolution.environmentPrefix)_*)"))
        if resolution.assumedPort, let host = resolution.host, let port = host.port {
            out.append(
                style.dim(
                    "  port \(port) assumed: none was given; sections for \(host.host):\(port) apply, write HOST:PORT for another port"
                ))
        }
        out.append("")
        let width = (SettingKey.allCases.map(\.rawValue.count).max() ?? 0) + 2
        for value in resolution.values where value.key.roles.contains(resolution.settings.role) {
            let key = value.key.rawValue.padding(to: width)
            let shown =
                value.items.isEmpty
                ? style.dim("(not set)")
                : value.items.map(TextStyle.oneLine).joined(separator: "\n" + String(repeating: " ", count: width + 2))
            if value.isDefault && value.note == nil {
                out.append("  " + key + shown + style.dim("  default"))
            } else {
                out.append("  " + style.bold(key) + shown)
                out.append(
                    String(repeating: " ", count: width + 2) + style.green("from ")
                        + Self.describe(value.origin, layer: value.layer))
            }
            if let note = value.note {
                out.append(String(repeating: " ", count: width + 2) + style.dim(note))
            }
            if showLosers {
                for loser in value.losers {
                    out.append(
                        String(repeating: " ", count: width + 2)
                            + style.dim(
                                "lost: \(loser.candidate.display) from \(Self.describe(loser.candidate.origin, layer: loser.candidate.layer))"
                            ))
                    out.append(String(repeating: " ", count: width + 4) + style.dim("because \(loser.reason)"))
                }
            }
        }
        if resolution.host != nil {
            out.append("")
            out.append(style.bold("Host sections matched") + style.dim(" (most specific first)"))
            if resolution.matchedSections.isEmpty { out.append("  none") }
            for section in resolution.matchedSections {
                out.append("  [hosts.\"\(section.pattern)\"] in \(section.path)")
            }
        }
        out.append("")
        out.append(
            style.bold("Precedence") + " (highest first): "
                + resolution.layers.map(\.description).joined(separator: " > "))
        out.append("")
        out.append(style.bold("Environment variables consulted"))
        let nameWidth = (resolution.environment.map(\.name.count).max() ?? 0) + 2
        for report in resolution.environment {
            out.append("  " + report.name.padding(to: nameWidth) + Self.statusText(report.status))
        }
        out.append("")
        out.append(style.bold("Configuration files"))
        if resolution.configFiles.isEmpty { out.append("  none looked for") }
        for file in resolution.configFiles {
            let mark = file.exists ? style.green("found    ") : style.dim("not found")
            let trust = file.scope == .project && file.exists && file.trust != .notRequired ? "; \(file.trust)" : ""
            out.append("  \(mark) \(file.path)" + style.dim("  (\(file.scope): \(file.reason)\(trust))"))
        }
        for section in extraSections {
            out.append("")
            out.append(style.bold(section.title))
            let keyWidth = (section.rows.map(\.0.count).max() ?? 0) + 2
            for (name, value) in section.rows {
                out.append("  " + name.padding(to: keyWidth) + value)
            }
        }
        if includingDiagnostics, !resolution.diagnostics.isEmpty {
            out.append("")
            out.append(DiagnosticRenderer(style: style, sources: resolution.sources).render(resolution.diagnostics))
            return out.joined(separator: "\n")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The diagnostics alone, rustc-style, with source snippets; empty when there are none.
    public func diagnosticsText(style: TextStyle = .plain) -> String {
        resolution.diagnostics.isEmpty
            ? "" : DiagnosticRenderer(style: style, sources: resolution.sources).render(resolution.diagnostics)
    }

    /// "config file (project) ./tlsconfig.toml:3:11", "tool environment TLSCONFIG_CA_FILE", ...
    public static func describe(_ origin: Origin, layer: Layer) -> String {
        switch origin {
        case .defaultValue: "default"
        case .environment(let variable): "\(layer) \(variable)"
        case .file(let location): "config file (\(location.scope)) \(location)"
        case .override: origin.description
        case .provider(let location): "\(layer) \(location)" + (location.section.map { " [hosts.\"\($0)\"]" } ?? "")
        }
    }

    static func statusText(_ status: EnvironmentVariableReport.Status) -> String {
        switch status {
        case .set(let value?): "set      \(TextStyle.oneLine(value))"
        case .set(nil): "set      (value hidden)"
        case .unset: "unset"
        case .empty: "empty    (treated as unset)"
        case .ignored(let value, let reason): "ignored  \(value.map(TextStyle.oneLine) ?? "(value hidden)") (\(reason))"
        }
    }

    // MARK: JSON

    /// The `show --format json` document (layout `jsonVersion`), as text.
    public func jsonText() -> String {
        json().rendered()
    }

    /// The `show --format json` document (layout `jsonVersion`).
    package func json() -> JSONValue {
        var settings: [(String, JSONValue)] = []
        for value in resolution.values where value.key.roles.contains(resolution.settings.role) {
            var members: [(String, JSONValue)] = []
            if value.key.isList {
                members.append(("value", .array(value.items.map { .string($0) })))
            } else {
                members.append(("value", JSONValue(value.value)))
            }
            members.append(("origin", DiagnosticRenderer.json(value.origin)))
            members.append(("layer", .string(value.layer.rawValue)))
            members.append(("note", JSONValue(value.note)))
            members.append(
                (
                    "losers",
                    .array(
                        value.losers.map { loser in
                            .object([
                                ("value", .string(loser.candidate.display)),
                                ("origin", DiagnosticRenderer.json(loser.candidate.origin)),
                                ("reason", .string(loser.reason.description)),
                            ])
                        })
                ))
            settings.append((value.key.rawValue, .object(members)))
        }
        var root: [(String, JSONValue)] = [
            ("version", .int(Self.jsonVersion)),
            ("toolVersion", .string(TLSConfigVersion.current)),
            ("app", .string(resolution.appName)),
            ("environmentPrefix", .string(resolution.environmentPrefix)),
            ("host", JSONValue(resolution.host?.authority)),
            ("assumedPort", .bool(resolution.assumedPort)),
            ("role", .string(resolution.settings.role.rawValue)),
            ("settings", .object(settings)),
            (
                "matchedSections",
                .array(
                    resolution.matchedSections.map {
                        .object([("path", .string($0.path)), ("pattern", .string($0.pattern))])
                    })
            ),
            ("layers", .array(resolution.layers.map { .string($0.rawValue) })),
            ("environment", .array(resolution.environment.map(Self.json))),
            (
                "configFiles",
                .array(
                    resolution.configFiles.map { file in
                        .object([
                            ("path", .string(file.path)), ("scope", .string(file.scope.rawValue)),
                            ("exists", .bool(file.exists)), ("reason", .string(file.reason)),
                            ("trust", Self.json(file.trust)),
                        ])
                    })
            ),
        ]
        for section in extraSections {
            root.append((section.title.lowercasedFirstWord, section.json))
        }
        root.append(("diagnostics", DiagnosticRenderer().json(resolution.diagnostics)))
        root.append(("errors", .int(resolution.diagnostics.errors.count)))
        return .object(root)
    }

    /// `null` for files that need no trust; else `trusted`, `untrusted` or `changed`, with how.
    static func json(_ trust: ConfigDocument.Trust) -> JSONValue {
        switch trust {
        case .notRequired: .null
        case .trusted(let how): .object([("status", .string("trusted")), ("by", .string(how))])
        case .untrusted: .object([("status", .string("untrusted"))])
        case .changedSinceTrusted: .object([("status", .string("changed"))])
        }
    }

    static func json(_ report: EnvironmentVariableReport) -> JSONValue {
        let (status, value, reason): (String, String?, String?) =
            switch report.status {
            case .set(let value): ("set", value, nil)
            case .unset: ("unset", nil, nil)
            case .empty: ("empty", nil, nil)
            case .ignored(let value, let reason): ("ignored", value, reason)
            }
        return .object([
            ("name", .string(report.name)), ("status", .string(status)), ("value", JSONValue(value)),
            ("reason", JSONValue(reason)), ("purpose", .string(report.purpose)),
        ])
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    /// "OpenSSL facts" gives "openssl", used as a JSON key for an extra section.
    var lowercasedFirstWord: String {
        String(split(separator: " ").first ?? Substring(self)).lowercased()
    }
}
