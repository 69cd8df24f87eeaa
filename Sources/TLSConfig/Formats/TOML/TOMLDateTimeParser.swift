/// Reads the four TOML date and time forms (RFC 3339 profiles) from a token's bytes.
///
/// Values are kept as components rather than converted to an instant, so a local time stays
/// local and nothing depends on the machine's time zone. Fractions finer than a nanosecond are
/// truncated, as the TOML specification allows.
enum TOMLDateTimeParser {
    /// Whether a value that starts with a digit is meant as a date or time rather than a number.
    ///
    /// A number never has ':' and never has '-' right after a digit (only after an exponent's
    /// `e`), so either one means the writer meant a date or time; reading it as such gives
    /// messages about the date instead of "unexpected '-'" in a number.
    static func looksLikeDateTime(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Bool {
        guard start < end, TOMLScanner.isDigit(bytes[start]) else { return false }
        var index = start + 1
        while index < end {
            let byte = bytes[index]
            if byte == 0x3A || (byte == 0x2D && TOMLScanner.isDigit(bytes[index - 1])) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether the token is a time of day alone: its first non-digit is ':'.
    private static func isTimeOnly(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end, TOMLScanner.isDigit(bytes[index]) {
            index += 1
        }
        return index < end && bytes[index] == 0x3A
    }

    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) throws(TOMLLexicalError) -> ConfigNode.DateTime {
        var reader = Reader(bytes: bytes, index: start, start: start, end: end)
        if isTimeOnly(bytes, from: start, to: end) {
            var value = ConfigNode.DateTime(kind: .localTime)
            try reader.readTime(into: &value)
            try reader.expectEnd()
            return value
        }
        var value = ConfigNode.DateTime(kind: .localDate)
        try reader.readDate(into: &value)
        if reader.index == end {
            return value
        }
        let separator = bytes[reader.index]
        guard separator == 0x54 || separator == 0x74 || separator == 0x20 else {
            throw reader.failure(
                "expected 'T' or a space between the date and the time, found \(reader.describeCurrent())")
        }
        reader.index += 1
        value.kind = .localDateTime
        try reader.readTime(into: &value)
        if reader.index == end {
            return value
        }
        try reader.readOffset(into: &value)
        try reader.expectEnd()
        return value
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let start: Int
        let end: Int

        func failure(_ reason: String, at offset: Int? = nil) -> TOMLLexicalError {
            TOMLLexicalError(
                "invalid date-time \(TOMLNumberParser.quoted(bytes, start, end)): \(reason)", at: offset ?? index)
        }

        func describeCurrent() -> String {
            guard index < end else { return "the end of the value" }
            let byte = bytes[index]
            if byte > 0x20, byte < 0x7F {
                return "'" + String(Unicode.Scalar(byte)) + "'"
            }
            return byte < 0x80 ? TOMLScanner.controlName(byte) : "a non-ASCII character"
        }

        /// Reads exactly `count` digits; RFC 3339 has no variable-width fields.
        mutating func number(_ count: Int, _ field: String) throws(TOMLLexicalError) -> Int {
            var value = 0
            for offset in 0..<count {
                guard index + offset < end, TOMLScanner.isDigit(bytes[index + offset]) else {
                    throw failure("the \(field) must have exactly \(count) digits", at: index)
                }
                value = value * 10 + Int(bytes[index + offset] - 0x30)
            }
            index += count
            return value
        }

        /// Expects the separator after a field of `digits` digits that has just been read.
        mutating func expect(_ byte: UInt8, after field: String, digits: Int) throws(TOMLLexicalError) {
            guard index < end, bytes[index] == byte else {
                if index < end, TOMLScanner.isDigit(bytes[index]) {
                    throw failure("the \(field) must have exactly \(digits) digits", at: index - digits)
                }
                let needed = "'" + String(Unicode.Scalar(byte)) + "'"
                throw failure("expected \(needed) after the \(field), found \(describeCurrent())")
            }
            index += 1
        }

        func expectEnd() throws(TOMLLexicalError) {
            guard index == end else {
                throw failure("unexpected \(describeCurrent()) after the value")
            }
        }

        mutating func readDate(into value: inout ConfigNode.DateTime) throws(TOMLLexicalError) {
            value.year = try number(4, "year")
            try expect(0x2D, after: "year", digits: 4)
            let monthStart = index
            value.month = try number(2, "month")
            try expect(0x2D, after: "month", digits: 2)
            let dayStart = index
            value.day = try number(2, "day")
            guard (1...12).contains(value.month) else {
                throw failure("month must be 01 to 12", at: monthStart)
            }
            let days = TOMLDateTimeParser.daysIn(month: value.month, year: value.year)
            guard value.day >= 1, value.day <= days else {
                throw failure(
                    "day must be 01 to \(days) in \(TOMLDateTimeParser.monthName(value.month)) \(value.year)",
                    at: dayStart)
            }
        }

        mutating func readTime(into value: inout ConfigNode.DateTime) throws(TOMLLexicalError) {
            let hourStart = index
            value.hour = try number(2, "hour")
            try expect(0x3A, after: "hour", digits: 2)
            let minuteStart = index
            value.minute = try number(2, "minute")
            try expect(0x3A, after: "minute", digits: 2)
            let secondStart = index
            value.second = try number(2, "second")
            guard value.hour <= 23 else { throw failure("hour must be 00 to 23", at: hourStart) }
            guard value.minute <= 59 else { throw failure("minute must be 00 to 59", at: minuteStart) }
            // 60 is a leap second, which RFC 3339 allows.
            guard value.second <= 60 else { throw failure("second must be 00 to 60", at: secondStart) }
            guard index < end, bytes[index] == 0x2E else { return }
            index += 1
            guard index < end, TOMLScanner.isDigit(bytes[index]) else {
                throw failure("expected a digit after the decimal point in the seconds")
            }
            var nanoseconds = 0
            var digits = 0
            while index < end, TOMLScanner.isDigit(bytes[index]) {
                if digits < 9 {
                    nanoseconds = nanoseconds * 10 + Int(bytes[index] - 0x30)
                    digits += 1
                }
                index += 1
            }
            while digits < 9 {
                nanoseconds *= 10
                digits += 1
            }
            value.nanosecond = nanoseconds
        }

        mutating func readOffset(into value: inout ConfigNode.DateTime) throws(TOMLLexicalError) {
            let sign = bytes[index]
            if sign == 0x5A || sign == 0x7A {
                index += 1
                value.kind = .offsetDateTime
                value.offsetMinutes = 0
                return
            }
            guard sign == 0x2B || sign == 0x2D else {
                throw failure("expected 'Z' or a '+hh:mm'/'-hh:mm' offset, found \(describeCurrent())")
            }
            index += 1
            let hourStart = index
            let hours = try number(2, "offset hour")
            try expect(0x3A, after: "offset hour", digits: 2)
            let minuteStart = index
            let minutes = try number(2, "offset minute")
            guard hours <= 23 else { throw failure("offset hour must be 00 to 23", at: hourStart) }
            guard minutes <= 59 else { throw failure("offset minute must be 00 to 59", at: minuteStart) }
            value.kind = .offsetDateTime
            value.offsetMinutes = (hours * 60 + minutes) * (sign == 0x2D ? -1 : 1)
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func monthName(_ month: Int) -> String {
        [
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ][month - 1]
    }
}
