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
        lines.append(head + style.bold(": " + TextStyle.oneLine(diagnostic.message)))
        let showSource = !diagnostic.hidesSourceLine
        if let origin = diagnostic.origin {
            lines.append(contentsOf: locationLines(origin, label: nil, showSource: showSource, index))
        }
        for related in diagnostic.related {
            lines.append(
                contentsOf: locationLines(related.origin, label: related.message, showSource: showSource, index))
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
        guard showSource, let sourceLine = index.line(location.line, in: location.path) else {
            if let label { lines.append("  " + style.blue("=") + " " + label) }
            return lines
        }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count + 1)
        let scalarCount = sourceLine.unicodeScalars.count
        let caretStart = min(max(location.column - 1, 0), scalarCount)
        let spanEnd = location.span.end.line == location.line ? location.span.end.column : scalarCount + 1
        let caretCount = max(spanEnd - location.column, 1)
        let snippet = Snippet(sourceLine, caretStart: caretStart, caretCount: caretCount)
        lines.append(gutter + style.blue("|"))
        lines.append(style.blue(number + " |") + " " + snippet.text)
        let carets =
            String(repeating: " ", count: snippet.caretStart) + String(repeating: "^", count: snippet.caretCount)
        lines.append(
            gutter + style.blue("|") + " " + style.severity(label == nil ? .error : .note, carets)
                + (label.map { " " + $0 } ?? ""))
        return lines
    }

    /// One source line as a snippet shows it: at most `width` characters around the carets,
    /// cut with `…`, and every control character (tab and carriage return included) shown as
    /// its visible symbol, one column each, so a line can neither redraw the terminal nor run
    /// for a megabyte.
    struct Snippet {
        static let width = 120
        var text: String
        var caretStart: Int
        var caretCount: Int

        init(_ line: String, caretStart: Int, caretCount: Int) {
            let scalars = Array(line.unicodeScalars)
            var start = 0
            var end = scalars.count
            if scalars.count > Self.width {
                start = max(0, min(caretStart - Self.width / 3, scalars.count - Self.width))
                end = start + Self.width
            }
            var view = String.UnicodeScalarView()
            if start > 0 { view.append("…") }
            for scalar in scalars[start..<end] {
                switch scalar.value {
                case 0x00..<0x20: view.append(Unicode.Scalar(0x2400 + scalar.value)!)
                case 0x7F: view.append("\u{2421}")
                case 0x80..<0xA0: view.append("\u{FFFD}")
                default: view.append(scalar)
                }
            }
            if end < scalars.count { view.append("…") }
            self.text = String(view)
            self.caretStart = caretStart - start + (start > 0 ? 1 : 0)
            self.caretCount = max(1, min(caretCount, end - caretStart))
        }
    }

    /// Diagnostics as the JSON array `show`, `check` and `connect` print, as text.
    public func jsonText(_ diagnostics: [Diagnostic]) -> String {
        json(diagnostics).rendered()
    }

    /// Diagnostics as a JSON array.
    package func json(_ diagnostics: [Diagnostic]) -> JSONValue {
        .array(diagnostics.map(Self.json))
    }

    /// One diagnostic as the JSON object `show`, `check` and `connect` print.
    package static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("message", .string(diagnostic.message)),
            ("setting", JSONValue(diagnostic.setting?.rawValue)),
            ("origin", diagnostic.origin.map(json) ?? .null),
            (
                "related",
                .array(
                    diagnostic.related.map { .object([("message", .string($0.message)), ("origin", json($0.origin))]) })
            ),
            ("notes", .array(diagnostic.notes.map { .string($0) })),
            ("help", JSONValue(diagnostic.help)),
        ])
    }

    /// An origin as JSON: `kind` and its fields.
    package static func json(_ origin: Origin) -> JSONValue {
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
            .object([
                ("kind", .string("override")), ("label", .string(label)), ("fileID", .string(fileID)),
                ("line", .int(line)),
            ])
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
