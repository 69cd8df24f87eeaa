internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// Reads an identity in every layout uv accepts in `SSL_CLIENT_CERT` (combined PEM with the
/// key before or after the certificates; PKCS#8, PKCS#1 or SEC1 keys, encrypted or not),
/// a separate key file, or PKCS#12. Each file is read once; OpenSSL parses from memory.
struct IdentityLoader {
    var origins: SettingOrigins
    var environment: [String: String]
    var maximumFileSize: Int
    /// "client" or "server", for messages.
    var role: String = "client"

    private var certificateOrigin: Origin? { origins[.clientCert] }
    private var files: SettingFile { SettingFile(maximumSize: maximumFileSize) }

    func load(_ identity: ClientIdentity) -> LoadedIdentity {
        var loaded = LoadedIdentity()
        let bytes: [UInt8]
        switch files.read(identity.certificateFile, what: "\(role) certificate", setting: .clientCert, origin: certificateOrigin) {
        case .success(let read): bytes = read
        case .failure(let diagnostic):
            loaded.diagnostics.append(diagnostic)
            return loaded
        }
        let passphrase = PassphraseProvider(
            source: identity.passphrase, environment: environment,
            origin: origins[.clientKeyPassphrase], maximumFileSize: maximumFileSize
        )
        let blocks = PEMBlock.split(bytes)
        if blocks.isEmpty, bytes.first == 0x30 {
            loadPKCS12(bytes, path: identity.certificateFile, passphrase: passphrase, into: &loaded)
        } else {
            loadCertificates(blocks, path: identity.certificateFile, into: &loaded)
            loadKey(identity, certificateBlocks: blocks, passphrase: passphrase, into: &loaded)
        }
        checkKeyMatches(identity, &loaded)
        return loaded
    }

    // MARK: - PEM

    private func loadCertificates(_ blocks: [PEMBlock], path: String, into loaded: inout LoadedIdentity) {
        let certificateBlocks = blocks.filter { $0.kind == .certificate }
        guard !certificateBlocks.isEmpty else {
            loaded.diagnostics.append(Diagnostic(
                .error, .clientCertificateWithoutCertificate, "\(role) certificate file \(quoted(path)) holds no PEM certificate",
                setting: .clientCert, origin: certificateOrigin,
                help: "the file must hold the certificate (leaf first, then intermediates), optionally with its key, or be PKCS#12"
            ))
            return
        }
        for (position, block) in certificateBlocks.enumerated() {
            switch OwnedCertificate.parse(pem: block) {
            case .success(let certificate):
                loaded.certificates.append(certificate)
                loaded.certificateLines.append(block.line)
            case .failure(let failure):
                loaded.diagnostics.append(Diagnostic(
                    .error, .certificateUnparseable,
                    "certificate \(position + 1) of \(certificateBlocks.count) in \(quoted(path)) (line \(block.line)) does not parse: \(failure.message)",
                    setting: .clientCert, origin: certificateOrigin
                ))
            }
        }
    }

