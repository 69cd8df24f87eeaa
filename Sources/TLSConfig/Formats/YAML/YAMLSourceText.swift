/// The bytes of one YAML file, checked to be UTF-8 before libyaml sees them.
///
/// libyaml reports encoding and control-character problems as a byte offset, not a line and
/// column, so this also turns offsets into positions, counting lines the way libyaml does.
struct YAMLSourceText {
    let bytes: [UInt8]

    init(validating bytes: [UInt8]) throws(ConfigSyntaxError) {
        self.bytes = bytes
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ConfigSyntaxError(
                "the file is UTF-16 encoded; YAML configuration files must be UTF-8",
                at: SourcePosition(line: 1, column: 1), isEncodingError: true
            )
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            throw ConfigSyntaxError(
                "invalid UTF-8 (byte 0x\(byte.count < 2 ? "0" + byte : byte)); YAML configuration files must be UTF-8",
                at: position(ofByteOffset: offset), isEncodingError: true, byteOffset: offset
            )
        }
    }

    /// The character at one of libyaml's mark indexes, which count characters after any byte-order
    /// mark; used to explain an error by what is actually there.
    func scalar(atCharacterIndex target: Int) -> Unicode.Scalar? {
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        var index = 0
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            if index == target { return scalar }
            index += 1
        }
        return nil
    }

    /// Line breaks are LF, CR, CRLF, NEL, LS and PS, as in libyaml's marks, so positions from both
    /// sources agree; a leading byte-order mark takes no column, as libyaml skips it.
    func position(ofByteOffset target: Int) -> SourcePosition {
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let limit = min(target, bytes.count)
        while index < limit {
            let byte = bytes[index]
            let length =
                switch byte {
                case 0xF0...: 4
                case 0xE0...: 3
                case 0xC0...: 2
                default: 1
                }
            let isBreak: Bool
            switch byte {
            case 0x0A:
                isBreak = true
            case 0x0D:
                // CRLF is one break, counted at the LF.
                isBreak = !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)
                if !isBreak {
                    index += 1
                    continue
                }
            case 0xC2:
                isBreak = index + 1 < bytes.count && bytes[index + 1] == 0x85
            case 0xE2:
                isBreak =
                    index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
            default:
                isBreak = false
            }
            if isBreak {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return SourcePosition(line: line, column: column)
    }
}
