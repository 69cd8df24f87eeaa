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

    static func forgetVerdicts() {
        verdicts.withLock { $0.removeAll() }
    }

    private static func check(file: String, directory: String, maximumFileSize: Int) -> Int? {
        guard case .success(let bundle) = FileInspector.read(file, maximumSize: maximumFileSize) else { return nil }
        var inBundle = Set<[UInt8]>()
        guard collectBodies(bundle.bytes, into: &inBundle), !inBundle.isEmpty else { return nil }
        var inDirectory = Set<[UInt8]>()
        for name in FileInspector.entries(of: directory) where CertificateDirectory.isHashName(name) {
            guard case .success(let contents) = FileInspector.read(CertificateDirectory.join(directory, name), maximumSize: maximumFileSize),
                  collectBodies(contents.bytes, into: &inDirectory) else { return nil }
            // Stop at the first certificate the bundle lacks.
            if inDirectory.count > inBundle.count { return nil }
        }
        return inBundle == inDirectory ? inBundle.count : nil
    }

    /// Adds the base64 body (whitespace removed) of every certificate block of `bytes`, so the
    /// same certificate compares equal however it was wrapped. A plain scan for the markers:
    /// this runs over the whole system store, and full PEM validation is the decoders' job.
    /// `false` for an unterminated block.
    private static func collectBodies(_ bytes: [UInt8], into bodies: inout Set<[UInt8]>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while let begin = PEMScanner.find(Self.begin, in: buffer, from: offset) {
                guard let lineEnd = PEMScanner.firstIndex(of: UInt8(ascii: "\n"), in: buffer, from: begin, before: buffer.count),
                      let end = PEMScanner.find(Self.end, in: buffer, from: lineEnd) else { return false }
                let label = UnsafeBufferPointer(rebasing: buffer[begin..<lineEnd])
                if label.starts(with: Self.certificateMarker) || label.starts(with: Self.trustedMarker) {
                    var body: [UInt8] = []
                    body.reserveCapacity(end - lineEnd)
                    for index in lineEnd..<end where base[index] > 0x20 { body.append(base[index]) }
                    bodies.insert(body)
                }
                offset = end + Self.end.count
            }
            return true
        }
    }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let certificateMarker = Array("-----BEGIN CERTIFICATE-----".utf8)
    private static let trustedMarker = Array("-----BEGIN TRUSTED CERTIFICATE-----".utf8)
}
