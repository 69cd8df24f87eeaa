/// One component of a (possibly dotted) key, with where it was written.
struct TOMLKey {
    var name: String
    var span: SourceSpan

    /// Spells a key the way it would be written in TOML, so messages can be pasted back.
    static func display(_ name: String) -> String {
        if !name.isEmpty, name.utf8.allSatisfy(TOMLScanner.isBareKeyByte) {
            return name
        }
        var quoted = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\u" + TOMLScanner.hex(scalar.value, digits: 4)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// A dotted path such as `a."b c".d`.
    static func display(path: [String]) -> String {
        path.map { display($0) }.joined(separator: ".")
    }
}
