/// Maps a configuration table (TOML or YAML alike) onto settings: known keys, their types,
/// `hosts` sections with validated patterns, and did-you-mean for everything unknown.
struct ConfigSchema {
    var home: String?

    static let hostsKey = "hosts"

    func decode(_ document: ConfigDocument) -> DecodedDocument {
        let (offers, diagnostics) = offers(from: document)
        return DecodedDocument(offers: offers, diagnostics: diagnostics)
    }

    func offers(from document: ConfigDocument) -> (offers: [Offer], diagnostics: [Diagnostic]) {
        var offers: [Offer] = []
        var diagnostics = DiagnosticCollector(place: "\"\(document.path)\"")
        let parser = SettingValueParser(
            baseDirectory: document.baseDirectory ?? PathName.directory(of: document.path), home: home)
        let place = document.path

        for entry in document.root.entries {
            if entry.key == Self.hostsKey {
                hostSections(entry, document: document, parser: parser, offers: &offers, diagnostics: &diagnostics)
                continue
            }
            decode(
                entry, section: nil, document: document, parser: parser, place: place, offers: &offers,
                diagnostics: &diagnostics)
        }
        return (offers, diagnostics.finished())
    }

    private func hostSections(
        _ hosts: ConfigNode.Table.Entry, document: ConfigDocument, parser: SettingValueParser,
        offers: inout [Offer], diagnostics: inout DiagnosticCollector
    ) {
        guard case .table(let sections) = hosts.value.value else {
            diagnostics.append(
                wrongType(
                    hosts.value, expected: "a table of host sections", key: "hosts", document: document, section: nil))
            return
        }
        var seen: [HostPattern: ConfigNode.Table.Entry] = [:]
        for sectionEntry in sections.entries {
            let pattern: HostPattern
            do {
                pattern = try HostPattern(parsing: sectionEntry.key)
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidHostPattern, "invalid host pattern \"\(sectionEntry.key)\": \(error.reason)",
                        origin: origin(document, sectionEntry.keySpan, section: nil),
                        help:
                            "patterns are host, host:port, *.suffix, *.suffix:port, an IPv4 address or [IPv6], optionally with :port"
                    ))
                continue
            }
            if pattern.isWildcard, !pattern.host.dropFirst(2).contains(".") {
                // `*.com` covers every name under a public suffix: almost surely a mistake,
                // and it would hand this section's CA or client certificate to any .com server.
                diagnostics.append(
                    Diagnostic(
                        .warning, .broadHostPattern,
                        "host section \"\(sectionEntry.key)\" matches every host under \".\(pattern.host.dropFirst(2))\", a whole top-level domain",
                        origin: origin(document, sectionEntry.keySpan, section: nil),
                        help: "name the domain you mean, such as \"*.example\(pattern.host.dropFirst(1))\""
                    ))
            }
            if let first = seen[pattern] {
                diagnostics.append(
                    Diagnostic(
                        .error, .duplicateHostPattern,
                        "host section \"\(sectionEntry.key)\" is the same host as \"\(first.key)\" (both normalise to \"\(pattern)\")",
                        origin: origin(document, sectionEntry.keySpan, section: nil),
                        related: [.init("first defined here", origin: origin(document, first.keySpan, section: nil))],
                        help: "merge the two sections into one"
                    ))
                continue
            }
            seen[pattern] = sectionEntry
            guard case .table(let body) = sectionEntry.value.value else {
                diagnostics.append(
                    wrongType(
                        sectionEntry.value, expected: "a table of settings", key: "hosts.\"\(sectionEntry.key)\"",
                        document: document, section: nil))
                continue
            }
            for entry in body.entries {
                if entry.key == Self.hostsKey {
                    diagnostics.append(
                        Diagnostic(
                            .error, .unknownKey, "host sections cannot be nested",
                            origin: origin(document, entry.keySpan, section: sectionEntry.key),
                            help: "move this section to the top-level hosts table"
                        ))
                    continue
                }
                decode(
                    entry, section: (pattern, sectionEntry.key), document: document, parser: parser,
                    place: "\(document.path)#\(pattern)", offers: &offers, diagnostics: &diagnostics)
            }
        }
    }

    private func decode(
        _ entry: ConfigNode.Table.Entry, section: (pattern: HostPattern, written: String)?, document: ConfigDocument,
        parser: SettingValueParser, place: String, offers: inout [Offer], diagnostics: inout DiagnosticCollector
    ) {
        guard let key = SettingKey(rawValue: entry.key) else {
            diagnostics.append(.unknownKey, severity: .error) {
                var known = SettingKey.allCases.map(\.fileKey)
                if section == nil { known.append(Self.hostsKey) }
                let suggestion = Spelling.suggestion(for: entry.key, among: known)
                return Diagnostic(
                    .error, .unknownKey, "unknown key \"\(entry.key)\"",
                    origin: origin(document, entry.keySpan, section: section?.written),
                    help: suggestion.map { "did you mean \"\($0)\"?" }
                        ?? "known keys: \(known.joined(separator: ", "))",
                    // A key like no setting is named but its line is not shown: a file of other
                    // settings (a .env file named by mistake) holds secrets under such keys.
                    hidesSourceLine: suggestion == nil || Self.mayNameASecret(entry.key)
                )
            }
            return
        }
        let valueOrigin = origin(document, entry.value.span, section: section?.written)
        let items: [String]
        let isList: Bool
        switch entry.value.value {
        case .string(let text):
            items = [text]
            isList = false
        case .array(let elements):
            var strings: [String] = []
            for element in elements {
                guard case .string(let text) = element.value else {
                    diagnostics.append(
                        wrongType(
                            element, expected: "a string", key: "element of \(key)", document: document,
                            section: section?.written, setting: key))
                    return
                }
                strings.append(text)
            }
            items = strings
            isList = true
        default:
            diagnostics.append(
                wrongType(
                    entry.value, expected: key.typeDescription, key: key.rawValue, document: document,
                    section: section?.written, setting: key))
            return
        }
        do {
            let value = try parser.parse(key, items: items, isList: isList)
            offers.append(
                Offer(
                    key: key, value: value, origin: valueOrigin, layer: document.layer, place: place,
                    section: section?.pattern, scope: document.scope, order: document.order
                ))
        } catch {
            diagnostics.append(
                Diagnostic(.error, error.code, error.message, setting: key, origin: valueOrigin, help: error.help))
        }
    }

    /// `client-key-password = "..."`: a misspelt key whose value is likely the secret itself.
    static func mayNameASecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["pass", "secret", "token", "pwd"].contains { lowered.contains($0) }
    }

    private func origin(_ document: ConfigDocument, _ span: SourceSpan, section: String?) -> Origin {
        if let given = document.valueOrigins[span.start] { return given }
        return .file(Origin.FileLocation(path: document.path, span: span, section: section, scope: document.scope))
    }

    private func wrongType(
        _ node: ConfigNode, expected: String, key: String, document: ConfigDocument, section: String?,
        setting: SettingKey? = nil
    ) -> Diagnostic {
        var help = "write \(expected)"
        if setting == .minVersion || setting == .maxVersion {
            help = "quote the version: \"1.2\" or \"1.3\""
        }
        return Diagnostic(
            .error, .wrongType, "\(key) must be \(expected), found \(node.typeName)",
            setting: setting, origin: origin(document, node.span, section: section), help: help
        )
    }
}
