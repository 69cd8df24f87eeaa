/// Reads the material of a resolution, once, and runs the structural checks on it: every
/// configured path exists, is the right kind of file, is readable and not too large, and its
/// PEM blocks hold what the setting needs; a private key is not readable by others; an
/// encrypted key has a passphrase source that can supply one. Parsing (does the certificate
/// decode, does the key match) belongs to the OpenSSL layer, which works from the same bytes.
/// Each code here is emitted by this type alone.
package struct MaterialLoader {
    var settings: TLSSettings
    var origins: SettingOrigins
    /// Paths as written, by setting, for messages; absent paths are shown as absolute.
    var writtenPaths: [SettingKey: [ResolvedPath]]
    var reader: EnvironmentReader
    var maximumFileSize: Int
    /// The tool's variable prefix, so advice names the variable that works.
    var environmentPrefix: String

    func load() -> (material: Material, diagnostics: [Diagnostic]) {
        var material = Material()
        var diagnostics: [Diagnostic] = []
        let trust = settings.trust
        for path in trust.caFiles {
            guard let file = read(path, setting: .caFile, what: "CA file", into: &diagnostics) else { continue }
            if file.pem.certificates == 0 {
                diagnostics.append(
                    Diagnostic(
                        .error, .caFileWithoutCertificates, "CA file \(quoted(file)) holds no PEM certificate",
                        setting: .caFile, origin: file.origin, notes: contentNotes(file),
                        help: derConversion(file, command: "x509")
                            ?? "point ca-file at a PEM bundle (\"-----BEGIN CERTIFICATE-----\" blocks)"
                    ))
            }
            // A file of keys alone is the error above, whose note counts them.
            if file.pem.certificates > 0, let key = file.pem.keyBlocks.first {
                diagnostics.append(
                    Diagnostic(
                        .warning, .privateKeyInCAFile,
                        "CA file \(quoted(file)) holds a private key (line \(key.line)): a trust bundle is read by every client and often shared or copied",
                        setting: .caFile, origin: file.origin,
                        notes: ["the key is not used for trust; only the certificates are"],
                        help:
                            "remove the \"-----BEGIN \(key.label)-----\" block from the file and keep the key only where its own setting points, with mode 600"
                    ))
            }
            material.caFiles.append(file)
        }
        var emptyDirectories: [MaterialDirectory] = []
        for path in trust.caDirectories {
            guard let directory = readDirectory(path, into: &diagnostics) else { continue }
            material.caDirectories.append(directory)
            if !directory.isHashed, directory.certificates == 0 { emptyDirectories.append(directory) }
        }
        diagnostics += emptyDirectoryFindings(emptyDirectories, material: material)
        if let identity = settings.identity {
            loadIdentity(identity, into: &material, &diagnostics)
        }
        if let path = settings.crlFile, let file = read(path, setting: .crlFile, what: "CRL file", into: &diagnostics) {
            if file.pem.crls == 0 {
                diagnostics.append(
                    Diagnostic(
                        .error, .crlFileWithoutCRL, "CRL file \(quoted(file)) holds no PEM CRL",
                        setting: .crlFile, origin: file.origin, notes: contentNotes(file),
                        help: derConversion(file, command: "crl")
                            ?? "point crl-file at a PEM file with \"-----BEGIN X509 CRL-----\" blocks"
                    ))
            }
            material.crl = file
        }
        return (material, diagnostics)
    }

    /// For a DER file where PEM belongs, the `openssl COMMAND` line that converts it.
    private func derConversion(_ file: MaterialFile, command: String) -> String? {
        guard file.pem.looksLikeDER else { return nil }
        return
            "it is DER: convert it with `openssl \(command) -inform DER -in \(file.path) -out \(file.path).pem` and point \(file.setting) at the .pem file"
    }

    // MARK: - Identity

    private func loadIdentity(
        _ identity: ClientIdentity, into material: inout Material, _ diagnostics: inout [Diagnostic]
    ) {
        let keys = settings.role.identityKeys
        guard
            let certificate = read(
                identity.certificateFile, setting: keys.certificate, what: keys.certificateName, into: &diagnostics)
        else { return }
        material.certificate = certificate
        var keyHolder: MaterialFile?
        if certificate.pem.looksLikeDER {
            // PKCS#12: key and chain inside, decoded by the OpenSSL layer, which may need the passphrase.
            keyHolder = certificate
        } else {
            if certificate.pem.certificates == 0 {
                diagnostics.append(
                    Diagnostic(
                        .error, .clientCertificateWithoutCertificate,
                        "\(keys.certificateName) file \(quoted(certificate)) holds no PEM certificate",
                        setting: keys.certificate, origin: certificate.origin, notes: contentNotes(certificate),
                        help:
                            "\(keys.certificate) must hold the certificate (leaf first, then intermediates), optionally followed by its key"
                    ))
            }
            if let keyPath = identity.keyFile {
                // The same path as the certificate is the same bytes: not read twice.
                let key =
                    keyPath == identity.certificateFile
                    ? certificate.named(
                        by: keys.key, writtenPath: resolvedPath(keyPath, setting: keys.key).written,
                        origin: origins[keys.key])
                    : read(keyPath, setting: keys.key, what: keys.keyName, into: &diagnostics)
                if let key {
                    material.key = key
                    if key.pem.keyBlocks.isEmpty {
                        diagnostics.append(
                            Diagnostic(
                                .error, .keyFileWithoutKey, "key file \(quoted(key)) holds no PEM private key",
                                setting: keys.key, origin: key.origin, notes: contentNotes(key),
                                help: "\(keys.key) must be a PEM private key (PKCS#8, PKCS#1 or SEC1, encrypted or not)"
                            ))
                    } else {
                        keyHolder = key
                    }
                }
            } else if certificate.pem.keyBlocks.isEmpty {
                let fromEnvironment = certificate.origin == .environment(variable: "SSL_CLIENT_CERT")
                diagnostics.append(
                    Diagnostic(
                        .error, .clientKeyMissing,
                        "no private key for the \(keys.certificateName) \(quoted(certificate))",
                        setting: keys.certificate, origin: certificate.origin,
                        notes: ["\(keys.key) is not set, and the certificate file holds no key"],
                        help: fromEnvironment
                            ? "SSL_CLIENT_CERT must name one PEM file holding the certificate and its key (as uv reads it); append the key to it"
                            : "set \(keys.key), or append the key to the certificate file"
                    ))
            } else {
                keyHolder = certificate
            }
        }
        guard let keyHolder else { return }
        permissionCheck(keyHolder, into: &diagnostics)
        let needsPassphrase = keyHolder.pem.looksLikeDER || keyHolder.pem.hasEncryptedKey
        guard let source = identity.passphrase else {
            if keyHolder.pem.hasEncryptedKey {
                diagnostics.append(
                    Diagnostic(
                        .error, .encryptedKeyWithoutPassphrase,
                        "the private key in \(quoted(keyHolder)) is encrypted and no passphrase source is set",
                        setting: keys.passphrase, origin: keyHolder.origin,
                        notes: ["TLSConfig never prompts for a passphrase"],
                        help: Self.passphraseHelp(
                            for: keyHolder.origin, environmentPrefix: environmentPrefix, keys: keys)
                    ))
            }
            return
        }
        guard needsPassphrase else {
            diagnostics.append(
                Diagnostic(
                    .note, .passphraseNotNeeded,
                    "\(keys.passphrase) is set, but the private key in \(quoted(keyHolder)) is not encrypted, so no passphrase is read",
                    setting: keys.passphrase, origin: origins[keys.passphrase],
                    help: "remove \(keys.passphrase), or encrypt the key"
                ))
            return
        }
        material.passphrase = fetch(source, into: &material, &diagnostics)
    }

    /// Where to set a passphrase source so that it pairs with the key from `origin`: the same
    /// place, or, for `SSL_CLIENT_CERT` (which cannot express one), the tool's variable.
    package static func passphraseHelp(
        for origin: Origin?, environmentPrefix: String, keys: IdentityKeys = TLSRole.client.identityKeys
    ) -> String {
        let variable = keys.passphrase.environmentVariable(prefix: environmentPrefix)
        switch origin {
        case .environment(let name) where name == "SSL_CLIENT_CERT":
            return
                "SSL_CLIENT_CERT cannot carry a passphrase: set \(variable)=env:VARIABLE (or file:/path/to/passphrase), or \(keys.passphrase) in a config file"
        case .environment:
            return "set \(variable)=env:VARIABLE or \(variable)=file:/path/to/passphrase"
        case .file(let location):
            let place = location.section.map { "the [hosts.\"\($0)\"] section of \(location.path)" } ?? location.path
            return
                "set \(keys.passphrase) = \"env:VARIABLE\" or \"file:/path/to/passphrase\" in \(place), next to the key"
        case .provider(let location):
            return
                "set \(keys.passphrase) (env:VARIABLE or file:/path/to/passphrase) through \(location.provider), next to the key"
        case .override, .defaultValue, nil:
            return "set \(keys.passphrase) to env:VARIABLE or file:/path/to/passphrase where \(keys.certificate) is set"
        }
    }

    /// The passphrase, read once; a source that cannot supply it is an error here, before
    /// any decoder asks.
    private func fetch(
        _ source: ClientIdentity.Passphrase, into material: inout Material, _ diagnostics: inout [Diagnostic]
    ) -> PassphraseSecret? {
        let keys = settings.role.identityKeys
        let origin = origins[keys.passphrase]
        switch source {
        case .environment(let name):
            guard
                let value = reader.value(
                    name, purpose: "passphrase of the \(keys.keyName) (value never shown)", secret: true)
            else {
                diagnostics.append(
                    Diagnostic(
                        .error, .passphraseUnavailable, "the passphrase variable \(name) is unset or empty",
                        setting: keys.passphrase, origin: origin,
                        help: "export \(name) before running, or point \(keys.passphrase) at a file"
                    ))
                return nil
            }
            return PassphraseSecret(source: source, bytes: Self.firstLine(Array(value.utf8)))
        case .file(let path):
            let written = ResolvedPath(written: path, absolute: path)
            guard
                let file = read(
                    written, setting: keys.passphrase, what: "passphrase file", limit: 64 << 10, into: &diagnostics)
            else {
                return nil
            }
            material.passphraseFile = file
            return PassphraseSecret(source: source, bytes: Self.firstLine(file.bytes))
        }
    }

    /// One rule for both sources: the first line, without its line ending (LF, CRLF or CR), so
    /// `env:` and `file:` give the same passphrase for text written on Windows or Unix.
    private static func firstLine(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }

    private func permissionCheck(_ file: MaterialFile, into diagnostics: inout [Diagnostic]) {
        guard file.mode & 0o044 != 0 else { return }
        diagnostics.append(
            Diagnostic(
                .warning, .privateKeyPermissions,
                "private key \(quoted(file)) is readable by \(file.mode & 0o004 != 0 ? "everyone" : "its group") (mode \(String(file.mode, radix: 8)))",
                setting: file.setting, origin: file.origin,
                help: "chmod 600 \(file.path)"
            ))
    }

    // MARK: - Directories

    private func readDirectory(_ absolute: String, into diagnostics: inout [Diagnostic]) -> MaterialDirectory? {
        let path = resolvedPath(absolute, setting: .caDir)
        let origin = origins[.caDir]
        let facts: FileInspector.Facts
        switch FileInspector.inspect(absolute, expecting: .directory, maximumSize: maximumFileSize) {
        case .success(let found): facts = found
        case .failure(let problem):
            diagnostics.append(
                problem.diagnostic(
                    what: "CA directory", path: path.written, setting: .caDir, origin: origin,
                    notes: resolvedNote(path).map { [$0] } ?? []))
            return nil
        }
        let names = FileInspector.entries(of: absolute)
        // Entries that are not regular files: OpenSSL opens hash links itself when it looks a
        // certificate up, and opening a FIFO blocks the handshake past any timeout.
        var special: [(name: String, kind: String)] = []
        let hashed = CertificateDirectory.isHashed(names)
        if hashed {
            for name in names where CertificateDirectory.isHashName(name) {
                if let kind = FileInspector.specialKind(of: CertificateDirectory.join(absolute, name)),
                    kind != "a directory"
                {
                    special.append((name, kind))
                }
            }
            if special.isEmpty {
                return MaterialDirectory(
                    writtenPath: path.written, path: absolute, origin: origin, identity: facts.identity,
                    isHashed: true, hashLinks: names.count(where: CertificateDirectory.isHashName), files: []
                )
            }
            special = []
        }
        // Unhashed, or hashed with an entry OpenSSL must not open: every regular file that holds
        // a certificate block is read here, as uv and rustls do.
        var files: [MaterialFile] = []
        for name in names {
            let file = CertificateDirectory.join(absolute, name)
            if let kind = FileInspector.specialKind(of: file) {
                if kind != "a directory" { special.append((name, kind)) }
                continue
            }
            guard case .success(let contents) = FileInspector.read(file, maximumSize: maximumFileSize) else { continue }
            let read = MaterialFile(setting: .caDir, writtenPath: file, path: file, origin: origin, contents: contents)
            if !read.pem.certificateBlocks.isEmpty { files.append(read) }
        }
        for entry in special {
            diagnostics.append(
                Diagnostic(
                    .warning, .caDirectorySpecialEntry,
                    "\"\(entry.name)\" in CA directory \"\(path.written)\" is \(entry.kind), not a regular file; it is skipped",
                    setting: .caDir, origin: origin,
                    notes: hashed
                        ? [
                            "the directory's certificates are read up front instead of looked up by OpenSSL, which would open it and could block"
                        ] : [],
                    help: "remove \(CertificateDirectory.join(absolute, entry.name)) from the directory"
                ))
        }
        let directory = MaterialDirectory(
            writtenPath: path.written, path: absolute, origin: origin, identity: facts.identity,
            isHashed: false, hashLinks: 0, files: files
        )
        let certificates = directory.certificates
        if certificates > 0, !hashed {
            diagnostics.append(
                Diagnostic(
                    .note, .caDirectoryNotHashed,
                    "CA directory \"\(path.written)\" has no OpenSSL hash links; its \(certificates) certificate(s) will be loaded one by one",
                    setting: .caDir, origin: origin,
                    help: "run `openssl rehash \(absolute)` to let OpenSSL look certificates up lazily"
                ))
        }
        return directory
    }

    /// An empty CA directory is harmless while the trust group still has certificates from
    /// another entry (a CA file, another directory, the system store with `system+custom`):
    /// environments set `SSL_CERT_DIR` to empty directories for you, and uv, curl, pip and
    /// Python all connect then. Only a group left with nothing to trust is an error.
    private func emptyDirectoryFindings(_ empty: [MaterialDirectory], material: Material) -> [Diagnostic] {
        guard !empty.isEmpty else { return [] }
        let others =
            settings.trust.usesSystemStore
            || material.caFiles.contains { $0.pem.certificates > 0 }
            || material.caDirectories.contains { $0.isHashed || $0.certificates > 0 }
        return empty.map { directory in
            let path = resolvedPath(directory.path, setting: .caDir)
            let variable = directory.origin == .environment(variable: "SSL_CERT_DIR")
            if others {
                return Diagnostic(
                    .warning, .caDirectoryWithoutCertificates,
                    "CA directory \"\(path.written)\" holds no PEM certificate; the other CA sources are used",
                    setting: .caDir, origin: directory.origin, notes: resolvedNote(path).map { [$0] } ?? [],
                    help: variable
                        ? "drop \(directory.path) from SSL_CERT_DIR, or put PEM CA certificates in it"
                        : "remove it from ca-dir, or put PEM CA certificates in it"
                )
            }
            return Diagnostic(
                .error, .caDirectoryWithoutCertificates,
                "CA directory \"\(path.written)\" holds no PEM certificate, and nothing else in the trust group does",
                setting: .caDir, origin: directory.origin, notes: resolvedNote(path).map { [$0] } ?? [],
                help: "put PEM CA certificates in it, or point ca-file at a PEM bundle"
            )
        }
    }

    // MARK: - Files

    private func read(
        _ absolute: String, setting: SettingKey, what: String, into diagnostics: inout [Diagnostic]
    ) -> MaterialFile? {
        read(
            resolvedPath(absolute, setting: setting), setting: setting, what: what, limit: maximumFileSize,
            into: &diagnostics)
    }

    private func read(
        _ path: ResolvedPath, setting: SettingKey, what: String, limit: Int, into diagnostics: inout [Diagnostic]
    ) -> MaterialFile? {
        let origin = origins[setting]
        let result = FileInspector.inspect(path.absolute, expecting: .regularFile, maximumSize: limit)
            .flatMap { _ in FileInspector.read(path.absolute, maximumSize: limit) }
        switch result {
        case .success(let contents):
            return MaterialFile(
                setting: setting, writtenPath: path.written, path: path.absolute, origin: origin, contents: contents)
        case .failure(let problem):
            diagnostics.append(
                problem.diagnostic(
                    what: what, path: path.written, setting: setting, origin: origin,
                    notes: resolvedNote(path).map { [$0] } ?? []))
            return nil
        }
    }

    private func resolvedPath(_ absolute: String, setting: SettingKey) -> ResolvedPath {
        writtenPaths[setting]?.first { $0.absolute == absolute } ?? ResolvedPath(written: absolute, absolute: absolute)
    }

    private func resolvedNote(_ path: ResolvedPath) -> String? {
        if let base = path.base { return "resolved relative to \(base): \(path.absolute)" }
        if path.written != path.absolute { return "resolved to \(path.absolute)" }
        return nil
    }

    private func contentNotes(_ file: MaterialFile) -> [String] {
        var notes: [String] = []
        if let note = resolvedNote(resolvedPath(file.path, setting: file.setting)) { notes.append(note) }
        let pem = file.pem
        if pem.malformedBlocks > 0 {
            notes.append(
                "\(pem.malformedBlocks) PEM block(s) are malformed (no END line, or a body that is not base64)")
        }
        var contents: [String] = []
        if pem.certificates > 0 { contents.append("\(pem.certificates) certificate(s)") }
        if !pem.keyBlocks.isEmpty { contents.append("\(pem.keyBlocks.count) private key(s)") }
        if pem.crls > 0 { contents.append("\(pem.crls) CRL(s)") }
        contents += pem.otherLabels.map { "a \"\($0)\" block" }
        if !contents.isEmpty { notes.append("it holds \(contents.joined(separator: ", "))") }
        if pem.looksLikeDER { notes.append("it looks like DER (binary), not PEM") }
        if pem.blockCount == 0, pem.malformedBlocks == 0, !pem.looksLikeDER { notes.append("no PEM block found") }
        return notes
    }

    private func quoted(_ file: MaterialFile) -> String {
        "\"\(file.writtenPath)\""
    }
}
