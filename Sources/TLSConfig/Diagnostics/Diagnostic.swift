/// One finding about a configuration: structured so it can be rendered as text or JSON,
/// filtered by code, and tested without parsing prose.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        case note
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Another place that explains the finding, such as the other end of an inverted range.
    public struct Related: Sendable, Hashable {
        public var message: String
        public var origin: Origin

        public init(_ message: String, origin: Origin) {
            self.message = message
            self.origin = origin
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var setting: SettingKey?
    public var origin: Origin?
    public var related: [Related]
    /// Facts that help read the message (`resolved relative to ...`).
    public var notes: [String]
    /// What to do about it.
    public var help: String?
    /// The source line may hold a secret (a passphrase written where its source belongs, or
    /// under a misspelt key), so renderers show where it is but not the line itself.
    public var hidesSourceLine: Bool

    public init(
        _ severity: Severity,
        _ code: DiagnosticCode,
        _ message: String,
        setting: SettingKey? = nil,
        origin: Origin? = nil,
        related: [Related] = [],
        notes: [String] = [],
        help: String? = nil,
        hidesSourceLine: Bool = false
    ) {
        self.severity = severity
        self.code = code
        self.message = Self.bounded(message)
        self.setting = setting
        self.origin = origin
        self.related = related
        self.notes = notes.map(Self.bounded)
        self.help = help
        self.hidesSourceLine = hidesSourceLine || setting == .clientKeyPassphrase
    }

    /// Messages quote values and paths as written; a 1 MiB value must not make a 1 MiB
    /// message. Keeps the head and the tail (which says what is wrong) and elides the middle.
    static func bounded(_ text: String) -> String {
        let limit = 1_000
        guard text.count > limit else { return text }
        return "\(text.prefix(limit - 200))…(\(text.count - limit) characters elided)…\(text.suffix(200))"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
}
