/// The four TOML string forms.
///
/// Strings without escapes or line breaks are made straight from the source bytes; only the
/// others go through `scratch`. Line breaks inside multi-line strings are normalised to LF, so a
/// file saved with CRLF endings yields the same values as one saved with LF.
extension TOMLScanner {
    /// Reads `"..."` starting at the opening quote.
    mutating func scanBasicString() throws(ConfigSyntaxError) -> String {
        let open = index
        let count = bytes.count
        index &+= 1
        let start = index
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 {
                let value = string(from: start, to: index)
                index &+= 1
                return value
            }
            if byte == 0x5C { break }
            if Self.isControl(byte) { throw controlInSingleLineString(byte, open: open) }
            index &+= 1
        }
        guard index < count else { throw unterminatedString(open: open, delimiter: "\"") }

        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 {
                index &+= 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == 0x5C {
                try scanEscape()
                continue
            }
            if Self.isControl(byte) { throw controlInSingleLineString(byte, open: open) }
            scratch.append(byte)
            index &+= 1
        }
        throw unterminatedString(open: open, delimiter: "\"")
    }

    /// Reads `'...'` starting at the opening quote.
    mutating func scanLiteralString() throws(ConfigSyntaxError) -> String {
        let open = index
        let count = bytes.count
        index &+= 1
        let start = index
        while index < count {
            let byte = bytes[index]
            if byte == 0x27 {
                let value = string(from: start, to: index)
                index &+= 1
                return value
            }
            if Self.isControl(byte) { throw controlInSingleLineString(byte, open: open) }
            index &+= 1
        }
        throw unterminatedString(open: open, delimiter: "'")
    }

    /// Reads `"""..."""` starting at the first opening quote.
    mutating func scanMultilineBasicString() throws(ConfigSyntaxError) -> String {
        try scanMultiline(quote: 0x22)
    }

    /// Reads `'''...'''` starting at the first opening quote.
    mutating func scanMultilineLiteralString() throws(ConfigSyntaxError) -> String {
        try scanMultiline(quote: 0x27)
    }

    private mutating func scanMultiline(quote: UInt8) throws(ConfigSyntaxError) -> String {
        let open = index
        let count = bytes.count
        let escapes = quote == 0x22
        index &+= 3
        // A line break right after the opening delimiter is not part of the value.
        if current == 0x0A {
            index &+= 1
        } else if current == 0x0D, peek(index + 1) == 0x0A {
            index &+= 2
        }
        scratch.removeAll(keepingCapacity: true)
        while index < count {
            // Copy runs of ordinary bytes in one go.
            let runStart = index
            while index < count {
                let byte = bytes[index]
                if byte == quote || (escapes && byte == 0x5C) || Self.isControl(byte) { break }
                index &+= 1
            }
            if index > runStart {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            guard index < count else { break }
            let byte = bytes[index]
            switch byte {
            case quote:
                var run = 1
                while index + run < count, bytes[index + run] == quote {
                    run += 1
                }
                if run >= 3 {
                    // Up to two quotes may sit right before the closing delimiter.
                    guard run <= 5 else {
                        throw error(
                            "too many quotes: a multi-line string ends at the first \(Self.delimiterName(quote, 3)) and may only be followed by two more quotes",
                            at: index + 5)
                    }
                    for _ in 0..<(run - 3) {
                        scratch.append(quote)
                    }
                    index &+= run
                    return String(decoding: scratch, as: UTF8.self)
                }
                for _ in 0..<run {
                    scratch.append(quote)
                }
                index &+= run
            case 0x5C:
                try scanMultilineBackslash()
            case 0x0A:
                scratch.append(0x0A)
                index &+= 1
            case 0x0D:
                guard peek(index + 1) == 0x0A else { throw bareCarriageReturn(at: index) }
                scratch.append(0x0A)
                index &+= 2
            default:
                throw error(
                    "\(Self.controlName(byte)) is not allowed in a string; write it as an escape such as \\u"
                        + Self.hex(UInt32(byte), digits: 4),
                    at: index)
            }
        }
        throw unterminatedString(open: open, delimiter: Self.delimiterName(quote, 3))
    }

    /// Handles a backslash in a multi-line basic string: either an ordinary escape or a
    /// line-ending backslash, which swallows the line break and all whitespace after it.
    private mutating func scanMultilineBackslash() throws(ConfigSyntaxError) {
        let next = peek(index + 1)
        guard next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D else {
            try scanEscape()
            return
        }
        let count = bytes.count
        var cursor = index + 1
        while cursor < count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 {
            cursor += 1
        }
        guard cursor < count, bytes[cursor] == 0x0A || bytes[cursor] == 0x0D else {
            throw error(
                "invalid escape: a backslash followed by whitespace must be the last thing on its line",
                at: index)
        }
        index = cursor
        while index < count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A:
                index &+= 1
            case 0x0D:
                guard peek(index + 1) == 0x0A else { throw bareCarriageReturn(at: index) }
                index &+= 2
            default:
                return
            }
        }
    }

    /// Decodes the escape sequence at the current backslash into `scratch`.
    mutating func scanEscape() throws(ConfigSyntaxError) {
        let start = index
        let code = peek(index + 1)
        let decoded: UInt8
        switch code {
        case 0x62: decoded = 0x08  // \b
        case 0x74: decoded = 0x09  // \t
        case 0x6E: decoded = 0x0A  // \n
        case 0x66: decoded = 0x0C  // \f
        case 0x72: decoded = 0x0D  // \r
        case 0x22: decoded = 0x22  // \"
        case 0x5C: decoded = 0x5C  // \\
        case 0x75, 0x55:  // \uXXXX, \UXXXXXXXX
            index &+= 2
            try scanUnicodeEscape(digits: code == 0x75 ? 4 : 8, start: start)
            return
        default:
            let found: String
            if index + 1 >= bytes.count {
                found = "a backslash at the end of the document"
            } else if Self.isControl(code) || code == 0x20 || code == 0x09 {
                found = "'\\' followed by \(describe(at: index + 1))"
            } else {
                let length = UTF8Validation.scalarLength(lead: code)
                found = "'\\" + string(from: index + 1, to: min(index + 1 + length, bytes.count)) + "'"
            }
            throw error(
                "invalid escape sequence \(found); valid escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX",
                at: start)
        }
        scratch.append(decoded)
        index &+= 2
    }

    private mutating func scanUnicodeEscape(digits: Int, start: Int) throws(ConfigSyntaxError) {
        var value: UInt32 = 0
        for _ in 0..<digits {
            let byte = current
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default:
                let form = digits == 4 ? "\\u" : "\\U"
                throw error(
                    "expected \(digits) hexadecimal digits after \(form), found \(describe(at: index))", at: index)
            }
            value = value << 4 | digit
            index &+= 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(
                "escape \(string(from: start, to: index)) is not a Unicode scalar value (surrogates and values above 10FFFF are not allowed)",
                at: start)
        }
        for unit in scalar.utf8 {
            scratch.append(unit)
        }
    }

    // MARK: Errors

    private mutating func controlInSingleLineString(_ byte: UInt8, open: Int) -> ConfigSyntaxError {
        if byte == 0x0A || byte == 0x0D {
            let delimiter = bytes[open] == 0x22 ? "\"" : "'"
            let hint = delimiter == "\"" ? "\"\"\"" : "'''"
            let openPosition = position(at: open)
            return error(
                "unterminated string: expected closing \(delimiter) before the end of the line (use \(hint) for a multi-line string)",
                at: index, related: openPosition, relatedMessage: "string starts here")
        }
        let escape =
            bytes[open] == 0x22
            ? "write it as an escape such as \\u" + Self.hex(UInt32(byte), digits: 4)
            : "use a basic string with an escape"
        return error("\(Self.controlName(byte)) is not allowed in a string; \(escape)", at: index)
    }

    private mutating func unterminatedString(open: Int, delimiter: String) -> ConfigSyntaxError {
        let openPosition = position(at: open)
        return error(
            "unterminated string: expected closing \(delimiter), found end of document",
            at: bytes.count, related: openPosition, relatedMessage: "string starts here")
    }

    private static func delimiterName(_ quote: UInt8, _ count: Int) -> String {
        String(repeating: quote == 0x22 ? "\"" : "'", count: count)
    }
}
