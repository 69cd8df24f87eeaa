/// A cursor over the bytes of one TOML document.
///
/// It works on UTF-8 bytes with index arithmetic, never on `Character`s, because grapheme
/// breaking would dominate the cost of reading a large file. The bytes were validated as
/// UTF-8 before the scanner was made, so every byte at or above 0x80 is part of a well-formed
/// scalar and can be copied into strings as is.
struct TOMLScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private var tracker = TOMLPositionTracker()
    /// Reused for strings that need unescaping, so each one does not allocate a fresh buffer.
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        scratch.reserveCapacity(256)
    }

    // MARK: Reading bytes

    var isAtEnd: Bool { index >= bytes.count }

    /// The current byte, or 0 at the end. A literal NUL also reads as 0, so code that accepts
    /// the end of the document tests `isAtEnd` rather than comparing with 0.
    var current: UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    func peek(_ offset: Int) -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    func string(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: Positions and errors

    mutating func position(at offset: Int) -> SourcePosition {
        tracker.position(at: offset, in: bytes)
    }

    mutating func position() -> SourcePosition {
        tracker.position(at: index, in: bytes)
    }

    mutating func error(_ message: String, at offset: Int) -> ConfigSyntaxError {
        ConfigSyntaxError(message, at: position(at: offset))
    }

    mutating func error(
        _ message: String, at offset: Int, related: SourcePosition, relatedMessage: String
    ) -> ConfigSyntaxError {
        ConfigSyntaxError(message, at: position(at: offset), related: related, relatedMessage: relatedMessage)
    }

    /// Names the byte at `offset` for "found ..." in messages.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of document" }
        let byte = bytes[offset]
        switch byte {
        case 0x0A: return "end of line"
        case 0x0D: return peek(offset + 1) == 0x0A ? "end of line" : "carriage return (U+000D)"
        case 0x09: return "tab"
        case 0x20: return "space"
        case 0x00..<0x20, 0x7F: return Self.controlName(byte)
        case 0x27: return "\"'\""
        case 0x21..<0x7F: return "'" + String(UnicodeScalar(byte)) + "'"
        default:
            let length = UTF8Validation.scalarLength(lead: byte)
            return "'" + string(from: offset, to: min(offset + length, bytes.count)) + "'"
        }
    }

    /// Names a control character for "not allowed" messages.
    static func controlName(_ byte: UInt8) -> String {
        "control character U+" + hex(UInt32(byte), digits: 4)
    }

    /// Upper-case hexadecimal with leading zeros, as in `U+000B` or `0xFF`.
    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    // MARK: Whitespace, comments and newlines

    mutating func skipWhitespace() {
        let count = bytes.count
        var index = self.index
        while index < count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 else { break }
            index &+= 1
        }
        self.index = index
    }

    /// Skips a comment that starts at the current `#`, stopping before its line break.
    mutating func skipComment() throws(ConfigSyntaxError) {
        let count = bytes.count
        index &+= 1
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F {
                if byte == 0x0A { return }
                if byte == 0x0D {
                    guard peek(index + 1) == 0x0A else { throw bareCarriageReturn(at: index) }
                    return
                }
                if byte != 0x09 {
                    throw error("\(Self.controlName(byte)) is not allowed in a comment", at: index)
                }
            }
            index &+= 1
        }
    }

    /// Consumes LF or CRLF; returns false (consuming nothing) for anything else.
    mutating func consumeNewline() throws(ConfigSyntaxError) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case 0x0A:
            index &+= 1
            return true
        case 0x0D:
            guard peek(index + 1) == 0x0A else { throw bareCarriageReturn(at: index) }
            index &+= 2
            return true
        default:
            return false
        }
    }

    /// Skips whitespace, comments and line breaks, as allowed between array elements.
    mutating func skipWhitespaceCommentsAndNewlines() throws(ConfigSyntaxError) {
        while true {
            skipWhitespace()
            guard index < bytes.count else { return }
            switch bytes[index] {
            case 0x23: try skipComment()
            case 0x0A, 0x0D: _ = try consumeNewline()
            default: return
            }
        }
    }

    mutating func bareCarriageReturn(at offset: Int) -> ConfigSyntaxError {
        error("carriage return (U+000D) must be followed by a line feed", at: offset)
    }

    // MARK: Tokens

    /// Where a number, date-time or keyword that starts at `start` ends.
    ///
    /// Taking everything up to the next delimiter (rather than only the characters a number may
    /// contain) lets `1__2` or `truex` be reported whole, instead of as a confusing error about
    /// the byte after a valid prefix.
    func tokenEnd(from start: Int) -> Int {
        let count = bytes.count
        var index = start
        while index < count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x5D, 0x7D, 0x23: return index
            default: index &+= 1
            }
        }
        return index
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D: true
        default: false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    /// Reads one bare or quoted key component.
    mutating func scanSimpleKey() throws(ConfigSyntaxError) -> TOMLKey {
        let start = index
        let startPosition = position(at: start)
        let name: String
        let first = current
        if index < bytes.count, Self.isBareKeyByte(first) {
            let count = bytes.count
            var end = index &+ 1
            while end < count, Self.isBareKeyByte(bytes[end]) {
                end &+= 1
            }
            name = string(from: index, to: end)
            index = end
        } else if index < bytes.count, first == 0x22 || first == 0x27 {
            if peek(index + 1) == first, peek(index + 2) == first {
                throw error("a key cannot be a multi-line string; use a single-line quoted key", at: index)
            }
            name = first == 0x22 ? try scanBasicString() : try scanLiteralString()
        } else {
            throw error(expectedKeyMessage(at: index), at: index)
        }
        return TOMLKey(name: name, span: SourceSpan(start: startPosition, end: position()))
    }

    func expectedKeyMessage(at offset: Int) -> String {
        let found = describe(at: offset)
        let byte = peek(offset)
        if offset < bytes.count, byte > 0x20, byte != 0x7F, byte != 0x23, byte != 0x3D, byte != 0x2E, byte != 0x5B,
            byte != 0x5D
        {
            return
                "expected a key, found \(found); bare keys may only contain A-Z, a-z, 0-9, '_' and '-', so quote this key"
        }
        return "expected a key, found \(found)"
    }
}