    private func loadKey(_ identity: ClientIdentity, certificateBlocks: [PEMBlock], passphrase: PassphraseProvider, into loaded: inout LoadedIdentity) {
        let keySetting: SettingKey = identity.keyFile == nil ? .clientCert : .clientKey
        let keyOrigin = origins[keySetting] ?? certificateOrigin
        let path = identity.effectiveKeyFile
        var blocks = certificateBlocks
        if let keyFile = identity.keyFile, keyFile != identity.certificateFile {
            switch files.read(keyFile, what: "\(role) key", setting: .clientKey, origin: keyOrigin) {
            case .success(let bytes): blocks = PEMBlock.split(bytes)
            case .failure(let diagnostic):
                loaded.diagnostics.append(diagnostic)
                return
            }
        }
        guard let block = blocks.first(where: { $0.kind == .privateKey }) else {
            loaded.diagnostics.append(identity.keyFile == nil
                ? Diagnostic(
                    .error, .clientKeyMissing, "\(role) certificate file \(quoted(path)) holds no private key",
                    setting: .clientCert, origin: keyOrigin,
                    help: "append the key to the file, or name it with client-key"
                )
                : Diagnostic(
                    .error, .keyFileWithoutKey, "key file \(quoted(path)) holds no PEM private key",
                    setting: .clientKey, origin: keyOrigin,
                    help: "client-key must hold a PEM key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)"
                ))
            return
        }
        OpenSSLErrorQueue.clear()
        let parsed = withExtendedLifetime(passphrase) {
            MemoryBIO.with(block.bytes) { bio in
                PEM_read_bio_PrivateKey_ex(bio, nil, supplyPassphrase, Unmanaged.passUnretained(passphrase).toOpaque(), nil, nil)
            }
        }
        if let key = parsed ?? nil {
            OpenSSLErrorQueue.clear()
            loaded.key = OwnedPrivateKey(taking: key)
            return
        }
        let errors = OpenSSLErrorQueue.drain()
        loaded.diagnostics.append(passphraseDiagnostic(passphrase, keyPath: path, keySetting: keySetting, keyOrigin: keyOrigin)
            ?? Diagnostic(
                .error, .privateKeyUnreadable,
                "the private key in \(quoted(path)) (line \(block.line), \(block.label)) cannot be read: \(OpenSSLErrorQueue.render(errors, fallback: "unsupported key"))",
                setting: keySetting, origin: keyOrigin
            ))
    }

    /// When decoding asked for a passphrase, the failure is about the passphrase.
    private func passphraseDiagnostic(_ passphrase: PassphraseProvider, keyPath: String, keySetting: SettingKey, keyOrigin: Origin?) -> Diagnostic? {
        guard passphrase.wasRequested else { return nil }
        switch passphrase.secret {
        case .notConfigured:
            return Diagnostic(
                .error, .encryptedKeyWithoutPassphrase, "the private key in \(quoted(keyPath)) is encrypted and no passphrase is configured",
                setting: keySetting, origin: keyOrigin,
                help: "set client-key-passphrase to env:NAME or file:PATH"
            )
        case .unavailable(let diagnostic):
            return diagnostic
        case .available:
            let source = passphrase.source.map { " from \($0)" } ?? ""
            return Diagnostic(
                .error, .wrongPassphrase, "the passphrase\(source) does not decrypt the private key in \(quoted(keyPath))",
                setting: .clientKeyPassphrase, origin: origins[.clientKeyPassphrase],
                related: keyOrigin.map { [Diagnostic.Related("the encrypted key", origin: $0)] } ?? [],
                help: "check the passphrase source; the passphrase itself is never shown"
            )
        }
    }

    // MARK: - PKCS#12

