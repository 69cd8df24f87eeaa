internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// Decodes an identity in every layout uv accepts in `SSL_CLIENT_CERT` (combined PEM with the
/// key before or after the certificates; PKCS#8, PKCS#1 or SEC1 keys, encrypted or not), a
/// separate key file, or PKCS#12, from the resolution's material: the bytes and passphrase the
/// core read once. That the files exist and hold the right PEM blocks was checked by the core;
/// this reports what only decoding finds (a certificate that does not parse, a wrong
/// passphrase, a key that does not match).
struct IdentityLoader {
    var material: Material
    /// Cited by diagnostics about the passphrase, which is not a file.
    var origins: SettingOrigins
    /// "client" or "server", for messages.
    var role: String = "client"

    func load() -> LoadedIdentity {
        var loaded = LoadedIdentity()
        guard let certificate = material.certificate else { return loaded }
        let passphrase = PassphraseProvider(material.passphrase.secret)
        if certificate.pem.looksLikeDER {
            loadPKCS12(certificate, passphrase: passphrase, into: &loaded)
        } else {
            loadCertificates(certificate, into: &loaded)
            if let keyHolder = material.keyHolder {
                loadKey(keyHolder, passphrase: passphrase, into: &loaded)
            }
        }
        checkKeyMatches(&loaded)
        return loaded
    }

    // MARK: - PEM

    private func loadCertificates(_ file: MaterialFile, into loaded: inout LoadedIdentity) {
        let blocks = file.pem.certificateBlocks
        for (position, block) in blocks.enumerated() {
            switch OwnedCertificate.parse(block, in: file) {
            case .success(let certificate):
                loaded.certificates.append(certificate)
                loaded.certificateLines.append(block.line)
            case .failure(let failure):
                loaded.diagnostics.append(Diagnostic(
                    .error, .certificateUnparseable,
                    "certificate \(position + 1) of \(blocks.count) in \(quoted(file.path)) (line \(block.line)) does not parse: \(failure.message)",
                    setting: .clientCert, origin: file.origin
                ))
            }
        }
    }

    private func loadKey(_ file: MaterialFile, passphrase: PassphraseProvider, into loaded: inout LoadedIdentity) {
        guard let block = file.pem.keyBlocks.first else { return }
        OpenSSLErrorQueue.clear()
        let parsed = withExtendedLifetime(passphrase) {
            MemoryBIO.with(file.bytes(of: block)) { bio in
                PEM_read_bio_PrivateKey_ex(bio, nil, supplyPassphrase, Unmanaged.passUnretained(passphrase).toOpaque(), nil, nil)
            }
        }
        if let key = parsed ?? nil {
            OpenSSLErrorQueue.clear()
            loaded.key = OwnedPrivateKey(taking: key)
            return
        }
        let errors = OpenSSLErrorQueue.drain()
        loaded.diagnostics.append(passphraseDiagnostic(passphrase, keyFile: file)
            ?? Diagnostic(
                .error, .privateKeyUnreadable,
                "the private key in \(quoted(file.path)) (line \(block.line), \(block.label)) cannot be read: \(OpenSSLErrorQueue.render(errors, fallback: "unsupported key"))",
                setting: file.setting, origin: file.origin
            ))
    }

    /// When decoding asked for a passphrase and one was supplied, the failure is a wrong
    /// passphrase. (A missing or unavailable one is an error the core already reported.)
    private func passphraseDiagnostic(_ passphrase: PassphraseProvider, keyFile: MaterialFile) -> Diagnostic? {
        guard passphrase.wasRequested, let secret = passphrase.secret else { return nil }
        let passphraseOrigin = origins[.clientKeyPassphrase]
        return Diagnostic(
            .error, .wrongPassphrase, "the passphrase from \(secret.source) does not decrypt the private key in \(quoted(keyFile.path))",
            setting: .clientKeyPassphrase, origin: passphraseOrigin ?? keyFile.origin,
            related: keyFile.origin.map { [Diagnostic.Related("the encrypted key", origin: $0)] } ?? [],
            help: "check the passphrase source; the passphrase itself is never shown"
        )
    }

    // MARK: - PKCS#12

    private func loadPKCS12(_ file: MaterialFile, passphrase: PassphraseProvider, into loaded: inout LoadedIdentity) {
        let certificateOrigin = file.origin
        let path = file.path
        OpenSSLErrorQueue.clear()
        guard let bundle = MemoryBIO.with(file.bytes, { d2i_PKCS12_bio($0, nil) }) ?? nil else {
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
            if outcome == .wrongPassphrase {
                loaded.diagnostics.append(passphraseDiagnostic(passphrase, keyFile: file) ?? Diagnostic(
                    .error, .pkcs12WithoutPassphrase, "the PKCS#12 file \(quoted(path)) is protected by a passphrase and none is configured",
                    setting: .clientKeyPassphrase, origin: certificateOrigin,
                    notes: ["TLSConfig never prompts for a passphrase"],
                    help: "set client-key-passphrase = \"env:VARIABLE\" or \"file:/path/to/passphrase\" next to client-cert"
                ))
            } else if outcome == .parsed {
                // PKCS12_parse succeeds without a leaf when no certificate is paired with a
                // key (an export with -nokeys): its certificates all land in `authorities`.
                loaded.diagnostics.append(Diagnostic(
                    .error, .pkcs12WithoutKey,
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
                .error, .pkcs12WithoutKey, "the PKCS#12 file \(quoted(path)) holds no private key",
                setting: .clientCert, origin: certificateOrigin
            ))
        }
    }

    // MARK: - Pairing

    private func checkKeyMatches(_ loaded: inout LoadedIdentity) {
        guard let key = loaded.key, let leaf = loaded.leaf, !key.matches(leaf),
              let certificate = material.certificate, let keyHolder = material.keyHolder else { return }
        var notes: [String] = []
        if let position = loaded.certificates.indices.dropFirst().first(where: { key.matches(loaded.certificates[$0]) }) {
            notes.append("the key belongs to certificate \(position + 1) in the file (\(loaded.certificates[position].subject)); the leaf must come first")
        }
        notes.append("first certificate: \(leaf.subject); key: \(key.typeDescription)")
        let separate = material.key != nil
        loaded.diagnostics.append(Diagnostic(
            .error, .keyDoesNotMatchCertificate,
            "the private key in \(quoted(keyHolder.path)) does not belong to the certificate in \(quoted(certificate.path))",
            setting: keyHolder.setting, origin: keyHolder.origin,
            related: separate ? certificate.origin.map { [Diagnostic.Related("the certificate", origin: $0)] } ?? [] : [],
            notes: notes,
            help: "pair the certificate with the key it was issued for"
        ))
    }
}
