@_spi(Plumbing) @testable import TLSConfig

/// Helpers shared by the YAML reader tests; prefixed so they cannot clash with other readers' helpers.
enum YAMLTestSupport {
    /// A compact, span-free rendering of a tree, so structure and typing can be compared in one line:
    /// strings are quoted, booleans and null bare, tables `{k: v, ...}`, arrays `[a, b]`.
    static func render(_ table: ConfigTable) -> String {
        "{" + table.entries.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
    }

    static func render(_ node: ConfigNode) -> String {
        switch node.value {
        case .string(let text): text.debugDescription
        case .integer(let value): "int(\(value))"
        case .float(let value): "float(\(value))"
        case .bool(let value): "\(value)"
        case .dateTime: "dateTime"
        case .null: "null"
        case .array(let items): "[" + items.map(render).joined(separator: ", ") + "]"
        case .table(let table): render(table)
        }
    }

    static func renderParsed(_ text: String) throws -> String {
        render(try YAMLParser.parse(text))
    }

    static func span(_ line: Int, _ column: Int, to endLine: Int, _ endColumn: Int) -> SourceSpan {
        SourceSpan(
            start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn))
    }

    static func position(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(line: line, column: column)
    }
}
