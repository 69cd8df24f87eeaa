/// A scalar as written: its text, quoting style and properties.
///
/// The style is kept because typing depends on it: only plain scalars can be booleans or null,
/// so quoting a value is always a way to say "this is text".
struct YAMLScalar: Sendable {
    enum Style: Sendable {
        case plain
        case singleQuoted
        case doubleQuoted
        case literal
        case folded
    }

    var text: String
    var style: Style
    var properties: YAMLNodeProperties

    /// Plain and untagged: the only scalars whose spelling decides their type.
    var isUntaggedPlain: Bool { style == .plain && properties.tag == nil }

    /// Numbers stay strings so a version like `1.10` keeps its spelling and a schema can say
    /// exactly what it expected; YAML 1.1's `yes`/`no`/`on`/`off` stay strings so the schema can
    /// reject them instead of guessing.
    var value: ConfigNode.Value {
        guard isUntaggedPlain else { return .string(text) }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "", "~", "null", "Null", "NULL": return .null
        default: return .string(text)
        }
    }
}
