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
    /// The tool's variable prefix, for advice.
    var environmentPrefix: String
    /// The role's identity keys, cited by diagnostics (`client-cert` or `cert`).
    var keys: IdentityKeys = TLSRole.client.identityKeys

    func load() -> LoadedIdentity {
        var loaded = LoadedIdentity()
        guard let certificate = material.certificate else { return loaded }
        let passphrase = PassphraseProvider(material.passphrase)
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
                loaded.diagnostics.append(
                    Diagnostic(
                        .error, .certificateUnparseable,
                        "certificate \(position + 1) of \(blocks.count) in \(quoted(file.path)) (line \(block.line)) does not parse: \(failure.message)",
                        setting: keys.certificate, origin: file.origin
                    ))
            }
        }
    }

    private func loadKey(_ file: MaterialFile, passphrase: PassphraseProvider, into loaded: inout LoadedIdentity) {
        guard let block = file.pem.keyBlocks.first else { return }
        OpenSSLErrorQueue.clear()
        let parsed: OpaquePointer? = withExtendedLifetime(passphrase) {
            if let key = Self.decodeNarrowly(block, in: file, certificate: loaded.leaf, passphrase: passphrase) {
                return key
            }
            return MemoryBIO.with(file.bytes(of: block)) { bio in
                PEM_read_bio_PrivateKey_ex(
                    bio, nil, supplyPassphrase, Unmanaged.passUnretained(passphrase).toOpaque(), nil, nil)
            } ?? nil
        }
        if let key = parsed {
            OpenSSLErrorQueue.clear()
            loaded.key = OwnedPrivateKey(taking: key)
            return
        }
        let errors = OpenSSLErrorQueue.drain()
        loaded.diagnostics.append(
            passphraseDiagnostic(passphrase, keyFile: file)
                ?? Diagnostic(
                    .error, .privateKeyUnreadable,
                    "the private key in \(quoted(file.path)) (line \(block.line), \(block.label)) cannot be read: \(OpenSSLErrorQueue.render(errors, fallback: "unsupported key"))",
                    setting: file.setting, origin: file.origin
                ))
    }

    /// The key through a decoder chain for exactly this block's structure and key type (from
    /// the label, or the certificate's public key). `PEM_read_bio_PrivateKey` sets up a chain
    /// for every format and type each provider offers, which in OpenSSL 3.0 costs about half as
    /// much as a whole handshake (4.7M instructions for one key; narrowed, 1.4M). `nil` whenever
    /// it cannot tell or does not succeed: the general decoder then decides, and its errors are
    /// the ones reported.
    static func decodeNarrowly(
        _ block: PEMBlock, in file: MaterialFile, certificate: OwnedCertificate?, passphrase: PassphraseProvider
    ) -> OpaquePointer? {
        // OpenSSL 3.0 keeps these pointers without copying them, for the decoder's lifetime:
        // static strings, and the key type name the certificate's key management owns.
        let structure: StaticString?
        var keyType: UnsafePointer<CChar>?
        switch block.kind {
        case .privateKey(.pkcs8): structure = "PrivateKeyInfo"
        case .privateKey(.encryptedPKCS8): structure = nil
        case .privateKey(.pkcs1): (structure, keyType) = ("type-specific", Self.cString("RSA"))
        case .privateKey(.sec1): (structure, keyType) = ("type-specific", Self.cString("EC"))
        default: return nil
        }
        return withExtendedLifetime(certificate) {
            if keyType == nil, let certificate {
                keyType = X509_get0_pubkey(certificate.pointer).flatMap { EVP_PKEY_get0_type_name($0) }
            }
            guard let keyType else { return nil }
            var key: OpaquePointer?
            guard
                let decoder = OSSL_DECODER_CTX_new_for_pkey(
                    &key, Self.cString("PEM"), structure.map(Self.cString), keyType,
                    Int32(OSSL_KEYMGMT_SELECT_ALL_PARAMETERS | OSSL_KEYMGMT_SELECT_KEYPAIR), nil, nil
                )
            else { return nil }
            defer { OSSL_DECODER_CTX_free(decoder) }
            guard OSSL_DECODER_CTX_get_num_decoders(decoder) > 0,
                OSSL_DECODER_CTX_set_pem_password_cb(
                    decoder, supplyPassphrase, Unmanaged.passUnretained(passphrase).toOpaque()) == 1
            else { return nil }
            let decoded = MemoryBIO.with(file.bytes(of: block)) { OSSL_DECODER_from_bio(decoder, $0) == 1 } ?? false
            OpenSSLErrorQueue.clear()
            guard decoded, let key else {
                if let key { EVP_PKEY_free(key) }
                return nil
            }
            return key
        }
    }

    private static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// When decoding asked for a passphrase and one was supplied, the failure is a wrong
    /// passphrase. (A missing or unavailable one is an error the core already reported.)
    private func passphraseDiagnostic(_ passphrase: PassphraseProvider, keyFile: MaterialFile) -> Diagnostic? {
        guard passphrase.wasRequested, let secret = passphrase.secret else { return nil }
        let passphraseOrigin = origins[keys.passphrase]
        return Diagnostic(
            .error, .wrongPassphrase,
            "the passphrase from \(secret.source) does not decrypt the private key in \(quoted(keyFile.path))",
            setting: keys.passphrase, origin: passphraseOrigin ?? keyFile.origin,
            related: keyFile.origin.map { [Diagnostic.Related("the encrypted key", origin: $0)] } ?? [],
            help: "check the passphrase source; the passphrase itself is never shown"
        )
    }

    // MARK: - PKCS#12

    private func loadPKCS12(_ file: MaterialFile, passphrase: PassphraseProvider, into loaded: inout LoadedIdentity) {
        let origin = file.origin
        let path = file.path
        switch PKCS12Reader.read(file.bytes, passphrase: passphrase) {
        case .success(let contents):
            loaded.certificates = contents.certificates
            loaded.key = contents.key
            if contents.key == nil {
                loaded.diagnostics.append(
                    Diagnostic(
                        .error, .pkcs12WithoutKey, "the PKCS#12 file \(quoted(path)) holds no private key",
                        setting: keys.certificate, origin: origin,
                        help: "export it with its key: openssl pkcs12 -export -in CERT -inkey KEY ..."
                    ))
            }
        case .failure(.notPKCS12(let reason)):
            // A lone DER certificate is a common mistake: say so, and how to convert it.
            if case .success = OwnedCertificate.parse(der: file.bytes) {
                loaded.diagnostics.append(
                    Diagnostic(
                        .error, .pkcs12Unreadable,
                        "\(quoted(path)) is a DER certificate, neither PEM nor PKCS#12, and holds no key",
                        setting: keys.certificate, origin: origin,
                        notes: [
                            "\(keys.certificate) takes PEM (the chain, optionally with the key) or PKCS#12 (key and chain in one file)"
                        ],
                        help:
                            "convert it with `openssl x509 -inform DER -in \(path) -out client.pem`, append the key to client.pem (or set \(keys.key)), and point \(keys.certificate) at client.pem"
                    ))
            } else {
                loaded.diagnostics.append(
                    Diagnostic(
                        .error, .pkcs12Unreadable, "\(quoted(path)) is neither PEM nor a PKCS#12 file: \(reason)",
                        setting: keys.certificate, origin: origin
                    ))
            }
        case .failure(.wrongPassphrase):
            loaded.diagnostics.append(
                passphraseDiagnostic(passphrase, keyFile: file)
                    ?? Diagnostic(
                        .error, .pkcs12WithoutPassphrase,
                        "the PKCS#12 file \(quoted(path)) is protected by a passphrase and none is configured",
                        setting: keys.passphrase, origin: origin,
                        notes: ["TLSConfig never prompts for a passphrase"],
                        help: MaterialLoader.passphraseHelp(
                            for: origin, environmentPrefix: environmentPrefix, keys: keys)
                    ))
        case .failure(.noLeaf):
            // PKCS12_parse succeeds without a leaf when no certificate is paired with a
            // key (an export with -nokeys): its certificates all land among the extras.
            loaded.diagnostics.append(
                Diagnostic(
                    .error, .pkcs12WithoutKey,
                    "the PKCS#12 file \(quoted(path)) holds no private key, so no \(keys.certificateName) paired with one",
                    setting: keys.certificate, origin: origin,
                    help: "export it with its key: openssl pkcs12 -export -in CERT -inkey KEY ..."
                ))
        case .failure(.unreadable(let errors, let legacyAvailable)):
            let unsupported = errors.contains { $0.reason?.contains("unsupported") == true }
            var notes: [String] = []
            if unsupported {
                notes.append(
                    legacyAvailable
                        ? "it uses algorithms that even OpenSSL's legacy provider does not decode"
                        : "it uses legacy algorithms (RC2, 3DES), and OpenSSL's legacy provider (ossl-modules/legacy.so) is not installed"
                )
            }
            loaded.diagnostics.append(
                Diagnostic(
                    .error, .pkcs12Unreadable,
                    "the PKCS#12 file \(quoted(path)) cannot be read: \(OpenSSLErrorQueue.render(errors, fallback: "unknown error"))",
                    setting: keys.certificate, origin: origin,
                    notes: notes,
                    help: unsupported
                        ? "re-export it with current algorithms: openssl pkcs12 -in \(path) -nodes -out combined.pem, then openssl pkcs12 -export -in combined.pem -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 -out new.p12"
                        : nil
                ))
        }
    }

    // MARK: - Pairing

    private func checkKeyMatches(_ loaded: inout LoadedIdentity) {
        guard let key = loaded.key, let leaf = loaded.leaf, !key.matches(leaf),
            let certificate = material.certificate, let keyHolder = material.keyHolder
        else { return }
        var notes: [String] = []
        if let position = loaded.certificates.indices.dropFirst().first(where: { key.matches(loaded.certificates[$0]) })
        {
            notes.append(
                "the key belongs to certificate \(position + 1) in the file (\(loaded.certificates[position].subject)); the leaf must come first"
            )
        }
        notes.append("first certificate: \(leaf.subject); key: \(key.typeDescription)")
        let separate = material.key != nil
        loaded.diagnostics.append(
            Diagnostic(
                .error, .keyDoesNotMatchCertificate,
                "the private key in \(quoted(keyHolder.path)) does not belong to the certificate in \(quoted(certificate.path))",
                setting: keyHolder.setting, origin: keyHolder.origin,
                related: separate
                    ? certificate.origin.map { [Diagnostic.Related("the certificate", origin: $0)] } ?? [] : [],
                notes: notes,
                help: "pair the certificate with the key it was issued for"
            ))
    }
}
