/// Checks that need the file system but not OpenSSL: every configured path exists and is the
/// right kind of file, and a PEM scan confirms it holds what the setting needs. All problems
/// are reported together.
struct SettingsChecks {
    var configuration: ResolverConfiguration
    var reader: EnvironmentReader

    func inspect(_ settings: TLSSettings, winners: [SettingKey: Offer]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let limit = configuration.maximumFileSize

        if let offer = winners[.caFile] {
            for path in offer.value.paths {
                guard let bytes = readFile(path, offer: offer, what: "CA file", limit: limit, into: &diagnostics) else { continue }
                let summary = PEMScanner.scan(bytes)
                if summary.certificates == 0 {
                    diagnostics.append(Diagnostic(
                        .error, .caFileWithoutCertificates, "CA file \(quoted(path)) holds no PEM certificate",
                        setting: .caFile, origin: offer.origin, notes: contentNotes(summary, path),
                        help: "point ca-file at a PEM bundle (\"-----BEGIN CERTIFICATE-----\" blocks)"
                    ))
                }
            }
        }
        if let offer = winners[.caDir] {
            for path in offer.value.paths {
                inspectDirectory(path, offer: offer, limit: limit, into: &diagnostics)
            }
        }
        if let identity = settings.identity, let certOffer = winners[.clientCert] {
            inspectIdentity(identity, certOffer: certOffer, keyOffer: winners[.clientKey], passphraseOffer: winners[.clientKeyPassphrase], limit: limit, into: &diagnostics)
        }
        if let offer = winners[.crlFile], let path = offer.value.paths.first,
           let bytes = readFile(path, offer: offer, what: "CRL file", limit: limit, into: &diagnostics),
           PEMScanner.scan(bytes).crls == 0 {
            diagnostics.append(Diagnostic(
                .error, .crlFileWithoutCRL, "CRL file \(quoted(path)) holds no PEM CRL",
                setting: .crlFile, origin: offer.origin, notes: contentNotes(PEMScanner.scan(bytes), path),
                help: "point crl-file at a PEM file with \"-----BEGIN X509 CRL-----\" blocks"
            ))
        }
        if settings.verification == .none {
            diagnostics.append(Diagnostic(
                .warning, .verificationDisabled, "certificate verification is off: any server, or anyone in between, is accepted",
                setting: .verify, origin: winners[.verify]?.origin,
                help: "use verify = \"full\" and add the server's CA with ca-file instead"
            ))
        }
        for key in [SettingKey.minVersion, .maxVersion] {
            if let offer = winners[key], case .version(let version) = offer.value, version.isDeprecated {
                diagnostics.append(Diagnostic(
                    .warning, .deprecatedVersion, "\(key) allows \(version), which is deprecated (RFC 8996) and disabled by many servers",
                    setting: key, origin: offer.origin, help: "use \"1.2\" or \"1.3\""
                ))
            }
        }
        return diagnostics
    }

    private func inspectIdentity(
        _ identity: ClientIdentity, certOffer: Offer, keyOffer: Offer?, passphraseOffer: Offer?, limit: Int,
        into diagnostics: inout [Diagnostic]
    ) {
        guard let certPath = certOffer.value.paths.first,
              let certBytes = readFile(certPath, offer: certOffer, what: "client certificate", limit: limit, into: &diagnostics) else { return }
        let certSummary = PEMScanner.scan(certBytes)
        if certSummary.looksLikeDER { return }  // PKCS#12: key and chain inside, checked by the OpenSSL layer.
        if certSummary.certificates == 0 {
            diagnostics.append(Diagnostic(
                .error, .clientCertificateWithoutCertificate, "client certificate file \(quoted(certPath)) holds no PEM certificate",
                setting: .clientCert, origin: certOffer.origin, notes: contentNotes(certSummary, certPath),
                help: "client-cert must hold the certificate (leaf first, then intermediates), optionally followed by its key"
            ))
        }
        var keyFacts: (summary: PEMSummary, path: ResolvedPath, offer: Offer)?
        if let keyOffer, let keyPath = keyOffer.value.paths.first {
            if let keyBytes = readFile(keyPath, offer: keyOffer, what: "client key", limit: limit, into: &diagnostics) {
                let summary = PEMScanner.scan(keyBytes)
                if summary.keys.isEmpty {
                    diagnostics.append(Diagnostic(
                        .error, .keyFileWithoutKey, "key file \(quoted(keyPath)) holds no PEM private key",
                        setting: .clientKey, origin: keyOffer.origin, notes: contentNotes(summary, keyPath),
                        help: "client-key must be a PEM private key (PKCS#8, PKCS#1 or SEC1, encrypted or not)"
                    ))
                } else {
                    keyFacts = (summary, keyPath, keyOffer)
                }
            }
        } else if certSummary.keys.isEmpty {
            let fromEnvironment = certOffer.origin == .environment(variable: "SSL_CLIENT_CERT")
            diagnostics.append(Diagnostic(
                .error, .clientKeyMissing, "no private key for the client certificate \(quoted(certPath))",
                setting: .clientCert, origin: certOffer.origin,
                notes: ["client-key is not set, and the certificate file holds no key"],
                help: fromEnvironment
                    ? "SSL_CLIENT_CERT must name one PEM file holding the certificate and its key (as uv reads it); append the key to it"
                    : "set client-key, or append the key to the certificate file"
            ))
        } else {
            keyFacts = (certSummary, certPath, certOffer)
        }
        guard let keyFacts else { return }
        permissionCheck(keyFacts.path, offer: keyFacts.offer, into: &diagnostics)
        let encrypted = keyFacts.summary.keys.contains(where: \.isEncrypted)
        if encrypted, identity.passphrase == nil {
            diagnostics.append(Diagnostic(
                .error, .encryptedKeyWithoutPassphrase, "the private key in \(quoted(keyFacts.path)) is encrypted and no passphrase source is set",
                setting: .clientKeyPassphrase, origin: keyFacts.offer.origin,
                notes: ["TLSConfig never prompts for a passphrase"],
                help: "set client-key-passphrase = \"env:VARIABLE\" or \"file:/path/to/passphrase\" next to the key"
            ))
        }
        if encrypted, let source = identity.passphrase, let offer = passphraseOffer {
            checkPassphraseSource(source, offer: offer, into: &diagnostics)
        }
    }

