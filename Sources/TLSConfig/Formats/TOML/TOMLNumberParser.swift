/// Reads TOML integers and floats from a token's bytes.
///
/// The token was cut at the next delimiter, so this checks the whole of it against the TOML
/// grammar (underscores only between digits, no leading zeros, lowercase radix prefixes, no
/// sign on prefixed integers) and reports the first offending byte.
enum TOMLNumberParser {
    enum Number {
        case integer(Int64)
        case float(Double)
    }

    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) throws(TOMLLexicalError) -> Number {
        var index = start
        var negative = false
        var signed = false
        if bytes[index] == 0x2B || bytes[index] == 0x2D {
            signed = true
            negative = bytes[index] == 0x2D
            index += 1
        }
        guard index < end else {
            throw TOMLLexicalError("expected a number after '\(negative ? "-" : "+")'", at: index)
        }
        if end - index == 3 {
            if bytes[index] == 0x69, bytes[index + 1] == 0x6E, bytes[index + 2] == 0x66 {  // inf
                return .float(negative ? -.infinity : .infinity)
            }
            if bytes[index] == 0x6E, bytes[index + 1] == 0x61, bytes[index + 2] == 0x6E {  // nan
                return .float(negative ? -.nan : .nan)
            }
        }
        let lead = bytes[index]
        guard TOMLScanner.isDigit(lead) else {
            throw TOMLLexicalError("invalid number \(quoted(bytes, start, end)): expected a digit", at: index)
        }
        if lead == 0x30, index + 1 < end {
            let radix: UInt64
            let name: String
            switch bytes[index + 1] {
            case 0x78: (radix, name) = (16, "a hexadecimal")
            case 0x6F: (radix, name) = (8, "an octal")
            case 0x62: (radix, name) = (2, "a binary")
            case 0x58, 0x4F, 0x42:
                throw TOMLLexicalError(
                    "invalid number \(quoted(bytes, start, end)): the prefixes 0x, 0o and 0b must be lowercase",
                    at: index + 1)
            default: (radix, name) = (10, "")
            }
            if radix != 10 {
                guard !signed else {
                    throw TOMLLexicalError(
                        "invalid number \(quoted(bytes, start, end)): \(name) integer cannot have a sign",
                        at: start)
                }
                return .integer(try parseRadix(bytes, from: index + 2, to: end, radix: radix, start: start, name: name))
            }
        }

        let integerStart = index
        index = try scanDigits(bytes, from: index, to: end, radix: 10, start: start)
        if bytes[integerStart] == 0x30, index - integerStart > 1 {
            throw TOMLLexicalError(
                "invalid number \(quoted(bytes, start, end)): leading zeros are not allowed", at: integerStart)
        }
        var isFloat = false
        if index < end, bytes[index] == 0x2E {
            isFloat = true
            index += 1
            guard index < end, TOMLScanner.isDigit(bytes[index]) else {
                throw TOMLLexicalError(
                    "invalid number \(quoted(bytes, start, end)): expected a digit after the decimal point", at: index)
            }
            index = try scanDigits(bytes, from: index, to: end, radix: 10, start: start)
        }
        if index < end, bytes[index] == 0x65 || bytes[index] == 0x45 {
            isFloat = true
            index += 1
            if index < end, bytes[index] == 0x2B || bytes[index] == 0x2D {
                index += 1
            }
            guard index < end, TOMLScanner.isDigit(bytes[index]) else {
                throw TOMLLexicalError(
                    "invalid number \(quoted(bytes, start, end)): expected a digit in the exponent", at: index)
            }
            index = try scanDigits(bytes, from: index, to: end, radix: 10, start: start)
        }
        guard index == end else {
            throw TOMLLexicalError(
                "invalid number \(quoted(bytes, start, end)): unexpected \(describe(bytes, index))", at: index)
        }
        if isFloat {
            return .float(try floatValue(bytes, from: start, to: end, negative: negative))
        }
        return .integer(try decimalValue(bytes, from: integerStart, to: end, negative: negative, start: start))
    }

    // MARK: Digits

    /// Skips digits of `radix`, allowing each underscore only between two digits.
    private static func scanDigits(
        _ bytes: UnsafeBufferPointer<UInt8>, from begin: Int, to end: Int, radix: UInt64, start: Int
    ) throws(TOMLLexicalError) -> Int {
        var index = begin
        guard index < end, digitValue(bytes[index], radix: radix) != nil else {
            throw TOMLLexicalError(
                "invalid number \(quoted(bytes, start, end)): expected \(digitName(radix)), found \(describe(bytes, index, end))",
                at: index)
        }
        index += 1
        while index < end {
            let byte = bytes[index]
            if digitValue(byte, radix: radix) != nil {
                index += 1
            } else if byte == 0x5F {
                guard index + 1 < end, digitValue(bytes[index + 1], radix: radix) != nil else {
                    throw TOMLLexicalError(
                        "invalid number \(quoted(bytes, start, end)): an underscore must be between two digits",
                        at: index)
                }
                index += 2
            } else {
                break
            }
        }
        return index
    }

    private static func digitName(_ radix: UInt64) -> String {
        switch radix {
        case 16: "a hexadecimal digit"
        case 8: "an octal digit"
        case 2: "a binary digit"
        default: "a digit"
        }
    }

    private static func digitValue(_ byte: UInt8, radix: UInt64) -> UInt64? {
        let value: UInt64
        switch byte {
        case 0x30...0x39: value = UInt64(byte - 0x30)
        case 0x61...0x66: value = UInt64(byte - 0x61 + 10)
        case 0x41...0x46: value = UInt64(byte - 0x41 + 10)
        default: return nil
        }
        return value < radix ? value : nil
    }

    // MARK: Integers

    private static func parseRadix(
        _ bytes: UnsafeBufferPointer<UInt8>, from begin: Int, to end: Int, radix: UInt64, start: Int, name: String
    ) throws(TOMLLexicalError) -> Int64 {
        let stop = try scanDigits(bytes, from: begin, to: end, radix: radix, start: start)
        guard stop == end else {
            throw TOMLLexicalError(
                "invalid number \(quoted(bytes, start, end)): \(describe(bytes, stop)) is not \(name) digit", at: stop)
        }
        var value: UInt64 = 0
        for index in begin..<end {
            guard let digit = digitValue(bytes[index], radix: radix) else { continue }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            guard !overflow, shifted | digit <= UInt64(Int64.max) else { throw outOfRange(bytes, start, end) }
            value = shifted | digit
        }
        return Int64(value)
    }

    private static func decimalValue(
        _ bytes: UnsafeBufferPointer<UInt8>, from begin: Int, to end: Int, negative: Bool, start: Int
    ) throws(TOMLLexicalError) -> Int64 {
        var magnitude: UInt64 = 0
        for index in begin..<end {
            let byte = bytes[index]
            guard byte != 0x5F else { continue }
            let (scaled, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = scaled.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else { throw outOfRange(bytes, start, end) }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw outOfRange(bytes, start, end) }
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw outOfRange(bytes, start, end) }
        return Int64(magnitude)
    }

    // MARK: Floats

    /// Exactly representable powers of ten, for the fast path below.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Converts an already validated float token.
    ///
    /// With at most 15 significant digits and a power of ten up to 22, the mantissa and the
    /// power are both exact doubles, so one multiplication or division rounds correctly
    /// (Clinger's fast path); everything else goes through the standard library's correctly
    /// rounded conversion.
    private static func floatValue(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, negative: Bool
    ) throws(TOMLLexicalError) -> Double {
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var inFraction = false
        var index = start
        if bytes[index] == 0x2B || bytes[index] == 0x2D {
            index += 1
        }
        var exponent = 0
        scan: while index < end {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39:
                if mantissa != 0 || byte != 0x30 {
                    significantDigits += 1
                    if significantDigits <= 19 {
                        mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                    }
                }
                if inFraction {
                    fractionDigits += 1
                }
            case 0x2E:
                inFraction = true
            case 0x65, 0x45:
                index += 1
                var exponentNegative = false
                if bytes[index] == 0x2B || bytes[index] == 0x2D {
                    exponentNegative = bytes[index] == 0x2D
                    index += 1
                }
                while index < end {
                    let digit = bytes[index]
                    if digit != 0x5F, exponent < 100_000 {
                        exponent = exponent * 10 + Int(digit - 0x30)
                    }
                    index += 1
                }
                if exponentNegative {
                    exponent = -exponent
                }
                break scan
            default:
                break  // underscore
            }
            index += 1
        }
        let scale = exponent - fractionDigits
        if mantissa == 0 {
            return negative ? -0.0 : 0.0
        }
        if significantDigits <= 15, scale >= -22, scale <= 22 {
            let value = scale >= 0 ? Double(mantissa) * powersOfTen[scale] : Double(mantissa) / powersOfTen[-scale]
            return negative ? -value : value
        }
        var text = ""
        text.reserveCapacity(end - start)
        for index in start..<end where bytes[index] != 0x5F {
            text.unicodeScalars.append(Unicode.Scalar(bytes[index]))
        }
        guard let value = Double(text) else {
            throw TOMLLexicalError(
                "invalid number \(quoted(bytes, start, end)): cannot be represented as a float", at: start)
        }
        return value
    }

    // MARK: Messages

    private static func outOfRange(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TOMLLexicalError {
        TOMLLexicalError(
            "integer \(quoted(bytes, start, end)) is out of range for a 64-bit signed integer (-9223372036854775808 to 9223372036854775807)",
            at: start)
    }

    /// The token in quotes, shortened if it is very long.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let limit = min(end, start + 40)
        var cut = limit
        while cut > start, cut < end, bytes[cut] & 0xC0 == 0x80 {
            cut -= 1
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cut]), as: UTF8.self)
        return "'" + text + (cut < end ? "...'" : "'")
    }

    private static func describe(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int = .max) -> String {
        guard index < min(end, bytes.count) else { return "the end of the number" }
        let byte = bytes[index]
        if byte > 0x20, byte < 0x7F {
            return "'" + String(Unicode.Scalar(byte)) + "'"
        }
        if byte < 0x80 {
            return TOMLScanner.controlName(byte)
        }
        let length = UTF8Validation.scalarLength(lead: byte)
        return "'"
            + String(
                decoding: UnsafeBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)]), as: UTF8.self)
            + "'"
    }
}