    private func loadPKCS12(_ bytes: [UInt8], path: String, passphrase: PassphraseProvider, into loaded: inout LoadedIdentity) {
        if case .unavailable(let diagnostic) = passphrase.secret {
            loaded.diagnostics.append(diagnostic)
            return
        }
        OpenSSLErrorQueue.clear()
        guard let bundle = MemoryBIO.with(bytes, { d2i_PKCS12_bio($0, nil) }) ?? nil else {
            loaded.diagnostics.append(Diagnostic(
                .error, .pkcs12Unreadable,
                "\(quoted(path)) is neither PEM nor a PKCS#12 file: \(OpenSSLErrorQueue.drainedText(fallback: "not DER PKCS#12"))",
                setting: .clientCert, origin: certificateOrigin
            ))
            return
        }
        defer { PKCS12_free(bundle) }
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var authorities: OpaquePointer?
        enum Outcome { case parsed, wrongPassphrase, failed }
        let outcome: Outcome = passphrase.withPassphrase { pass, length in
            if PKCS12_mac_present(bundle) == 1 {
                let macVerified = PKCS12_verify_mac(bundle, pass, Int32(length)) == 1
                    || (length == 0 && PKCS12_verify_mac(bundle, nil, 0) == 1)
                guard macVerified else { return .wrongPassphrase }
            }
            return PKCS12_parse(bundle, pass, &key, &certificate, &authorities) == 1 ? .parsed : .failed
        }
        defer { if let authorities { ctls_sk_X509_pop_free(authorities) } }
        guard outcome == .parsed, let certificate else {
            if let key { EVP_PKEY_free(key) }
            if let certificate { X509_free(certificate) }
            let errors = OpenSSLErrorQueue.drain()
            if outcome == .wrongPassphrase, var diagnostic = passphraseDiagnostic(passphrase, keyPath: path, keySetting: .clientCert, keyOrigin: certificateOrigin) {
                if case .notConfigured = passphrase.secret {
                    diagnostic.message = "the PKCS#12 file \(quoted(path)) is protected by a passphrase and none is configured"
                }
                loaded.diagnostics.append(diagnostic)
            } else if outcome == .parsed {
                // PKCS12_parse succeeds without a leaf when no certificate is paired with a
                // key (an export with -nokeys): its certificates all land in `authorities`.
                loaded.diagnostics.append(Diagnostic(
                    .error, .clientKeyMissing,
                    "the PKCS#12 file \(quoted(path)) holds no private key, so no client certificate paired with one",
                    setting: .clientCert, origin: certificateOrigin,
                    help: "export it with its key: openssl pkcs12 -export -in CERT -inkey KEY ..."
                ))
            } else {
                let legacy = errors.contains { $0.reason?.contains("unsupported") == true }
                loaded.diagnostics.append(Diagnostic(
                    .error, .pkcs12Unreadable,
                    "the PKCS#12 file \(quoted(path)) cannot be read: \(OpenSSLErrorQueue.render(errors, fallback: "unknown error"))",
                    setting: .clientCert, origin: certificateOrigin,
                    notes: legacy ? ["it probably uses legacy algorithms (RC2, 3DES) that OpenSSL 3 disables by default"] : [],
                    help: legacy ? "re-export it: openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 ..." : nil
                ))
            }
            return
        }
        OpenSSLErrorQueue.clear()
        loaded.certificates.append(OwnedCertificate(taking: certificate))
        if let authorities {
            for index in 0..<ctls_sk_X509_num(authorities) {
                if let extra = ctls_sk_X509_value(authorities, index) {
                    loaded.certificates.append(OwnedCertificate(borrowing: extra))
                }
            }
        }
        if let key {
            loaded.key = OwnedPrivateKey(taking: key)
        } else {
            loaded.diagnostics.append(Diagnostic(
                .error, .clientKeyMissing, "the PKCS#12 file \(quoted(path)) holds no private key",
                setting: .clientCert, origin: certificateOrigin
            ))
        }
    }

    // MARK: - Pairing

    private func checkKeyMatches(_ identity: ClientIdentity, _ loaded: inout LoadedIdentity) {
        guard let key = loaded.key, let leaf = loaded.leaf, !key.matches(leaf) else { return }
        let keySetting: SettingKey = identity.keyFile == nil ? .clientCert : .clientKey
        var notes: [String] = []
        if let position = loaded.certificates.indices.dropFirst().first(where: { key.matches(loaded.certificates[$0]) }) {
            notes.append("the key belongs to certificate \(position + 1) in the file (\(loaded.certificates[position].subject)); the leaf must come first")
        }
        notes.append("first certificate: \(leaf.subject); key: \(key.typeDescription)")
        loaded.diagnostics.append(Diagnostic(
            .error, .keyDoesNotMatchCertificate,
            "the private key in \(quoted(identity.effectiveKeyFile)) does not belong to the certificate in \(quoted(identity.certificateFile))",
            setting: keySetting, origin: origins[keySetting] ?? certificateOrigin,
            related: identity.keyFile != nil ? certificateOrigin.map { [Diagnostic.Related("the certificate", origin: $0)] } ?? [] : [],
            notes: notes,
            help: "pair the certificate with the key it was issued for"
        ))
    }
}
