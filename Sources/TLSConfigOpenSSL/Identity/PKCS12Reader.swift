internal import COpenSSL
internal import CTLSShims

/// Decodes a PKCS#12 file. Files exported with legacy algorithms (RC2-40 and 3DES, as
/// `openssl pkcs12 -export -legacy` and many older tools make them) need OpenSSL's legacy
/// provider, which TLS must never use: such a file is decoded a second time inside a library
/// context of its own that has the legacy provider loaded, and what comes out is re-encoded and
/// decoded again in the default context, so no key or certificate carries the legacy context
/// into a handshake.
enum PKCS12Reader {
    struct Contents {
        var key: OwnedPrivateKey?
        /// Leaf first, then the other certificates in the file.
        var certificates: [OwnedCertificate]
        /// Whether the legacy provider was needed.
        var usedLegacyAlgorithms: Bool
    }

    enum Failure: Error {
        case notPKCS12(String)
        case wrongPassphrase
        /// Parsed, but no certificate is paired with a key (an export with `-nokeys`).
        case noLeaf
        case unreadable([OpenSSLError], legacyAvailable: Bool)
    }

    static func read(_ bytes: [UInt8], passphrase: PassphraseProvider) -> Result<Contents, Failure> {
        switch decode(bytes, passphrase: passphrase) {
        case .success(let contents):
            return .success(contents)
        case .failure(.unreadable(let errors, _)) where errors.contains(where: isUnsupportedAlgorithm):
            guard let legacy = legacyContext else { return .failure(.unreadable(errors, legacyAvailable: false)) }
            let previous = OSSL_LIB_CTX_set0_default(legacy)
            let inLegacy = decode(bytes, passphrase: passphrase)
            _ = OSSL_LIB_CTX_set0_default(previous)
            switch inLegacy {
            case .success(let contents):
                return transcode(contents).map { .success($0) }
                    ?? .failure(.unreadable(OpenSSLErrorQueue.drain(), legacyAvailable: true))
            case .failure(.unreadable(let legacyErrors, _)):
                return .failure(.unreadable(legacyErrors, legacyAvailable: true))
            case .failure(let other): return .failure(other)
            }
        case .failure(let failure):
            return .failure(failure)
        }
    }

    private static func isUnsupportedAlgorithm(_ error: OpenSSLError) -> Bool {
        error.reason?.contains("unsupported") == true
    }

    /// A library context with the default and legacy providers, for PKCS#12 decoding only.
    /// Created once, kept for the process; `nil` when the legacy provider is not installed.
    private nonisolated(unsafe) static let legacyContext: OpaquePointer? = {
        guard let context = OSSL_LIB_CTX_new() else { return nil }
        guard OSSL_PROVIDER_load(context, "default") != nil, OSSL_PROVIDER_load(context, "legacy") != nil else {
            OSSL_LIB_CTX_free(context)
            OpenSSLErrorQueue.clear()
            return nil
        }
        return context
    }()

    private static func decode(_ bytes: [UInt8], passphrase: PassphraseProvider) -> Result<Contents, Failure> {
        OpenSSLErrorQueue.clear()
        guard let bundle = MemoryBIO.with(bytes, { d2i_PKCS12_bio($0, nil) }) ?? nil else {
            return .failure(.notPKCS12(OpenSSLErrorQueue.drainedText(fallback: "not DER PKCS#12")))
        }
        defer { PKCS12_free(bundle) }
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var authorities: OpaquePointer?
        enum Outcome { case parsed, wrongPassphrase, failed }
        let outcome: Outcome = passphrase.withPassphrase { pass, length in
            if PKCS12_mac_present(bundle) == 1 {
                let macVerified =
                    PKCS12_verify_mac(bundle, pass, Int32(length)) == 1
                    || (length == 0 && PKCS12_verify_mac(bundle, nil, 0) == 1)
                guard macVerified else { return .wrongPassphrase }
            }
            return PKCS12_parse(bundle, pass, &key, &certificate, &authorities) == 1 ? .parsed : .failed
        }
        defer { if let authorities { ctls_sk_X509_pop_free(authorities) } }
        switch outcome {
        case .wrongPassphrase:
            OpenSSLErrorQueue.clear()
            return .failure(.wrongPassphrase)
        case .failed:
            if let key { EVP_PKEY_free(key) }
            if let certificate { X509_free(certificate) }
            return .failure(.unreadable(OpenSSLErrorQueue.drain(), legacyAvailable: false))
        case .parsed:
            guard let certificate else {
                if let key { EVP_PKEY_free(key) }
                OpenSSLErrorQueue.clear()
                return .failure(.noLeaf)
            }
            var certificates = [OwnedCertificate(taking: certificate)]
            if let authorities {
                for index in 0..<ctls_sk_X509_num(authorities) {
                    if let extra = ctls_sk_X509_value(authorities, index) {
                        certificates.append(OwnedCertificate(borrowing: extra))
                    }
                }
            }
            OpenSSLErrorQueue.clear()
            return .success(
                Contents(
                    key: key.map(OwnedPrivateKey.init(taking:)), certificates: certificates, usedLegacyAlgorithms: false
                ))
        }
    }

    /// The same key and certificates, decoded from their DER in the default library context.
    private static func transcode(_ contents: Contents) -> Contents? {
        var certificates: [OwnedCertificate] = []
        for certificate in contents.certificates {
            var der: UnsafeMutablePointer<UInt8>?
            let length = i2d_X509(certificate.pointer, &der)
            guard length > 0, let der else { return nil }
            defer { CRYPTO_free(der, #fileID, #line) }
            var cursor: UnsafePointer<UInt8>? = UnsafePointer(der)
            guard let decoded = d2i_X509(nil, &cursor, Int(length)) else { return nil }
            certificates.append(OwnedCertificate(taking: decoded))
        }
        var key: OwnedPrivateKey?
        if let legacyKey = contents.key {
            var der: UnsafeMutablePointer<UInt8>?
            let length = i2d_PrivateKey(legacyKey.pointer, &der)
            guard length > 0, let der else { return nil }
            // The DER is the private key: cleared before it is freed.
            defer { CRYPTO_clear_free(der, Int(length), #fileID, #line) }
            var cursor: UnsafePointer<UInt8>? = UnsafePointer(der)
            guard let decoded = d2i_AutoPrivateKey(nil, &cursor, Int(length)) else { return nil }
            key = OwnedPrivateKey(taking: decoded)
        }
        OpenSSLErrorQueue.clear()
        return Contents(key: key, certificates: certificates, usedLegacyAlgorithms: true)
    }
}
