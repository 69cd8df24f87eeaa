import Glibc

/// The PEM splitter every reader of PEM uses (the material, the checks, the system-trust
/// mirror): linear in the input, whatever it holds.
///
/// Every first context and every `show` scans the system bundle (about 200 KB), so the byte
/// loops work on the buffer directly: `memchr` finds markers and line ends, and one table
/// classifies base64 bytes.
package enum PEMScanner {
    package static func scan(_ bytes: [UInt8]) -> PEMContents {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)
    private static let procTypeEncrypted = Array("Proc-Type: 4,ENCRYPTED".utf8)

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> PEMContents {
        var contents = PEMContents()
        var index = 0
        let ends = endMarkers(in: bytes)
        var lines = LineCounter()
        while let start = find(begin, in: bytes, from: index) {
            let labelStart = start + begin.count
            guard let labelEnd = find(dashes, in: bytes, from: labelStart) else {
                contents.unterminatedBlocks += 1; break
            }
            let labelBytes = UnsafeBufferPointer(rebasing: bytes[labelStart..<labelEnd])
            let bodyStart = labelEnd + dashes.count
            guard !labelBytes.contains(UInt8(ascii: "\n")),
                let end = ends[Array(labelBytes)].flatMap({ first(in: $0, atOrAfter: bodyStart) })
            else {
                contents.unterminatedBlocks += 1
                index = bodyStart
                continue
            }
            let label = String(decoding: labelBytes, as: UTF8.self)
            let blockEnd = end + Self.end.count + labelBytes.count + dashes.count
            index = blockEnd
            let body = UnsafeBufferPointer(rebasing: bytes[bodyStart..<end])
            let kind: PEMBlock.Kind =
                switch label {
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
            if case .privateKey(let format) = kind, format != .pkcs8, format != .encryptedPKCS8,
                body.contains(UInt8(ascii: ":"))
            {
                encrypted = find(procTypeEncrypted, in: body, from: 0) != nil
            }
            contents.blocks.append(
                PEMBlock(
                    label: label, kind: kind, line: lines.line(at: start, in: bytes), range: start..<blockEnd,
                    bodyRange: bodyStart..<end,
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

        mutating func line(at position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            while offset < position,
                let newline = PEMScanner.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: offset, before: position)
            {
                line += 1
                offset = newline + 1
            }
            offset = max(offset, position)
            return line
        }
    }

    /// What each byte is in a PEM body: 1 base64 data, 2 blank (CR, space, tab), 0 anything else.
    private static let byteClass: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            1
        case UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"): 2
        default: 0
        }
    }

    /// Base64 lines, optionally preceded by RFC 1421 headers and a blank line.
    private static func isBase64Body(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        byteClass.withUnsafeBufferPointer { classes in
            var sawData = false
            var lineStart = 0
            while lineStart < body.count {
                let lineEnd =
                    firstIndex(of: UInt8(ascii: "\n"), in: body, from: lineStart, before: body.count) ?? body.count
                let line = UnsafeBufferPointer(rebasing: body[lineStart..<lineEnd])
                lineStart = lineEnd < body.count ? lineEnd + 1 : lineEnd
                // RFC 1421 headers (`Proc-Type: ...`) may precede the data.
                if !sawData, line.contains(UInt8(ascii: ":")) { continue }
                var seen: UInt8 = 0
                for byte in line {
                    let kind = classes[Int(byte)]
                    if kind == 0 { return false }
                    seen |= kind
                }
                sawData = sawData || seen & 1 != 0
            }
            return sawData
        }
    }

    /// The start of every `-----END LABEL-----` marker, by LABEL, in ascending order, found in one
    /// pass. Searching the input for each block's END marker instead was quadratic: a CA file of
    /// repeated BEGIN lines without END lines took minutes.
    ///
    /// A BEGIN label never contains `-----` nor ends with `-` (it stops at the first `-----`), so
    /// `-----END LABEL-----` occurs at a position exactly when the marker recorded there has LABEL.
    private static func endMarkers(in bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]: [Int]] {
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
        haystack.withUnsafeBufferPointer { find(needle, in: $0, from: start) }
    }

    /// The first `needle` at or after `start`: `memchr` for its first byte, then a compare.
    package static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, let base = haystack.baseAddress else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            guard let hit = memchr(base + index, Int32(needle[0]), haystack.count - needle.count + 1 - index) else {
                return nil
            }
            let position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + position, needle, needle.count) == 0 { return position }
            index = position + 1
        }
        return nil
    }

    /// The first `byte` in `start..<limit`.
    package static func firstIndex(
        of byte: UInt8, in haystack: UnsafeBufferPointer<UInt8>, from start: Int, before limit: Int
    ) -> Int? {
        guard let base = haystack.baseAddress, start < limit else { return nil }
        guard let hit = memchr(base + start, Int32(byte), limit - start) else { return nil }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }
}
