@_spi(Plumbing) @testable import TLSConfig

/// Builds in-memory configuration documents with explicit positions: one key per line,
/// starting at line 1, each value at column `key.count + 4` as in `key = "value"`.
struct DocumentBuilder {
    var path: String
    var scope: FileScope = .project
    private(set) var lines: [String] = []
    private var top: [ConfigTable.Entry] = []
    private var sections: [(pattern: String, line: Int, entries: [ConfigTable.Entry])] = []

    init(path: String, scope: FileScope = .project) {
        self.path = path
        self.scope = scope
    }

    /// `key = "value"` at the top level, or in the last `section(_:)`.
    mutating func set(_ key: String, _ value: String) {
        let line = lines.count + 1
        let text = "\(key) = \"\(value)\""
        lines.append(text)
        let entry = ConfigTable.Entry(
            key: key,
            keySpan: SourceSpan(line: line, column: 1, length: key.count),
            value: ConfigNode(
                .string(value), span: SourceSpan(line: line, column: key.count + 4, length: value.count + 2))
        )
        if sections.isEmpty { top.append(entry) } else { sections[sections.count - 1].entries.append(entry) }
    }

    /// `key = ["a", "b"]`.
    mutating func set(_ key: String, list: [String]) {
        let line = lines.count + 1
        let rendered = "[" + list.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        lines.append("\(key) = \(rendered)")
        var column = key.count + 5
        var items: [ConfigNode] = []
        for item in list {
            items.append(
                ConfigNode(.string(item), span: SourceSpan(line: line, column: column, length: item.count + 2)))
            column += item.count + 4
        }
        let entry = ConfigTable.Entry(
            key: key, keySpan: SourceSpan(line: line, column: 1, length: key.count),
            value: ConfigNode(
                .array(items), span: SourceSpan(line: line, column: key.count + 4, length: rendered.count))
        )
        if sections.isEmpty { top.append(entry) } else { sections[sections.count - 1].entries.append(entry) }
    }

    /// `key = VALUE` with any node (wrong types).
    mutating func set(_ key: String, node value: ConfigNode.Value, text: String) {
        let line = lines.count + 1
        lines.append("\(key) = \(text)")
        let entry = ConfigTable.Entry(
            key: key, keySpan: SourceSpan(line: line, column: 1, length: key.count),
            value: ConfigNode(value, span: SourceSpan(line: line, column: key.count + 4, length: text.count))
        )
        if sections.isEmpty { top.append(entry) } else { sections[sections.count - 1].entries.append(entry) }
    }

    /// Starts `[hosts."PATTERN"]`.
    mutating func section(_ pattern: String) {
        lines.append("[hosts.\"\(pattern)\"]")
        sections.append((pattern, lines.count, []))
    }

    var document: ConfigDocument {
        var entries = top
        if !sections.isEmpty {
            let hosts = sections.map { section in
                ConfigTable.Entry(
                    key: section.pattern,
                    keySpan: SourceSpan(line: section.line, column: 8, length: section.pattern.count + 2),
                    value: ConfigNode(
                        .table(ConfigTable(section.entries)), span: SourceSpan(line: section.line, column: 1, length: 1)
                    )
                )
            }
            entries.append(
                ConfigTable.Entry(
                    key: "hosts", keySpan: SourceSpan(line: sections[0].line, column: 2, length: 5),
                    value: ConfigNode(
                        .table(ConfigTable(hosts)), span: SourceSpan(line: sections[0].line, column: 1, length: 1))
                ))
        }
        return ConfigDocument(
            path: path, scope: scope, format: .toml, root: ConfigTable(entries),
            source: lines.joined(separator: "\n") + "\n")
    }
}

/// A resolver over an injected environment and in-memory documents, with nothing from the machine.
func makeResolver(
    environment: [String: String] = [:],
    documents: [ConfigDocument] = [],
    overrides: [SettingOverride] = [],
    layers: [Layer] = Layer.designOrder,
    workingDirectory: String = "/work",
    honorsRequests: Bool = false
) -> SettingsResolver {
    SettingsResolver(
        ResolverConfiguration(
            appName: "tlsconfig",
            layers: layers,
            honorsRequestsCABundle: honorsRequests,
            environment: environment,
            workingDirectory: workingDirectory,
            overrides: overrides,
            documents: InMemoryDocuments(documents)
        ))
}
