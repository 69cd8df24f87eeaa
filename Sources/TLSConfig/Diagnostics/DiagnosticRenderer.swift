/// Renders diagnostics rustc-style or as JSON. Source lines come from the texts the
/// configuration was actually parsed from, so a snippet is never a guess.
public struct DiagnosticRenderer: Sendable {
    /// Colour or plain; output is terminal-safe either way.
    public var style: TextStyle
    /// File texts by path, as read during resolution.
    public var sources: [String: String]

    /// A renderer; pass the resolution's `sources` so snippets show the real line.
    public init(style: TextStyle = .plain, sources: [String: String] = [:]) {
        self.style = style
        self.sources = sources
    }

    /// All diagnostics, each as rustc-style text, blank-line separated.
    /// Linear in the output: each source text is indexed by line once, however many
    /// diagnostics point into it.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        let index = SourceLines(sources)
        return diagnostics.map { render($0, index) }.joined(separator: "\n")
    }

    /// One diagnostic: headline, location, snippet with carets, notes and help.
    public func render(_ diagnostic: Diagnostic) -> String {
        render(diagnostic, SourceLines(sources))
    }

    private func render(_ diagnostic: Diagnostic, _ index: SourceLines) -> String {
        var lines: [String] = []
        let head = style.severity(diagnostic.severity, diagnostic.severity.rawValue + "[\(diagnostic.code)]")
        lines.append(head + style.bold(": " + diagnostic.message))
        let showSource = !diagnostic.hidesSourceLine
        if let origin = diagnostic.origin {
            lines.append(contentsOf: locationLines(origin, label: nil, showSource: showSource, index))
        }
        for related in diagnostic.related {
            lines.append(contentsOf: locationLines(related.origin, label: related.message, showSource: showSource, index))
        }
        for note in diagnostic.notes {
            lines.append("  " + style.blue("=") + " " + style.bold("note") + ": " + note)
        }
        if let help = diagnostic.help {
            lines.append("  " + style.blue("=") + " " + style.bold("help") + ": " + help)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func locationLines(_ origin: Origin, label: String?, showSource: Bool, _ index: SourceLines) -> [String] {
        let arrow = style.blue(label == nil ? " --> " : " ::: ")
        guard case .file(let location) = origin else {
            return [arrow + origin.description + (label.map { ": \($0)" } ?? "")]
        }
        var lines = [arrow + location.description]
        // A very long line (a 1 MiB value) is not repeated; the location says where it is.
        guard showSource, let sourceLine = index.line(location.line, in: location.path),
              sourceLine.unicodeScalars.count <= 1_000 else {
            if let label { lines.append("  " + style.blue("=") + " " + label) }
            return lines
        }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count + 1)
        let caretStart = max(location.column - 1, 0)
        let spanEnd = location.span.end.line == location.line ? location.span.end.column : sourceLine.unicodeScalars.count + 1
        let caretCount = max(spanEnd - location.column, 1)
        lines.append(gutter + style.blue("|"))
        lines.append(style.blue(number + " |") + " " + sourceLine)
        let carets = String(repeating: " ", count: caretStart) + String(repeating: "^", count: caretCount)
        lines.append(gutter + style.blue("|") + " " + style.severity(label == nil ? .error : .note, carets) + (label.map { " " + $0 } ?? ""))
        return lines
    }

    /// Diagnostics as a JSON array.
    public func json(_ diagnostics: [Diagnostic]) -> JSONValue {
        .array(diagnostics.map(Self.json))
    }

    /// One diagnostic as the JSON object `show`, `check` and `connect` print.
    public static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("message", .string(diagnostic.message)),
            ("setting", JSONValue(diagnostic.setting?.rawValue)),
            ("origin", diagnostic.origin.map(json) ?? .null),
            ("related", .array(diagnostic.related.map { .object([("message", .string($0.message)), ("origin", json($0.origin))]) })),
            ("notes", .array(diagnostic.notes.map { .string($0) })),
            ("help", JSONValue(diagnostic.help)),
        ])
    }

    /// An origin as JSON: `kind` and its fields.
    public static func json(_ origin: Origin) -> JSONValue {
        switch origin {
        case .defaultValue:
            .object([("kind", .string("default"))])
        case .environment(let variable):
            .object([("kind", .string("environment")), ("variable", .string(variable))])
        case .file(let location):
            .object([
                ("kind", .string("file")),
                ("path", .string(location.path)),
                ("line", .int(location.line)),
                ("column", .int(location.column)),
                ("section", JSONValue(location.section)),
                ("scope", .string(location.scope.rawValue)),
            ])
        case .override(let label, let fileID, let line):
            .object([("kind", .string("override")), ("label", .string(label)), ("fileID", .string(fileID)), ("line", .int(line))])
        case .provider(let location):
            .object([
                ("kind", .string("provider")),
                ("provider", .string(location.provider)),
                ("key", .string(location.key)),
                ("section", JSONValue(location.section)),
                ("path", JSONValue(location.file)),
                ("line", location.line.map { .int($0) } ?? .null),
                ("column", location.column.map { .int($0) } ?? .null),
            ])
        }
    }
}

/// Line starts of each source text, found on first use with one pass over its bytes, so the
/// snippet for any line costs only that line.
private final class SourceLines {
    private let sources: [String: String]
    private var starts: [String: [String.UTF8View.Index]] = [:]

    init(_ sources: [String: String]) {
        self.sources = sources
    }

    /// The 1-based `number`th line of the text at `path`, without its terminator.
    func line(_ number: Int, in path: String) -> String? {
        guard let text = sources[path] else { return nil }
        let lineStarts = starts[path] ?? index(text, path)
        guard number >= 1, number <= lineStarts.count else { return nil }
        let utf8 = text.utf8
        let start = lineStarts[number - 1]
        guard start < utf8.endIndex else { return nil }
        var end = number < lineStarts.count ? utf8.index(before: lineStarts[number]) : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        return String(text[start..<end])
    }

    private func index(_ text: String, _ path: String) -> [String.UTF8View.Index] {
        var found = [text.utf8.startIndex]
        var position = text.utf8.startIndex
        while let newline = text.utf8[position...].firstIndex(of: UInt8(ascii: "\n")) {
            position = text.utf8.index(after: newline)
            found.append(position)
        }
        starts[path] = found
        return found
    }
}
