#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif
package import TLSConfig

/// The deep checks behind `tlsconfig check`: everything about the key material that needs
/// OpenSSL to decode it. They decode the resolution's material through the same code the
/// context builder uses, so what they judge is what a connection would use. A group whose
/// files already failed the core's structural checks is not decoded again.
package struct MaterialChecks: Sendable {
    package var resolution: Resolution
    /// A client certificate expiring sooner than this is warned about.
    package var expiryWarning: Duration
    /// Shared with the context build of the same task, when it builds one.
    package let decoded: DecodedMaterial?

    /// 30 days: a certificate closer to its end than this is warned about.
    package static let defaultExpiryWarning: Duration = .seconds(30 * 24 * 3600)

    package init(
        resolution: Resolution, expiryWarning: Duration = MaterialChecks.defaultExpiryWarning,
        decoded: DecodedMaterial? = nil
    ) {
        self.resolution = resolution
        self.decoded = decoded
        self.expiryWarning = expiryWarning
    }

    private var material: Material { resolution.material }

    /// Every finding, errors first within each group; `now` is a parameter so tests can move time.
    package func run(now: Date = Date()) -> [Diagnostic] {
        let failed = Set(resolution.diagnostics.errors.compactMap(\.setting))
        var diagnostics: [Diagnostic] = []
        if failed.isDisjoint(with: [.trust, .caFile, .caDir]) {
            for file in material.caFiles {
                diagnostics += checkCAFile(file, now: now)
            }
            for directory in material.caDirectories {
                diagnostics += checkCADirectory(directory, now: now)
            }
        }
        let keys = resolution.settings.role.identityKeys
        if resolution.settings.identity != nil, failed.isDisjoint(with: [keys.certificate, keys.key, keys.passphrase]) {
            diagnostics += checkIdentity(now: now)
        }
        if let crl = material.crl, !failed.contains(.crlFile) {
            diagnostics += checkCRL(crl, now: now)
        }
        return diagnostics
    }

    // MARK: - CA files

    private func checkCAFile(_ file: MaterialFile, now: Date) -> [Diagnostic] {
        let bundle = decoded.bundle(file, what: "CA file")
        var findings = DiagnosticCollector(place: quoted(file.path))
        judge(bundle, file: file, now: now, into: &findings)
        var diagnostics = bundle.diagnostics + findings.finished()
        diagnostics.append(
            Diagnostic(
                .note, .caCertificatesCounted,
                "CA file \(quoted(file.path)) holds \(bundle.entries.count) certificate(s)"
                    + (bundle.entries.count == bundle.certificateBlocks
                        ? "" : " that parse, of \(bundle.certificateBlocks)"),
                setting: .caFile, origin: file.origin
            ))
        return diagnostics
    }

    /// A hashed directory is counted by its hash links (OpenSSL reads them lazily); an
    /// unhashed one is checked file by file, as the store builder loads it.
    private func checkCADirectory(_ directory: MaterialDirectory, now: Date) -> [Diagnostic] {
        if directory.isHashed {
            return [
                Diagnostic(
                    .note, .caCertificatesCounted,
                    "CA directory \(quoted(directory.path)) has \(directory.hashLinks) hash link(s), looked up when needed",
                    setting: .caDir, origin: directory.origin
                )
            ]
        }
        var diagnostics: [Diagnostic] = []
        var findings = DiagnosticCollector(place: quoted(directory.path))
        var count = 0
        for file in directory.files {
            let bundle = decoded.bundle(file, what: "file in CA directory")
            diagnostics += bundle.diagnostics
            judge(bundle, file: file, now: now, into: &findings)
            count += bundle.entries.count
        }
        diagnostics += findings.finished()
        diagnostics.append(
            Diagnostic(
                .note, .caCertificatesCounted,
                "CA directory \(quoted(directory.path)) has no hash links; \(count) certificate(s) loaded from its files",
                setting: .caDir, origin: directory.origin
            ))
        return diagnostics
    }

    /// Certificates that parse but will not work as trust anchors; a file of thousands keeps
    /// the first of each kind (the collector's limit), and builds no message beyond them.
    private func judge(
        _ bundle: CertificateBundle, file: MaterialFile, now: Date, into diagnostics: inout DiagnosticCollector
    ) {
        let path = file.path
        let setting = file.setting
        let origin = file.origin
        for entry in bundle.entries {
            let certificate = entry.certificate
            func place() -> String {
                "certificate \(entry.position) of \(bundle.certificateBlocks) in \(quoted(path)) (line \(entry.line), \(certificate.subject))"
            }
            if certificate.notAfter < now {
                diagnostics.append(.caCertificateExpired, severity: .warning) {
                    Diagnostic(
                        .warning, .caCertificateExpired, "\(place()) expired on \(Self.format(certificate.notAfter))",
                        setting: setting, origin: origin,
                        help: "chains through it will fail; replace it with the CA's current certificate"
                    )
                }
            }
            if !certificate.isCertificateAuthority {
                diagnostics.append(.caCertificateNotCA, severity: .warning) {
                    Diagnostic(
                        .warning, .caCertificateNotCA, "\(place()) is not a CA certificate",
                        setting: setting, origin: origin,
                        notes: [
                            "it is trusted as-is (a pinned server certificate), but cannot vouch for other certificates"
                        ]
                    )
                }
            }
        }
    }

    // MARK: - Identity

    private func checkIdentity(now: Date) -> [Diagnostic] {
        let keys = resolution.settings.role.identityKeys
        let loaded = decoded.identity(
            IdentityLoader(
                material: material, origins: resolution.origins, environmentPrefix: resolution.environmentPrefix,
                keys: keys))
        guard let file = material.certificate else { return loaded.diagnostics }
        return loaded.diagnostics
            + Self.identityFindings(loaded, file: file, keys: keys, now: now, expiryWarning: expiryWarning)
    }

    /// What is wrong with a decoded identity, worded for its role: validity (an error outside
    /// it, a warning close to its end), the extended key usage the role needs, the chain's
    /// order, and for a server a subjectAltName. A server context runs these at every build,
    /// first or reloaded; for a server each finding but closeness to expiry is an error, since
    /// verifying clients refuse such a certificate.
    static func identityFindings(
        _ loaded: LoadedIdentity, file: MaterialFile, keys: IdentityKeys, now: Date, expiryWarning: Duration
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        guard let leaf = loaded.leaf else { return diagnostics }
        let origin = file.origin
        let server = keys.role == .server
        let setting = keys.certificate
        let name = "\(keys.certificateName) \(quoted(file.path)) (\(leaf.subject))"
        if leaf.notAfter < now {
            diagnostics.append(
                Diagnostic(
                    .error, server ? .serverCertificateExpired : .clientCertificateExpired,
                    "\(name) expired on \(Self.format(leaf.notAfter))",
                    setting: setting, origin: origin,
                    help: server
                        ? "renew the certificate; clients will refuse it"
                        : "renew the certificate; servers will refuse it"
                ))
        } else if leaf.notBefore > now {
            diagnostics.append(
                Diagnostic(
                    .error, server ? .serverCertificateNotYetValid : .clientCertificateNotYetValid,
                    "\(name) is not valid until \(Self.format(leaf.notBefore))",
                    setting: setting, origin: origin, help: "check the system clock, or wait until it becomes valid"
                ))
        } else if leaf.notAfter < now.addingTimeInterval(Self.seconds(expiryWarning)) {
            let seconds = leaf.notAfter.timeIntervalSince(now)
            let left = seconds >= 86_400 ? "\(Int(seconds / 86_400)) day(s)" : "\(Int(seconds / 60)) minute(s)"
            diagnostics.append(
                Diagnostic(
                    .warning, server ? .serverCertificateExpiringSoon : .clientCertificateExpiringSoon,
                    "\(name) expires in \(left), on \(Self.format(leaf.notAfter))",
                    setting: setting, origin: origin, help: "renew it before it expires"
                ))
        }
        if server {
            if leaf.allowsServerAuthentication == false {
                diagnostics.append(
                    Diagnostic(
                        .error, .serverCertificateWithoutServerAuth,
                        "\(name) has an extended key usage without serverAuth; verifying clients refuse it (\"unsuitable certificate purpose\")",
                        setting: setting, origin: origin,
                        help: "issue the server a certificate with extendedKeyUsage = serverAuth"
                    ))
            }
            if leaf.subjectAlternativeNames.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .error, .serverCertificateWithoutSubjectAltName,
                        "\(name) has no subjectAltName; clients that check names (TLSConfig, rustls, Go, browsers) refuse it",
                        setting: setting, origin: origin,
                        help:
                            "issue it with subjectAltName = DNS:<each name the server answers to> (IP:<address> for addresses)"
                    ))
            }
        } else if leaf.allowsClientAuthentication == false {
            diagnostics.append(
                Diagnostic(
                    .warning, .clientCertificateWithoutClientAuth,
                    "\(name) has an extended key usage without clientAuth; servers that check it will refuse the certificate",
                    setting: setting, origin: origin, help: "issue a certificate with extendedKeyUsage = clientAuth"
                ))
        }
        for index in loaded.certificates.indices.dropLast() {
            let certificate = loaded.certificates[index]
            let next = loaded.certificates[index + 1]
            guard !certificate.isIssued(by: next) else { continue }
            let line =
                loaded.certificateLines.indices.contains(index + 1)
                ? " (line \(loaded.certificateLines[index + 1]))" : ""
            diagnostics.append(
                Diagnostic(
                    server ? .error : .warning, .chainOutOfOrder,
                    "the chain in \(quoted(file.path)) is out of order: certificate \(index + 2)\(line), \(next.subject), "
                        + "did not issue certificate \(index + 1), \(certificate.subject)",
                    setting: setting, origin: origin,
                    notes: ["certificate \(index + 1) was issued by \(certificate.issuer)"],
                    help: server
                        ? "order the file leaf first, then each certificate's issuer: a server sends the chain as written"
                        : "order the file leaf first, then each certificate's issuer; TLS 1.2 servers may refuse other orders"
                ))
            break
        }
        return diagnostics
    }

    // MARK: - CRL

    private func checkCRL(_ file: MaterialFile, now: Date) -> [Diagnostic] {
        let list = RevocationList(file)
        var diagnostics = list.diagnostics
        for entry in list.entries {
            if let nextUpdate = entry.crl.nextUpdate, nextUpdate < now {
                diagnostics.append(
                    Diagnostic(
                        .error, .crlExpired,
                        "CRL \(entry.position) in \(quoted(file.path)) (line \(entry.line), issued by \(entry.crl.issuer)) expired on \(Self.format(nextUpdate))",
                        setting: .crlFile, origin: file.origin,
                        notes: ["OpenSSL fails every verification that needs an expired CRL"],
                        help: "fetch a current CRL from the issuer"
                    ))
            }
        }
        return diagnostics
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
