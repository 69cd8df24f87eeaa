import Glibc
import TLSConfig

/// Whether the system's hashed directory holds exactly the certificates of the system bundle,
/// as `update-ca-certificates` (Debian) and `update-ca-trust` (Red Hat) leave them. Then the
/// store can look CAs up by hash, one file per verification, instead of parsing the whole
/// bundle (about 15 ms for 140 certificates) for every first context.
///
/// The check compares the certificates' PEM bodies as sets: no X.509 parsing, about 1 ms for
/// Debian's store. Its verdict is cached by the identities of the bundle and the directory, and
/// redone when either changes. Anything that does not mirror (missing or extra links, a
/// different certificate, an unreadable file, an empty bundle) answers `nil`, and the bundle is
/// loaded as before. A certificate rewritten in place behind an existing link, without the
/// bundle or the directory changing, is not noticed (`update-ca-certificates` rewrites both).
enum SystemTrustMirror {
    private struct Key: Hashable, Sendable {
        var file: String
        var fileIdentity: FileIdentity
        var directory: String
        var directoryIdentity: FileIdentity
    }

    /// The bundle's certificate count when it is mirrored; `nil` when not.
    private static let verdicts = Locked<[Key: Int?]>([:])

    /// The number of certificates of `file` when `directory` mirrors it, else `nil`.
    static func mirroredCount(
        file: String, fileIdentity: FileIdentity, directory: String, directoryIdentity: FileIdentity,
        maximumFileSize: Int
    ) -> Int? {
        let key = Key(
            file: file, fileIdentity: fileIdentity, directory: directory, directoryIdentity: directoryIdentity)
        if let cached = verdicts.withLock({ $0[key] }) { return cached }
        let verdict = check(file: file, directory: directory, maximumFileSize: maximumFileSize)
        verdicts.withLock { verdicts in
            // Versions of the same paths can never be asked for again.
            verdicts = verdicts.filter { $0.key.file != file || $0.key.directory != directory }
            verdicts[key] = verdict
        }
        return verdict
    }

    static func forgetVerdicts() {
        verdicts.withLock { $0.removeAll() }
    }

    private static func check(file: String, directory: String, maximumFileSize: Int) -> Int? {
        guard case .success(let bundle) = FileInspector.read(file, maximumSize: maximumFileSize),
            let found = bodies(of: bundle.bytes), !found.isEmpty
        else { return nil }
        // Sorted, each certificate once: membership is then a binary search, with no hashing
        // of whole bodies and no input that makes it slower than n log n comparisons.
        var inBundle: [[UInt8]] = []
        for body in found.sorted(by: { compare($0, $1) < 0 })
        where inBundle.last.map({ compare($0, body) != 0 }) ?? true {
            inBundle.append(body)
        }
        var mirrored = [Bool](repeating: false, count: inBundle.count)
        for name in FileInspector.entries(of: directory) where CertificateDirectory.isHashName(name) {
            guard
                case .success(let contents) = FileInspector.read(
                    CertificateDirectory.join(directory, name), maximumSize: maximumFileSize),
                let linked = bodies(of: contents.bytes)
            else { return nil }
            for body in linked {
                // Stop at the first certificate the bundle lacks.
                guard let index = position(of: body, in: inBundle) else { return nil }
                mirrored[index] = true
            }
        }
        return mirrored.allSatisfy { $0 } ? inBundle.count : nil
    }

    /// The base64 body (whitespace removed) of every certificate block of `bytes`, so the
    /// same certificate compares equal however it was wrapped; `nil` for an unterminated block.
    private static func bodies(of bytes: [UInt8]) -> [[UInt8]]? {
        let contents = PEMScanner.scan(bytes)
        guard contents.unterminatedBlocks == 0 else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            contents.blocks.filter { $0.label == "CERTIFICATE" || $0.label == "TRUSTED CERTIFICATE" }.map {
                joinedLines(UnsafeBufferPointer(rebasing: buffer[$0.bodyRange]))
            }
        }
    }

    /// The bytes without blanks (anything up to space: line breaks, CR, tabs). Line by line:
    /// a line is copied whole unless it holds a blank inside, which base64 lines do not.
    private static func joinedLines(_ body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: body.count) { copy, count in
            count = 0
            guard let base = body.baseAddress, let target = copy.baseAddress else { return }
            var position = 0
            while position < body.count {
                let lineEnd =
                    PEMScanner.firstIndex(of: UInt8(ascii: "\n"), in: body, from: position, before: body.count)
                    ?? body.count
                var start = position, stop = lineEnd
                while start < stop, base[start] <= 0x20 { start += 1 }
                while stop > start, base[stop - 1] <= 0x20 { stop -= 1 }
                let line = UnsafeBufferPointer(start: base + start, count: stop - start)
                if line.contains(where: { $0 <= 0x20 }) {
                    for byte in line where byte > 0x20 {
                        target[count] = byte
                        count += 1
                    }
                } else if !line.isEmpty {
                    (target + count).update(from: base + start, count: line.count)
                    count += line.count
                }
                position = lineEnd + 1
            }
        }
    }

    /// Byte order, shorter first on a common prefix.
    private static func compare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        let common = min(lhs.count, rhs.count)
        let order =
            common == 0
            ? 0
            : lhs.withUnsafeBytes { left in
                rhs.withUnsafeBytes { right in Int(memcmp(left.baseAddress!, right.baseAddress!, common)) }
            }
        return order != 0 ? order : lhs.count - rhs.count
    }

    private static func position(of body: [UInt8], in sorted: [[UInt8]]) -> Int? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            let order = compare(sorted[middle], body)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

}
