/// One `-----BEGIN LABEL-----` ... `-----END LABEL-----` block of a PEM file, with the line
/// it starts on. Splitting first lets one bad certificate be named by position and line
/// while the others still load, and lets each block go to the matching OpenSSL reader.
struct PEMBlock: Sendable, Hashable {
    var label: String
    /// 1-based line of the BEGIN marker.
    var line: Int
    /// The block's bytes, BEGIN and END lines included.
    var bytes: ArraySlice<UInt8>

    enum Kind: Sendable, Hashable {
        case certificate
        case crl
        case privateKey
        case other
    }

    var kind: Kind {
        switch label {
        case "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE": .certificate
        case "X509 CRL": .crl
        case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY": .privateKey
        default: .other
        }
    }

    /// Every complete block, in file order. Text outside blocks (comments, `Bag Attributes`) is ignored.
    static func split(_ bytes: [UInt8]) -> [PEMBlock] {
        let begin = Array("-----BEGIN ".utf8)
        let dashes = Array("-----".utf8)
        var blocks: [PEMBlock] = []
        var index = 0
        var line = 1
        var lineCountedUpTo = 0
        func lineNumber(at position: Int) -> Int {
            var counter = lineCountedUpTo
            while counter < position {
                if bytes[counter] == UInt8(ascii: "\n") { line += 1 }
                counter += 1
            }
            lineCountedUpTo = position
            return line
        }
        while let start = find(begin, in: bytes, from: index) {
            let labelStart = start + begin.count
            guard let labelEnd = find(dashes, in: bytes, from: labelStart) else { break }
            let label = String(decoding: bytes[labelStart..<labelEnd], as: UTF8.self)
            guard !label.contains("\n") else {
                index = labelStart
                continue
            }
            let endMarker = Array("-----END \(label)-----".utf8)
            guard let end = find(endMarker, in: bytes, from: labelEnd + dashes.count) else {
                index = labelEnd
                continue
            }
            let blockEnd = end + endMarker.count
            blocks.append(PEMBlock(label: label, line: lineNumber(at: start), bytes: bytes[start..<blockEnd]))
            index = blockEnd
        }
        return blocks
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var position = start
        while position <= haystack.count - needle.count {
            if haystack[position] == needle[0], haystack[position..<position + needle.count].elementsEqual(needle) {
                return position
            }
            position += 1
        }
        return nil
    }
}
