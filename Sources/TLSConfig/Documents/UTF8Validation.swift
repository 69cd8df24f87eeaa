/// The one UTF-8 validator: the TOML and YAML readers check a whole document with it once,
/// before parsing.
///
/// Checking up front lets the TOML scanner treat every byte at or above 0x80 as part of a well-formed
/// scalar and copy string contents without decoding them again; it also lets the error name
/// the exact byte offset of the first bad sequence, which a decoder that substitutes U+FFFD
/// would hide.
enum UTF8Validation {
    /// The offset of the first byte of the first malformed sequence, or nil if `bytes` is valid.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var index = 0
        while index < count {
            // Config files are almost all ASCII: test eight bytes per step until a high bit shows up.
            if index &+ 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index &+= 8
                    continue
                }
            }
            let lead = base[index]
            if lead < 0x80 {
                index &+= 1
                continue
            }
            guard let length = sequenceLength(base, at: index, count: count) else { return index }
            index &+= length
        }
        return nil
    }

    /// The same for an array.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset(in: $0) }
    }

    /// The length of the well-formed sequence starting at `index`, following the table in
    /// RFC 3629 section 4 (which also excludes overlong forms, surrogates and values above U+10FFFF).
    private static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default:
            return nil
        }
        guard index + length <= count else { return nil }
        let second = base[index + 1]
        guard second >= low, second <= high else { return nil }
        var offset = 2
        while offset < length {
            guard base[index + offset] & 0xC0 == 0x80 else { return nil }
            offset += 1
        }
        return length
    }

    /// The number of bytes in the scalar whose lead byte is `lead` (1 for ASCII or a stray byte).
    static func scalarLength(lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
