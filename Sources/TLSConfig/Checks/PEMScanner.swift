/// What a PEM file holds, found without OpenSSL: enough to say "this CA file has no
/// certificate" or "this key is encrypted and nothing supplies a passphrase" at resolve time.
public struct PEMSummary: Sendable, Hashable {
    public enum KeyFormat: String, Sendable, Hashable {
        /// `PRIVATE KEY`
        case pkcs8
        /// `ENCRYPTED PRIVATE KEY`
        case encryptedPKCS8 = "encrypted-pkcs8"
        /// `RSA PRIVATE KEY`
        case pkcs1
        /// `EC PRIVATE KEY`
        case sec1
        /// `DSA PRIVATE KEY` and other legacy labels
        case legacy
    }

    public struct Key: Sendable, Hashable {
        public var format: KeyFormat
        public var isEncrypted: Bool
        /// 1-based index among all PEM blocks of the file.
        public var blockIndex: Int
    }

    public var certificates = 0
    public var crls = 0
    public var keys: [Key] = []
    /// Labels of blocks that are neither certificates, CRLs nor keys.
    public var otherLabels: [String] = []
    /// Blocks without an END line or with a body that is not base64.
    public var malformedBlocks = 0
    /// Index (1-based, among blocks) of each certificate block.
    public var certificateBlockIndexes: [Int] = []
    /// No PEM block at all and the bytes start like DER (a PKCS#12 file, say).
    public var looksLikeDER = false

    public var blockCount: Int { certificates + crls + keys.count + otherLabels.count }
}

public enum PEMScanner {
    public static func scan(_ bytes: [UInt8]) -> PEMSummary {
        var summary = PEMSummary()
        let begin = Array("-----BEGIN ".utf8)
        let dashes = Array("-----".utf8)
        var index = 0
        var block = 0
        let ends = endMarkers(in: bytes)
        while let start = find(begin, in: bytes, from: index) {
            let labelStart = start + begin.count
            guard let labelEnd = find(dashes, in: bytes, from: labelStart) else { summary.malformedBlocks += 1; break }
            let label = String(decoding: bytes[labelStart..<labelEnd], as: UTF8.self)
            let endMarker = Array("-----END \(label)-----".utf8)
            let bodyStart = labelEnd + dashes.count
            guard !label.contains("\n"), let end = ends[Array(label.utf8)].flatMap({ first(in: $0, atOrAfter: bodyStart) }) else {
                summary.malformedBlocks += 1
                index = bodyStart
                continue
            }
            block += 1
            index = end + endMarker.count
            let body = bytes[bodyStart..<end]
            let hasHeaders = body.contains(UInt8(ascii: ":"))
            guard isBase64Body(body) else {
                summary.malformedBlocks += 1
                continue
            }
            switch label {
            case "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE":
                summary.certificates += 1
                summary.certificateBlockIndexes.append(block)
            case "X509 CRL":
                summary.crls += 1
            case "PRIVATE KEY":
                summary.keys.append(.init(format: .pkcs8, isEncrypted: false, blockIndex: block))
            case "ENCRYPTED PRIVATE KEY":
                summary.keys.append(.init(format: .encryptedPKCS8, isEncrypted: true, blockIndex: block))
            case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY":
                let format: PEMSummary.KeyFormat = label == "RSA PRIVATE KEY" ? .pkcs1 : label == "EC PRIVATE KEY" ? .sec1 : .legacy
                let encrypted = hasHeaders && find(Array("Proc-Type: 4,ENCRYPTED".utf8), in: Array(body), from: 0) != nil
                summary.keys.append(.init(format: format, isEncrypted: encrypted, blockIndex: block))
            default:
                summary.otherLabels.append(label)
            }
        }
        if block == 0, summary.malformedBlocks == 0, bytes.first == 0x30 {
            summary.looksLikeDER = true
        }
        return summary
    }

    /// Base64 lines, optionally preceded by RFC 1421 headers and a blank line.
    private static func isBase64Body(_ body: ArraySlice<UInt8>) -> Bool {
        // One pass over the bytes, line by line, without allocating: bundles hold thousands of lines.
        var sawData = false
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            lineStart = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
            // RFC 1421 headers (`Proc-Type: ...`) may precede the data.
            if !sawData, line.contains(UInt8(ascii: ":")) { continue }
            var lineHasData = false
            for byte in line {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
                    lineHasData = true
                case UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                    continue
                default:
                    return false
                }
            }
            sawData = sawData || lineHasData
        }
        return sawData
    }

    /// The start of every `-----END LABEL-----` marker, by LABEL, in ascending order, found in one
    /// pass. Searching the input for each block's END marker instead was quadratic: a CA file of
    /// repeated BEGIN lines without END lines took minutes.
    ///
    /// A BEGIN label never contains `-----` nor ends with `-` (it stops at the first `-----`), so
    /// `-----END LABEL-----` occurs at a position exactly when the marker recorded there has LABEL.
    private static func endMarkers(in bytes: [UInt8]) -> [[UInt8]: [Int]] {
        let end = Array("-----END ".utf8)
        let dashes = Array("-----".utf8)
        var markers: [[UInt8]: [Int]] = [:]
        var index = 0
        while let start = find(end, in: bytes, from: index) {
            let labelStart = start + end.count
            guard let labelEnd = find(dashes, in: bytes, from: labelStart) else { break }
            markers[Array(bytes[labelStart..<labelEnd]), default: []].append(start)
            index = start + 1
        }
        return markers
    }

    /// The first of the ascending `positions` that is at least `start`.
    private static func first(in positions: [Int], atOrAfter start: Int) -> Int? {
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < start { low = middle + 1 } else { high = middle }
        }
        return low < positions.count ? positions[low] : nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
