import Foundation
@_spi(Plumbing) import TLSConfig

/// Locates the toml-test corpus, which lives beside the package as `../shared/toml-test`
/// in CI and in development checkouts, but not in a user's own clone.
enum TOMLCorpus {
    static let root: URL = {
        // #filePath is .../Tests/TLSConfigTests/TOML/<file>.swift; four levels up is the package root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("../shared/toml-test").standardizedFileURL
    }()

    static var testsDirectory: URL { root.appendingPathComponent("tests") }
    static var fileList: URL { testsDirectory.appendingPathComponent("files-toml-1.0.0") }

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: fileList.path)
    }

    /// The relative paths of the TOML documents listed for TOML 1.0.0.
    static func listedDocuments() throws -> (valid: [String], invalid: [String]) {
        let list = try String(contentsOf: fileList, encoding: .utf8)
        var valid: [String] = []
        var invalid: [String] = []
        for line in list.split(whereSeparator: \.isNewline) {
            let path = line.trimmingCharacters(in: .whitespaces)
            guard path.hasSuffix(".toml") else { continue }
            if path.hasPrefix("valid/") {
                valid.append(path)
            } else if path.hasPrefix("invalid/") {
                invalid.append(path)
            }
        }
        return (valid, invalid)
    }
}

/// Compares a parsed document with toml-test's "tagged JSON" (see the corpus's FORMAT.md).
enum TOMLTaggedJSON {
    /// Returns a description of the first difference, or nil when the values match.
    static func difference(expected: Any, actual: ConfigNode.Value, path: String = "") -> String? {
        if let object = expected as? [String: Any] {
            if let type = object["type"] as? String, let value = object["value"] as? String, object.count == 2 {
                return scalarDifference(type: type, value: value, actual: actual, path: path)
            }
            guard case .table(let table) = actual else {
                return "\(path): expected a table, found \(actual)"
            }
            let actualKeys = table.entries.map(\.key)
            if Set(actualKeys) != Set(object.keys) || actualKeys.count != object.count {
                return "\(path): keys differ: expected \(object.keys.sorted()), found \(actualKeys.sorted())"
            }
            for entry in table.entries {
                if let difference = difference(
                    expected: object[entry.key]!, actual: entry.value.value, path: path + "." + entry.key)
                {
                    return difference
                }
            }
            return nil
        }
        if let array = expected as? [Any] {
            guard case .array(let elements) = actual else {
                return "\(path): expected an array, found \(actual)"
            }
            guard elements.count == array.count else {
                return "\(path): expected \(array.count) elements, found \(elements.count)"
            }
            for (index, element) in elements.enumerated() {
                if let difference = difference(expected: array[index], actual: element.value, path: path + "[\(index)]")
                {
                    return difference
                }
            }
            return nil
        }
        return "\(path): unexpected JSON \(expected)"
    }

    private static func scalarDifference(type: String, value: String, actual: ConfigNode.Value, path: String) -> String?
    {
        let mismatch = "\(path): expected \(type) \(value), found \(actual)"
        switch (type, actual) {
        case ("string", .string(let string)):
            return string == value ? nil : mismatch
        case ("integer", .integer(let integer)):
            return Int64(value) == integer ? nil : mismatch
        case ("bool", .bool(let bool)):
            return (value == "true") == bool && (value == "true" || value == "false") ? nil : mismatch
        case ("float", .float(let float)):
            switch value {
            case "nan", "+nan", "-nan": return float.isNaN ? nil : mismatch
            case "inf", "+inf": return float == .infinity ? nil : mismatch
            case "-inf": return float == -.infinity ? nil : mismatch
            default: return Double(value) == float ? nil : mismatch
            }
        case ("datetime", .dateTime(let dateTime)),
            ("datetime-local", .dateTime(let dateTime)),
            ("date-local", .dateTime(let dateTime)),
            ("time-local", .dateTime(let dateTime)):
            guard let expected = TOMLExpectedDateTime(value) else {
                return "\(path): cannot read expected date-time \(value)"
            }
            let kind: ConfigDateTime.Kind =
                switch type {
                case "datetime": .offsetDateTime
                case "datetime-local": .localDateTime
                case "date-local": .localDate
                default: .localTime
                }
            guard dateTime.kind == kind, expected.kind == kind else { return mismatch }
            return expected.matches(dateTime) ? nil : mismatch
        default:
            return mismatch
        }
    }
}

/// An RFC 3339 value from the expected JSON, read independently of the parser under test.
struct TOMLExpectedDateTime {
    var kind: ConfigDateTime.Kind
    var fields = ConfigDateTime(kind: .localDate)

    init?(_ text: String) {
        var date: Substring?
        var time: Substring?
        let scalars = Array(text.unicodeScalars)
        if scalars.count >= 3, scalars[2] == ":" {
            time = Substring(text)
        } else if let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }) {
            date = text[..<separator]
            time = text[text.index(after: separator)...]
        } else {
            date = Substring(text)
        }
        if let date {
            let parts = date.split(separator: "-")
            guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
                return nil
            }
            fields.year = year
            fields.month = month
            fields.day = day
        }
        kind = date == nil ? .localTime : .localDate
        guard var time else { return }
        kind = date == nil ? .localTime : .localDateTime
        if time.hasSuffix("Z") || time.hasSuffix("z") {
            fields.offsetMinutes = 0
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = time[time.index(after: sign)...].split(separator: ":")
            guard offset.count == 2, let hours = Int(offset[0]), let minutes = Int(offset[1]) else { return nil }
            fields.offsetMinutes = (hours * 60 + minutes) * (time[sign] == "-" ? -1 : 1)
            time = time[..<sign]
        }
        if fields.offsetMinutes != nil {
            kind = .offsetDateTime
        }
        var clock = time
        if let dot = time.firstIndex(of: ".") {
            let fraction = time[time.index(after: dot)...].prefix(9)
            fields.nanosecond = Int(fraction.padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0
            clock = time[..<dot]
        }
        let parts = clock.split(separator: ":")
        guard parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]) else {
            return nil
        }
        fields.hour = hour
        fields.minute = minute
        fields.second = second
    }

    /// Offset date-times compare as instants; local values compare field by field.
    func matches(_ actual: ConfigDateTime) -> Bool {
        if kind == .offsetDateTime {
            return Self.instant(fields) == Self.instant(actual)
        }
        return fields.year == actual.year && fields.month == actual.month && fields.day == actual.day
            && fields.hour == actual.hour && fields.minute == actual.minute && fields.second == actual.second
            && fields.nanosecond == actual.nanosecond
    }

    private static func instant(_ value: ConfigDateTime) -> [Int] {
        // Days from the civil date (proleptic Gregorian), then seconds, minus the offset.
        let year = value.month <= 2 ? value.year - 1 : value.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let monthIndex = (value.month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + value.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds =
            days * 86_400 + value.hour * 3600 + value.minute * 60 + value.second - (value.offsetMinutes ?? 0) * 60
        return [seconds, value.nanosecond]
    }
}
