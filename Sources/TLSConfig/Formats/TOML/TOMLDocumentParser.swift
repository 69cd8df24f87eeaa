/// The TOML grammar: lines, headers, key/value pairs and values.
///
/// A hand-written recursive descent over the scanner's bytes. Table semantics (what may be
/// defined or extended where) live in `TOMLDocumentBuilder`; this type decides what the bytes
/// say and where each thing starts and ends.
struct TOMLDocumentParser {
    private var scanner: TOMLScanner
    private var builder = TOMLDocumentBuilder()

    /// Arrays and inline tables nested deeper than this are rejected rather than risking the
    /// stack; no real configuration comes close.
    static let maximumNesting = 128

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        scanner = TOMLScanner(bytes)
    }

    mutating func parse() throws(ConfigSyntaxError) -> ConfigNode.Table {
        var table = TOMLDocumentBuilder.root
        while true {
            scanner.skipWhitespace()
            guard !scanner.isAtEnd else { break }
            switch scanner.current {
            case 0x0A, 0x0D:
                _ = try scanner.consumeNewline()
                continue
            case 0x23:
                try scanner.skipComment()
                continue
            case 0x5B:
                let header = scanner.index
                table = try parseHeader()
                try expectLineEnd(after: .header(header..<scanner.index))
            default:
                let key = try parseKeyValue(into: table, depth: 0)
                try expectLineEnd(after: .value(key: key))
            }
        }
        return builder.build()
    }

    /// What a line ended with, named only when the line turns out to be malformed.
    private enum Statement {
        case header(Range<Int>)
        case value(key: Range<Int>)
    }

    /// After a statement only whitespace and a comment may follow on the same line.
    private mutating func expectLineEnd(after statement: Statement) throws(ConfigSyntaxError) {
        scanner.skipWhitespace()
        if scanner.isAtEnd { return }
        if scanner.current == 0x23 {
            try scanner.skipComment()
            if scanner.isAtEnd { return }
        }
        guard try scanner.consumeNewline() else {
            let what: String
            switch statement {
            case .header(let header):
                what = "table header " + scanner.string(from: header.lowerBound, to: header.upperBound)
            case .value(let key):
                what = "the value of key " + quotedKeyText(key)
            }
            throw scanner.error(
                "expected a line break after \(what), found \(scanner.describe(at: scanner.index))",
                at: scanner.index)
        }
    }

    /// A key as written in the source, in double quotes unless it has its own.
    private func quotedKeyText(_ range: Range<Int>) -> String {
        let text = scanner.string(from: range.lowerBound, to: range.upperBound)
        return text.contains("\"") ? text : "\"" + text + "\""
    }

    // MARK: Headers

    /// Reads `[a.b]` or `[[a.b]]` and returns the table that following pairs go into.
    private mutating func parseHeader() throws(ConfigSyntaxError) -> Int {
        let startPosition = scanner.position()
        scanner.index += 1
        let isArray = scanner.current == 0x5B
        if isArray {
            scanner.index += 1
        }
        let open = isArray ? "[[" : "["
        let close = isArray ? "]]" : "]"
        scanner.skipWhitespace()
        if scanner.current == 0x5D, !scanner.isAtEnd {
            throw scanner.error("expected a table name after '\(open)', found ']'", at: scanner.index)
        }
        let nameStart = scanner.index
        var table = TOMLDocumentBuilder.root
        var key = try scanner.scanSimpleKey()
        var nameEnd = scanner.index
        while true {
            scanner.skipWhitespace()
            guard scanner.current == 0x2E, !scanner.isAtEnd else { break }
            scanner.index += 1
            scanner.skipWhitespace()
            table = try builder.headerStep(from: table, key: key)
            key = try scanner.scanSimpleKey()
            nameEnd = scanner.index
        }
        guard scanner.current == 0x5D, !scanner.isAtEnd, !isArray || scanner.peek(scanner.index + 1) == 0x5D else {
            var found = scanner.describe(at: scanner.index)
            if isArray, scanner.current == 0x5D, !scanner.isAtEnd {
                var next = scanner.index + 1
                while scanner.peek(next) == 0x20 || scanner.peek(next) == 0x09 {
                    next += 1
                }
                found =
                    scanner.peek(next) == 0x5D && next < scanner.bytes.count
                    ? "'] ]' (the two closing brackets must be written together)"
                    : "a single ']'"
            }
            let name = scanner.string(from: nameStart, to: nameEnd)
            throw scanner.error(
                "expected '\(close)' to close the header \(open)\(name), found \(found)",
                at: scanner.index, related: startPosition, relatedMessage: "header starts here")
        }
        scanner.index += isArray ? 2 : 1
        let span = SourceSpan(start: startPosition, end: scanner.position())
        if isArray {
            return try builder.appendArrayTable(in: table, key: key, headerSpan: span)
        }
        return try builder.defineTable(in: table, key: key, headerSpan: span)
    }

    // MARK: Key/value pairs

    /// Reads `key = value` into `table` and returns where the key was written, for messages.
    private mutating func parseKeyValue(into table: Int, depth: Int) throws(ConfigSyntaxError) -> Range<Int> {
        let pathStart = scanner.index
        let pathStartPosition = scanner.position()
        var target = table
        var key = try scanner.scanSimpleKey()
        var keyEnd = scanner.index
        while true {
            scanner.skipWhitespace()
            guard scanner.current == 0x2E, !scanner.isAtEnd else { break }
            scanner.index += 1
            scanner.skipWhitespace()
            target = try builder.dottedStep(from: target, key: key, pathStart: pathStartPosition)
            key = try scanner.scanSimpleKey()
            keyEnd = scanner.index
        }
        guard scanner.current == 0x3D, !scanner.isAtEnd else {
            throw missingEquals(key: pathStart..<keyEnd)
        }
        try builder.checkNewKey(key, in: target)
        scanner.index += 1
        scanner.skipWhitespace()
        let value = try parseValue(depth: depth, key: pathStart..<keyEnd)
        builder.appendValue(value, key: key, to: target)
        return pathStart..<keyEnd
    }

    private mutating func missingEquals(key: Range<Int>) -> ConfigSyntaxError {
        let quoted = quotedKeyText(key)
        let byte = scanner.current
        if key.upperBound == scanner.index, !scanner.isAtEnd, byte > 0x20, byte != 0x7F, byte != 0x23 {
            // Directly after a bare key: most likely a character that bare keys do not allow.
            return scanner.error(
                "invalid character \(scanner.describe(at: scanner.index)) in key \(quoted); bare keys may only contain A-Z, a-z, 0-9, '_' and '-', so quote this key",
                at: scanner.index)
        }
        return scanner.error(
            "expected '=' after key \(quoted), found \(scanner.describe(at: scanner.index))", at: scanner.index)
    }

    // MARK: Values

    private mutating func parseValue(depth: Int, key: Range<Int>?) throws(ConfigSyntaxError) -> ConfigNode {
        let start = scanner.index
        let startPosition = scanner.position()
        let value: ConfigNode.Value
        let byte = scanner.current
        guard !scanner.isAtEnd else {
            throw scanner.error(missingValueMessage(key: key), at: start)
        }
        switch byte {
        case 0x22:
            if scanner.peek(start + 1) == 0x22, scanner.peek(start + 2) == 0x22 {
                value = .string(try scanner.scanMultilineBasicString())
            } else {
                value = .string(try scanner.scanBasicString())
            }
        case 0x27:
            if scanner.peek(start + 1) == 0x27, scanner.peek(start + 2) == 0x27 {
                value = .string(try scanner.scanMultilineLiteralString())
            } else {
                value = .string(try scanner.scanLiteralString())
            }
        case 0x5B:
            value = try parseArray(depth: depth + 1, startPosition: startPosition)
        case 0x7B:
            value = try parseInlineTable(depth: depth + 1, startPosition: startPosition)
        case 0x30...0x39, 0x2B, 0x2D:
            value = try parseNumberOrDateTime()
        case 0x00...0x1F, 0x7F, 0x23, 0x2C, 0x3D, 0x5D, 0x7D:
            throw scanner.error(missingValueMessage(key: key), at: start)
        default:
            value = try parseKeyword()
        }
        return ConfigNode(value, span: SourceSpan(start: startPosition, end: scanner.position()))
    }

    private func missingValueMessage(key: Range<Int>?) -> String {
        let found = scanner.describe(at: scanner.index)
        if let key {
            return "expected a value after '=' for key \(quotedKeyText(key)), found \(found)"
        }
        return "expected a value, found \(found)"
    }

    /// `true`, `false`, `inf`, `nan`, or a mistake such as an unquoted string.
    private mutating func parseKeyword() throws(ConfigSyntaxError) -> ConfigNode.Value {
        let start = scanner.index
        let end = scanner.tokenEnd(from: start)
        let bytes = scanner.bytes
        let length = end - start
        if length == 4, bytes[start] == 0x74, bytes[start + 1] == 0x72, bytes[start + 2] == 0x75,
            bytes[start + 3] == 0x65
        {
            scanner.index = end
            return .bool(true)
        }
        if length == 5, bytes[start] == 0x66, bytes[start + 1] == 0x61, bytes[start + 2] == 0x6C,
            bytes[start + 3] == 0x73, bytes[start + 4] == 0x65
        {
            scanner.index = end
            return .bool(false)
        }
        if length == 3,
            (bytes[start] == 0x69 && bytes[start + 1] == 0x6E && bytes[start + 2] == 0x66)
                || (bytes[start] == 0x6E && bytes[start + 1] == 0x61 && bytes[start + 2] == 0x6E)
        {
            return try parseNumberOrDateTime()
        }
        let text = TOMLNumberParser.quoted(bytes, start, end)
        let lowered = scanner.string(from: start, to: end).lowercased()
        let hint: String
        if lowered == "true" || lowered == "false" {
            hint = "booleans are written in lower case: true or false"
        } else if lowered == "inf" || lowered == "nan" || lowered == "+inf" || lowered == "-inf"
            || lowered == "infinity"
        {
            hint = "special floats are written inf, +inf, -inf or nan"
        } else if bytes[start] == 0x2E {
            hint = "a float needs a digit before the decimal point"
        } else {
            hint = "strings must be quoted"
        }
        throw scanner.error("invalid value \(text): \(hint)", at: start)
    }

    private mutating func parseNumberOrDateTime() throws(ConfigSyntaxError) -> ConfigNode.Value {
        let start = scanner.index
        let bytes = scanner.bytes
        var end = scanner.tokenEnd(from: start)
        do {
            if TOMLDateTimeParser.looksLikeDateTime(bytes, at: start, end: end) {
                // A date may be followed by a space and a time: `1979-05-27 07:32:00`.
                if end - start == 10, scanner.peek(end) == 0x20, TOMLScanner.isDigit(scanner.peek(end + 1)) {
                    end = scanner.tokenEnd(from: end + 1)
                }
                let value = try TOMLDateTimeParser.parse(bytes, from: start, to: end)
                scanner.index = end
                return .dateTime(value)
            }
            let number = try TOMLNumberParser.parse(bytes, from: start, to: end)
            scanner.index = end
            switch number {
            case .integer(let value): return .integer(value)
            case .float(let value): return .float(value)
            }
        } catch {
            throw scanner.error(error.message, at: error.offset)
        }
    }

    /// Reads `[ ... ]`; line breaks and comments may appear between elements.
    private mutating func parseArray(
        depth: Int, startPosition: SourcePosition
    ) throws(ConfigSyntaxError) -> ConfigNode.Value {
        let open = scanner.index
        try checkNesting(depth, at: open)
        scanner.index += 1
        var elements: [ConfigNode] = []
        while true {
            try scanner.skipWhitespaceCommentsAndNewlines()
            if scanner.isAtEnd {
                throw scanner.error(
                    "unterminated array: expected ']', found end of document",
                    at: scanner.index, related: startPosition, relatedMessage: "array starts here")
            }
            if scanner.current == 0x5D {
                scanner.index += 1
                return .array(elements)
            }
            if scanner.current == 0x2C {
                let message =
                    elements.isEmpty
                    ? "expected a value or ']' in array, found ','"
                    : "expected a value or ']' after ',' in array, found another ','"
                throw scanner.error(message, at: scanner.index)
            }
            elements.append(try parseValue(depth: depth, key: nil))
            try scanner.skipWhitespaceCommentsAndNewlines()
            if scanner.isAtEnd {
                throw scanner.error(
                    "unterminated array: expected ',' or ']', found end of document",
                    at: scanner.index, related: startPosition, relatedMessage: "array starts here")
            }
            switch scanner.current {
            case 0x2C:
                scanner.index += 1
            case 0x5D:
                scanner.index += 1
                return .array(elements)
            default:
                throw scanner.error(
                    "expected ',' or ']' after an array element, found \(scanner.describe(at: scanner.index))",
                    at: scanner.index, related: startPosition, relatedMessage: "array starts here")
            }
        }
    }

    /// Reads `{ ... }`, which in TOML 1.0 must stay on one line and has no trailing comma.
    private mutating func parseInlineTable(
        depth: Int, startPosition: SourcePosition
    ) throws(ConfigSyntaxError) -> ConfigNode.Value {
        let open = scanner.index
        try checkNesting(depth, at: open)
        scanner.index += 1
        let table = builder.beginInlineTable(span: SourceSpan(start: startPosition, end: startPosition))
        scanner.skipWhitespace()
        if scanner.current == 0x7D, !scanner.isAtEnd {
            scanner.index += 1
            return .table(builder.endInlineTable(table))
        }
        while true {
            if scanner.isAtEnd || scanner.current == 0x0A || scanner.current == 0x0D {
                throw inlineTableLineBreak(startPosition)
            }
            if scanner.current == 0x2C || scanner.current == 0x7D {
                throw scanner.error(
                    "expected a key in inline table, found \(scanner.describe(at: scanner.index))", at: scanner.index)
            }
            _ = try parseKeyValue(into: table, depth: depth)
            scanner.skipWhitespace()
            guard !scanner.isAtEnd else { throw inlineTableLineBreak(startPosition) }
            switch scanner.current {
            case 0x2C:
                let comma = scanner.index
                scanner.index += 1
                scanner.skipWhitespace()
                if scanner.current == 0x7D, !scanner.isAtEnd {
                    throw scanner.error(
                        "trailing comma in inline table: TOML 1.0 does not allow a ',' before '}'", at: comma)
                }
            case 0x7D:
                scanner.index += 1
                return .table(builder.endInlineTable(table))
            case 0x0A, 0x0D:
                throw inlineTableLineBreak(startPosition)
            default:
                throw scanner.error(
                    "expected ',' or '}' after a value in inline table, found \(scanner.describe(at: scanner.index))",
                    at: scanner.index, related: startPosition, relatedMessage: "inline table starts here")
            }
        }
    }

    private mutating func inlineTableLineBreak(_ startPosition: SourcePosition) -> ConfigSyntaxError {
        let found = scanner.describe(at: scanner.index)
        return scanner.error(
            "expected '}' to close the inline table, found \(found) (TOML 1.0 inline tables must be on one line)",
            at: scanner.index, related: startPosition, relatedMessage: "inline table starts here")
    }

    private mutating func checkNesting(_ depth: Int, at offset: Int) throws(ConfigSyntaxError) {
        guard depth <= Self.maximumNesting else {
            throw scanner.error(
                "arrays and inline tables are nested more than \(Self.maximumNesting) levels deep", at: offset)
        }
    }
}
