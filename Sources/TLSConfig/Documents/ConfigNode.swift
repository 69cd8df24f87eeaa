/// A value read from a configuration file, with the place it was written.
///
/// TOML and YAML readers both produce this tree, so one schema maps either format and every
/// resolved setting can point back at its line and column.
public struct ConfigNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        case dateTime(ConfigDateTime)
        /// YAML `~`, `null` or an empty value; TOML has no null.
        case null
        case array([ConfigNode])
        case table(ConfigTable)
    }

    public var value: Value
    public var span: SourceSpan

    public init(_ value: Value, span: SourceSpan) {
        self.value = value
        self.span = span
    }

    /// The type name used in "expected X, found Y" messages.
    public var typeName: String {
        switch value {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .dateTime: "a date-time"
        case .null: "an empty value"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A table that keeps the order and position of its keys.
public struct ConfigTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keySpan: SourceSpan
        public var value: ConfigNode

        public init(key: String, keySpan: SourceSpan, value: ConfigNode) {
            self.key = key
            self.keySpan = keySpan
            self.value = value
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    public subscript(key: String) -> ConfigNode? {
        entries.first { $0.key == key }?.value
    }

    public func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }
}

/// A TOML date, time or date-time; kept as components so nothing is lost to a time zone.
public struct ConfigDateTime: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case offsetDateTime
        case localDateTime
        case localDate
        case localTime
    }

    public var kind: Kind
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int
    /// Minutes east of UTC; set for `.offsetDateTime` only (`Z` is 0).
    public var offsetMinutes: Int?

    public init(
        kind: Kind, year: Int = 0, month: Int = 0, day: Int = 0,
        hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0,
        offsetMinutes: Int? = nil
    ) {
        self.kind = kind
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.offsetMinutes = offsetMinutes
    }
}
