/// A value read from a configuration file, with the place it was written.
///
/// TOML and YAML readers both produce this tree, so one schema maps either format and every
/// resolved setting can point back at its line and column.
public struct ConfigNode: Sendable, Equatable {
    /// What a node holds, in the types TOML and YAML share.
    public enum Value: Sendable, Equatable {
        /// A string (YAML plain scalars that are not booleans or null stay strings).
        case string(String)
        /// A TOML integer.
        case integer(Int64)
        /// A TOML float.
        case float(Double)
        /// `true` or `false`.
        case bool(Bool)
        /// A TOML date, time or date-time.
        case dateTime(ConfigNode.DateTime)
        /// YAML `~`, `null` or an empty value; TOML has no null.
        case null
        /// A list, in written order.
        case array([ConfigNode])
        /// A table or mapping.
        case table(ConfigNode.Table)
    }

    /// The value.
    public var value: Value
    /// Where the value was written, for carets.
    public var span: SourceSpan

    /// A node; `span` is where it was written.
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

extension ConfigNode {
    /// A table that keeps the order and position of its keys.
    public struct Table: Sendable, Equatable {
        /// One key and its value, each with its position.
        public struct Entry: Sendable, Equatable {
            /// The key as written (quotes removed).
            public var key: String
            /// Where the key was written.
            public var keySpan: SourceSpan
            /// The value.
            public var value: ConfigNode

            /// An entry.
            public init(key: String, keySpan: SourceSpan, value: ConfigNode) {
                self.key = key
                self.keySpan = keySpan
                self.value = value
            }
        }

        /// Entries in written order; keys are unique.
        public var entries: [Entry]

        /// A table of entries, in order.
        public init(_ entries: [Entry] = []) {
            self.entries = entries
        }

        /// The value for `key`, if present.
        public subscript(key: String) -> ConfigNode? {
            entries.first { $0.key == key }?.value
        }

        /// The entry for `key`, with the key's own position.
        public func entry(_ key: String) -> Entry? {
            entries.first { $0.key == key }
        }
    }
}

package typealias ConfigTable = ConfigNode.Table

extension ConfigNode {
    /// A TOML date, time or date-time; kept as components so nothing is lost to a time zone.
    public struct DateTime: Sendable, Hashable {
        /// Which of TOML's four date-time forms it was.
        public enum Kind: Sendable, Hashable {
            /// `1979-05-27T07:32:00Z`: a moment, with its offset.
            case offsetDateTime
            /// `1979-05-27T07:32:00`: no offset.
            case localDateTime
            /// `1979-05-27`.
            case localDate
            /// `07:32:00`.
            case localTime
        }

        /// The form written.
        public var kind: Kind
        /// Year (0 for local times).
        public var year: Int
        /// Month, 1-12.
        public var month: Int
        /// Day of the month.
        public var day: Int
        /// Hour, 0-23.
        public var hour: Int
        /// Minute.
        public var minute: Int
        /// Second (60 for a leap second).
        public var second: Int
        /// Fraction of the second, in nanoseconds.
        public var nanosecond: Int
        /// Minutes east of UTC; set for `.offsetDateTime` only (`Z` is 0).
        public var offsetMinutes: Int?

        /// A date-time from its components.
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
}

package typealias ConfigDateTime = ConfigNode.DateTime
