/// One finding about a configuration: structured so it can be rendered as text or JSON,
/// filtered by code, and tested without parsing prose.
public struct Diagnostic: Sendable, Hashable, Error {
    /// How much a finding matters: errors stop a context from being built; warnings and notes do not.
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        /// A fact worth knowing, such as how many CA certificates were loaded.
        case note
        /// Works, but weaker or different from what was probably meant.
        case warning
        /// The configuration cannot be used as it is.
        case error

        /// Notes sort below warnings, warnings below errors.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Another place that explains the finding, such as the other end of an inverted range.
    public struct Related: Sendable, Hashable {
        /// What this place has to do with the finding.
        public var message: String
        /// The place: a file position, a variable or an override.
        public var origin: Origin

        /// A related place and what it contributed.
        public init(_ message: String, origin: Origin) {
            self.message = message
            self.origin = origin
        }
    }

    /// Error, warning or note.
    public var severity: Severity
    /// The stable identifier scripts and tests match on.
    public var code: Diagnostic.Code
    /// One sentence saying what is wrong, quoting paths and values as written.
    public var message: String
    /// The setting concerned, when there is one.
    public var setting: SettingKey?
    /// Where the setting (or the file) came from; `nil` for findings about no one place.
    public var origin: Origin?
    /// Other places that explain the finding, such as the other end of an inverted range.
    public var related: [Related]
    /// Facts that help read the message (`resolved relative to ...`).
    public var notes: [String]
    /// What to do about it.
    public var help: String?
    /// The source line may hold a secret (a passphrase written where its source belongs, or
    /// under a misspelt key), so renderers show where it is but not the line itself.
    public var hidesSourceLine: Bool

    /// A finding; long messages are shortened to their head and tail.
    public init(
        _ severity: Severity,
        _ code: Diagnostic.Code,
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
        self.hidesSourceLine = hidesSourceLine || setting == .clientKeyPassphrase || setting == .keyPassphrase
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
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
    /// The errors only, in order.
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
}

extension Array where Element == Diagnostic {
    /// Identical findings once each, in first-seen order, with a note saying how often they
    /// occurred: a variable listing one bad path 40,000 times gives one error, not 40,000.
    package func grouped() -> [Diagnostic] {
        var firstIndex: [Diagnostic: Int] = [:]
        var counts: [Int] = []
        var unique: [Diagnostic] = []
        for diagnostic in self {
            if let index = firstIndex[diagnostic] {
                counts[index] += 1
            } else {
                firstIndex[diagnostic] = unique.count
                unique.append(diagnostic)
                counts.append(1)
            }
        }
        for index in unique.indices where counts[index] > 1 {
            unique[index].notes.append("reported \(counts[index]) times; shown once")
        }
        return unique
    }
}