    private func checkPassphraseSource(_ source: PassphraseSource, offer: Offer, into diagnostics: inout [Diagnostic]) {
        switch source {
        case .environment(let name):
            if reader.value(name, purpose: "passphrase of the client key (value never shown)", secret: true) == nil {
                diagnostics.append(Diagnostic(
                    .error, .passphraseUnavailable, "the passphrase variable \(name) is unset or empty",
                    setting: .clientKeyPassphrase, origin: offer.origin,
                    help: "export \(name) before running, or point client-key-passphrase at a file"
                ))
            }
        case .file(let path):
            _ = readFile(ResolvedPath(written: path, absolute: path), offer: offer, what: "passphrase file", limit: 64 << 10, into: &diagnostics)
        }
    }

    private func inspectDirectory(_ path: ResolvedPath, offer: Offer, limit: Int, into diagnostics: inout [Diagnostic]) {
        if case .failure(let problem) = FileInspector.inspect(path.absolute, expecting: .directory, maximumSize: limit) {
            diagnostics.append(diagnostic(for: problem, path: path, offer: offer, what: "CA directory"))
            return
        }
        if CertificateDirectory.isHashed(FileInspector.entries(of: path.absolute)) { return }
        let certificates = CertificateDirectory.regularFiles(in: path.absolute, maximumSize: limit)
            .reduce(0) { $0 + PEMScanner.scan($1.bytes).certificates }
        if certificates == 0 {
            diagnostics.append(Diagnostic(
                .error, .caDirectoryWithoutCertificates, "CA directory \(quoted(path)) holds no PEM certificate",
                setting: .caDir, origin: offer.origin, notes: resolvedNote(path).map { [$0] } ?? [],
                help: "put PEM CA certificates in it, or remove ca-dir"
            ))
        } else {
            diagnostics.append(Diagnostic(
                .note, .caDirectoryNotHashed,
                "CA directory \(quoted(path)) has no OpenSSL hash links; its \(certificates) certificate(s) will be loaded one by one",
                setting: .caDir, origin: offer.origin,
                help: "run `openssl rehash \(path.absolute)` to let OpenSSL look certificates up lazily"
            ))
        }
    }

    private func permissionCheck(_ path: ResolvedPath, offer: Offer, into diagnostics: inout [Diagnostic]) {
        guard case .success(let facts) = FileInspector.inspect(path.absolute, expecting: .regularFile, maximumSize: configuration.maximumFileSize),
              facts.mode & 0o044 != 0 else { return }
        diagnostics.append(Diagnostic(
            .warning, .privateKeyPermissions,
            "private key \(quoted(path)) is readable by \(facts.mode & 0o004 != 0 ? "everyone" : "its group") (mode \(String(facts.mode, radix: 8)))",
            setting: offer.key, origin: offer.origin,
            help: "chmod 600 \(path.absolute)"
        ))
    }

    private func readFile(_ path: ResolvedPath, offer: Offer, what: String, limit: Int, into diagnostics: inout [Diagnostic]) -> [UInt8]? {
        let result = FileInspector.inspect(path.absolute, expecting: .regularFile, maximumSize: limit)
            .flatMap { _ in FileInspector.read(path.absolute, maximumSize: limit) }
        switch result {
        case .success(let bytes): return bytes
        case .failure(let problem):
            diagnostics.append(diagnostic(for: problem, path: path, offer: offer, what: what))
            return nil
        }
    }

    private func diagnostic(for problem: FileInspector.Problem, path: ResolvedPath, offer: Offer, what: String) -> Diagnostic {
        problem.diagnostic(what: what, path: path.written, setting: offer.key, origin: offer.origin, notes: resolvedNote(path).map { [$0] } ?? [])
    }

    private func resolvedNote(_ path: ResolvedPath) -> String? {
        if let base = path.base { return "resolved relative to \(base): \(path.absolute)" }
        if path.written != path.absolute { return "resolved to \(path.absolute)" }
        return nil
    }

    private func contentNotes(_ summary: PEMSummary, _ path: ResolvedPath) -> [String] {
        var notes: [String] = []
        if let note = resolvedNote(path) { notes.append(note) }
        if summary.malformedBlocks > 0 { notes.append("\(summary.malformedBlocks) PEM block(s) are malformed (no END line, or a body that is not base64)") }
        var contents: [String] = []
        if summary.certificates > 0 { contents.append("\(summary.certificates) certificate(s)") }
        if !summary.keys.isEmpty { contents.append("\(summary.keys.count) private key(s)") }
        if summary.crls > 0 { contents.append("\(summary.crls) CRL(s)") }
        contents += summary.otherLabels.map { "a \"\($0)\" block" }
        if !contents.isEmpty { notes.append("it holds \(contents.joined(separator: ", "))") }
        if summary.looksLikeDER { notes.append("it looks like DER (binary), not PEM") }
        if summary.blockCount == 0, summary.malformedBlocks == 0, !summary.looksLikeDER { notes.append("no PEM block found") }
        return notes
    }

    private func quoted(_ path: ResolvedPath) -> String {
        "\"\(path.written)\""
    }
}
