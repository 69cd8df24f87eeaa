/// Whether text output uses ANSI colour. Decided once by the caller from the TTY, `--color`
/// and `NO_COLOR`; renderers only follow it.
public struct TextStyle: Sendable, Hashable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public static let plain = TextStyle(color: false)

    /// Colour when writing to a terminal, unless `NO_COLOR` is set to anything non-empty.
    public static func automatic(isTerminal: Bool, environment: [String: String]) -> TextStyle {
        TextStyle(color: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty)
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
