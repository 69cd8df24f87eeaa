/// Which settings of a project file need the file to be trusted, decided here and nowhere else.
///
/// A project file may always narrow: pins, a CRL, a higher minimum version, a lower maximum,
/// ALPN, a client certificate for a host. What weakens verification or changes what is trusted
/// needs trust:
/// - `trust`, `ca-file`, `ca-dir`: they decide which CAs vouch for servers; a CA of the file's
///   choosing lets whoever holds its key impersonate any host the section covers.
/// - `verify` other than `full`: turns off the name check, or all of verification.
/// - `min-version` below the default (`1.0`, `1.1`): lets a connection fall to deprecated protocols.
/// - `ciphers`, `ciphersuites`: can enable weak or null ciphers.
/// - `server-name`: the name checked against the certificate; another name accepts a
///   certificate that any CA issued for a domain the file's author owns.
/// - `client-auth` other than `required` (a server's file): lets clients in without a certificate.
enum TrustRequirement {
    /// Why the offer needs a trusted file, or `nil` when it only narrows.
    static func reason(_ key: SettingKey, _ value: SettingValue) -> String? {
        switch key {
        case .trust, .caFile, .caDir:
            return "changes which CAs are trusted"
        case .verify:
            if case .verify(.full) = value { return nil }
            return "weakens certificate verification"
        case .minVersion:
            if case .version(let version) = value, version >= TLSVersionRange.default.minimum { return nil }
            return "allows protocol versions below the default minimum"
        case .ciphers, .ciphersuites:
            return "chooses the ciphers, which can enable weak ones"
        case .serverName:
            return "changes the name the server's certificate is checked against"
        case .clientAuth:
            if case .clientAuth(.required) = value { return nil }
            return "lets clients in without a certificate"
        case .clientCert, .clientKey, .clientKeyPassphrase, .cert, .key, .keyPassphrase, .maxVersion, .alpn,
            .pinnedPublicKeys, .crlFile:
            return nil
        }
    }

    /// The offers of `document` that may apply, and an error for each one that may not.
    static func gate(
        _ offers: [Offer], document: ConfigDocument, trustCommand: String
    ) -> (offers: [Offer], diagnostics: [Diagnostic]) {
        guard !document.trust.allowsWeakening else { return (offers, []) }
        var kept: [Offer] = []
        var diagnostics: [Diagnostic] = []
        let command = "\(trustCommand) \(ShellWord.quoted(document.path))"
        let state = document.trust == .changedSinceTrusted ? "has changed since you trusted it" : "is not trusted"
        for offer in offers {
            guard let reason = reason(offer.key, offer.value) else {
                kept.append(offer)
                continue
            }
            diagnostics.append(
                Diagnostic(
                    .error, .untrustedProjectSetting,
                    "\(offer.key) in project file \"\(document.path)\" \(reason), and the file \(state)",
                    setting: offer.key, origin: offer.origin,
                    notes: [
                        "a project file comes with the directory you work in (a cloned repository, say): what weakens TLS or changes trusted CAs applies only once you trust the file",
                        "until then it does not apply",
                    ],
                    help: "read the file, then trust it: \(command)"
                ))
        }
        return (kept, diagnostics)
    }
}
