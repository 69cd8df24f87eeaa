/// Whether text output uses ANSI colour. Decided once by the caller from the TTY, `--color`
/// and `NO_COLOR`; renderers only follow it.
public struct TextStyle: Sendable, Hashable {
    /// Whether ANSI colour codes are written.
    public var color: Bool

    /// A style with colour on or off.
    public init(color: Bool) {
        self.color = color
    }

    /// No colour: for files, pipes and tests.
    public static let plain = TextStyle(color: false)

    /// Colour when writing to a terminal, unless `NO_COLOR` is set to anything non-empty.
    /// `TERM=dumb` (Emacs shells, some CI consoles) means the terminal cannot show colour.
    public static func automatic(isTerminal: Bool, environment: [String: String]) -> TextStyle {
        TextStyle(color: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb")
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func blue(_ text: String) -> String { paint(text, "1;34") }
    func green(_ text: String) -> String { paint(text, "32") }

    func severity(_ severity: Diagnostic.Severity, _ text: String) -> String {
        switch severity {
        case .error: paint(text, "1;31")
        case .warning: paint(text, "1;33")
        case .note: paint(text, "1;36")
        }
    }
}

extension TextStyle {
    /// A value from a file, a variable or a server, kept on its line: `terminalSafe` keeps
    /// line feeds (the report's own lines need them), so a value's own become U+240A, as
    /// every other control character does.
    package static func oneLine(_ value: String) -> String {
        guard value.utf8.contains(0x0A) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.map { $0 == "\n" ? "\u{240A}" : $0 }))
    }

    /// The SGR codes `paint` writes; the only escape sequences `terminalSafe` keeps.
    private static let ownColorCodes: Set<String> = ["0", "1", "2", "32", "1;34", "1;31", "1;33", "1;36"]

    /// `text` made safe to write to a terminal: values from files, variables and servers can
    /// hold control characters, and an escape sequence could clear the screen, move the
    /// cursor, hide the text that follows or retitle the window. Every control character
    /// except line feed and tab becomes one visible character (U+2400 control pictures,
    /// U+FFFD for C1), so snippet carets stay aligned; with colour on, the colour sequences
    /// this style writes itself are kept.
    public func terminalSafe(_ text: String) -> String {
        // Most reports hold no control character but line feeds and tabs: returned as they are,
        // without a copy (a report of thousands of findings is megabytes).
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 }) else {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", color, let end = Self.ownColorSequenceEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            switch scalar.value {
            case 0x0A, 0x09: out.append(scalar)
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80..<0xA0: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// The index of the `m` ending `ESC [ CODE m` when CODE is one `paint` writes.
    private static func ownColorSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var code = ""
        var index = start + 2
        while index < scalars.count, index - start < 8 {
            let scalar = scalars[index]
            if scalar == "m" { return ownColorCodes.contains(code) ? index : nil }
            guard scalar == ";" || ("0"..."9").contains(scalar) else { return nil }
            code.unicodeScalars.append(scalar)
            index += 1
        }
        return nil
    }
}
