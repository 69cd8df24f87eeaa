/// The one PEM splitter: linear in the input, whatever it holds.
package enum PEMScanner {
    package static func scan(_ bytes: [UInt8]) -> PEMContents {
        var contents = PEMContents()
        let begin = Array("-----BEGIN ".utf8)
        let dashes = Array("-----".utf8)
        var index = 0
        let ends = endMarkers(in: bytes)
        var lines = LineCounter()
        while let start = find(begin, in: bytes, from: index) {
            let labelStart = start + begin.count
            guard let labelEnd = find(dashes, in: bytes, from: labelStart) else { contents.unterminatedBlocks += 1; break }
            let labelBytes = bytes[labelStart..<labelEnd]
            let bodyStart = labelEnd + dashes.count
            guard !labelBytes.contains(UInt8(ascii: "\n")), let end = ends[Array(labelBytes)].flatMap({ first(in: $0, atOrAfter: bodyStart) }) else {
                contents.unterminatedBlocks += 1
                index = bodyStart
                continue
            }
            let label = String(decoding: labelBytes, as: UTF8.self)
            let blockEnd = end + "-----END ".utf8.count + labelBytes.count + dashes.count
            index = blockEnd
            let body = bytes[bodyStart..<end]
            let kind: PEMBlock.Kind = switch label {
            case "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE": .certificate
            case "X509 CRL": .crl
            case "PRIVATE KEY": .privateKey(.pkcs8)
            case "ENCRYPTED PRIVATE KEY": .privateKey(.encryptedPKCS8)
            case "RSA PRIVATE KEY": .privateKey(.pkcs1)
            case "EC PRIVATE KEY": .privateKey(.sec1)
            case "DSA PRIVATE KEY": .privateKey(.legacy)
            default: .other
            }
            var encrypted = label == "ENCRYPTED PRIVATE KEY"
            if case .privateKey(let format) = kind, format != .pkcs8, format != .encryptedPKCS8, body.contains(UInt8(ascii: ":")) {
                encrypted = find(Array("Proc-Type: 4,ENCRYPTED".utf8), in: Array(body), from: 0) != nil
            }
            contents.blocks.append(PEMBlock(
                label: label, kind: kind, line: lines.line(at: start, in: bytes), range: start..<blockEnd,
                isWellFormed: isBase64Body(body), isEncrypted: encrypted
            ))
        }
        if contents.blocks.isEmpty, contents.unterminatedBlocks == 0, bytes.first == 0x30 {
            contents.looksLikeDER = true
        }
        return contents
    }

    /// Line numbers for ascending offsets, counted once over the bytes.
    private struct LineCounter {
        var offset = 0
        var line = 1

        mutating func line(at position: Int, in bytes: [UInt8]) -> Int {
            while offset < position {
                if bytes[offset] == UInt8(ascii: "\n") { line += 1 }
                offset += 1
            }
            return line
        }
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

    package static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
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
