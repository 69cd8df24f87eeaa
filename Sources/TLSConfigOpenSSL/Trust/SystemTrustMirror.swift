import TLSConfig

/// Whether the system's hashed directory holds exactly the certificates of the system bundle,
/// as `update-ca-certificates` (Debian) and `update-ca-trust` (Red Hat) leave them. Then the
/// store can look CAs up by hash, one file per verification, instead of parsing the whole
/// bundle (about 15 ms for 140 certificates) for every first context.
///
/// The check compares the certificates' PEM bodies as sets: no X.509 parsing, about 2.5 ms for
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
    static func mirroredCount(file: String, fileIdentity: FileIdentity, directory: String, directoryIdentity: FileIdentity, maximumFileSize: Int) -> Int? {
        let key = Key(file: file, fileIdentity: fileIdentity, directory: directory, directoryIdentity: directoryIdentity)
        if let cached = verdicts.withLock({ $0[key] }) { return cached }
        let verdict = check(file: file, directory: directory, maximumFileSize: maximumFileSize)
        verdicts.withLock { verdicts in
            // Versions of the same paths can never be asked for again.
            verdicts = verdicts.filter { $0.key.file != file || $0.key.directory != directory }
            verdicts[key] = verdict
        }
        return verdict
    }

    private static func check(file: String, directory: String, maximumFileSize: Int) -> Int? {
        guard case .success(let bundle) = FileInspector.read(file, maximumSize: maximumFileSize) else { return nil }
        var inBundle = Set<[UInt8]>()
        for block in PEMScanner.scan(bundle.bytes).certificateBlocks where block.isWellFormed {
            inBundle.insert(body(of: block, in: bundle.bytes))
        }
        guard !inBundle.isEmpty else { return nil }
        var inDirectory = Set<[UInt8]>()
        for name in FileInspector.entries(of: directory) where CertificateDirectory.isHashName(name) {
            guard case .success(let contents) = FileInspector.read(CertificateDirectory.join(directory, name), maximumSize: maximumFileSize) else { return nil }
            for block in PEMScanner.scan(contents.bytes).certificateBlocks where block.isWellFormed {
                inDirectory.insert(body(of: block, in: contents.bytes))
            }
        }
        return inBundle == inDirectory ? inBundle.count : nil
    }

    /// The base64 body of a block without line breaks, so the same certificate compares equal
    /// however it was wrapped.
    private static func body(of block: PEMBlock, in bytes: [UInt8]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(block.range.count)
        for line in bytes[block.range].split(separator: UInt8(ascii: "\n")) where !line.starts(with: Array("-----".utf8)) {
            body += line.filter { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        }
        return body
    }
}
