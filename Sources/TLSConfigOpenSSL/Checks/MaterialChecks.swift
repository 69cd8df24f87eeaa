#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TLSConfig

/// The deep checks behind `tlsconfig check`: everything about the key material that needs
/// OpenSSL to parse it. They read the files through the same code the context builder uses,
/// so what they judge is what a connection would use.
public struct MaterialChecks: Sendable {
    public var settings: TLSSettings
    public var origins: SettingOrigins
    public var environment: [String: String]
    public var maximumFileSize: Int
    /// A client certificate expiring sooner than this is warned about.
    public var expiryWarning: Duration

    public init(
        settings: TLSSettings, origins: SettingOrigins = SettingOrigins(), environment: [String: String],
        maximumFileSize: Int = 16 << 20, expiryWarning: Duration = .seconds(30 * 24 * 3600)
    ) {
        self.settings = settings
        self.origins = origins
        self.environment = environment
        self.maximumFileSize = maximumFileSize
        self.expiryWarning = expiryWarning
    }

    public init(resolution: Resolution, environment: [String: String]) {
        self.init(settings: resolution.settings, origins: resolution.origins, environment: environment)
    }

    /// Every finding, errors first within each group; `now` is a parameter so tests can move time.
    public func run(now: Date = Date()) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if settings.trust.mode != .system {
            for path in settings.trust.caFiles {
                diagnostics += checkCAFile(path, now: now)
            }
        }
        if settings.trust.mode != .system {
            for path in settings.trust.caDirectories {
                diagnostics += checkCADirectory(path, now: now)
            }
        }
        if let identity = settings.identity {
            diagnostics += checkIdentity(identity, now: now)
        }
        if let crlFile = settings.crlFile {
            diagnostics += checkCRL(crlFile, now: now)
        }
        return diagnostics
    }

    // MARK: - CA files

    private func checkCAFile(_ path: String, now: Date) -> [Diagnostic] {
        let origin = origins[.caFile]
        let bytes: [UInt8]
        switch SettingFile(maximumSize: maximumFileSize).read(path, what: "CA file", setting: .caFile, origin: origin) {
        case .success(let read): bytes = read
        case .failure(let diagnostic): return [diagnostic]
        }
        let bundle = CertificateBundle(bytes: bytes, path: path, what: "CA file", setting: .caFile, origin: origin)
        var diagnostics = bundle.diagnostics + judge(bundle, setting: .caFile, origin: origin, now: now)
        diagnostics.append(Diagnostic(
            .note, .caCertificatesCounted,
            "CA file \(quoted(path)) holds \(bundle.entries.count) certificate(s)"
                + (bundle.entries.count == bundle.certificateBlocks ? "" : " that parse, of \(bundle.certificateBlocks)"),
            setting: .caFile, origin: origin
        ))
        return diagnostics
    }

    /// A hashed directory is counted by its hash links (OpenSSL reads them lazily); an
    /// unhashed one is checked file by file, as the store builder loads it.
    private func checkCADirectory(_ path: String, now: Date) -> [Diagnostic] {
        let origin = origins[.caDir]
        if case .failure(let problem) = FileInspector.inspect(path, expecting: .directory, maximumSize: maximumFileSize) {
            return [problem.diagnostic(what: "CA directory", path: path, setting: .caDir, origin: origin)]
        }
        let names = FileInspector.entries(of: path)
        if CertificateDirectory.isHashed(names) {
            let links = names.filter(CertificateDirectory.isHashName).count
            return [Diagnostic(
                .note, .caCertificatesCounted, "CA directory \(quoted(path)) has \(links) hash link(s), looked up when needed",
                setting: .caDir, origin: origin
            )]
        }
        var diagnostics: [Diagnostic] = []
        var count = 0
        for (file, bytes) in CertificateDirectory.regularFiles(in: path, maximumSize: maximumFileSize) {
            let bundle = CertificateBundle(bytes: bytes, path: file, what: "file in CA directory", setting: .caDir, origin: origin)
            guard bundle.certificateBlocks > 0 else { continue }
            diagnostics += bundle.diagnostics + judge(bundle, setting: .caDir, origin: origin, now: now)
            count += bundle.entries.count
        }
        diagnostics.append(count == 0
            ? Diagnostic(.error, .caDirectoryWithoutCertificates, "CA directory \(quoted(path)) holds no PEM certificate", setting: .caDir, origin: origin)
            : Diagnostic(
                .note, .caCertificatesCounted, "CA directory \(quoted(path)) has no hash links; \(count) certificate(s) loaded from its files",
                setting: .caDir, origin: origin
            ))
        return diagnostics
    }

    /// Certificates that parse but will not work as trust anchors.
    private func judge(_ bundle: CertificateBundle, setting: SettingKey, origin: Origin?, now: Date) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let path = bundle.path
        for entry in bundle.entries {
            let certificate = entry.certificate
            let place = "certificate \(entry.position) of \(bundle.certificateBlocks) in \(quoted(path)) (line \(entry.line), \(certificate.subject))"
            if certificate.notAfter < now {
                diagnostics.append(Diagnostic(
                    .warning, .caCertificateExpired, "\(place) expired on \(Self.format(certificate.notAfter))",
                    setting: setting, origin: origin, help: "chains through it will fail; replace it with the CA's current certificate"
                ))
            }
            if !certificate.isCertificateAuthority {
                diagnostics.append(Diagnostic(
                    .warning, .caCertificateNotCA, "\(place) is not a CA certificate",
                    setting: setting, origin: origin,
                    notes: ["it is trusted as-is (a pinned server certificate), but cannot vouch for other certificates"]
                ))
            }
        }
        return diagnostics
    }

    // MARK: - Identity

    private func checkIdentity(_ identity: ClientIdentity, now: Date) -> [Diagnostic] {
        let loader = IdentityLoader(origins: origins, environment: environment, maximumFileSize: maximumFileSize)
        let loaded = loader.load(identity)
        var diagnostics = loaded.diagnostics
        let origin = origins[.clientCert]
        guard let leaf = loaded.leaf else { return diagnostics }
        let name = "client certificate \(quoted(identity.certificateFile)) (\(leaf.subject))"
        if leaf.notAfter < now {
            diagnostics.append(Diagnostic(
                .error, .clientCertificateExpired, "\(name) expired on \(Self.format(leaf.notAfter))",
                setting: .clientCert, origin: origin, help: "renew the certificate; servers will refuse it"
            ))
        } else if leaf.notBefore > now {
            diagnostics.append(Diagnostic(
                .error, .clientCertificateNotYetValid, "\(name) is not valid until \(Self.format(leaf.notBefore))",
                setting: .clientCert, origin: origin, help: "check the system clock, or wait until it becomes valid"
            ))
        } else if leaf.notAfter < now.addingTimeInterval(Self.seconds(expiryWarning)) {
            let days = Int(leaf.notAfter.timeIntervalSince(now) / 86_400)
            diagnostics.append(Diagnostic(
                .warning, .clientCertificateExpiringSoon, "\(name) expires in \(days) day(s), on \(Self.format(leaf.notAfter))",
                setting: .clientCert, origin: origin, help: "renew it before it expires"
            ))
        }
        if leaf.allowsClientAuthentication == false {
            diagnostics.append(Diagnostic(
                .warning, .clientCertificateWithoutClientAuth,
                "\(name) has an extended key usage without clientAuth; servers that check it will refuse the certificate",
                setting: .clientCert, origin: origin, help: "issue a certificate with extendedKeyUsage = clientAuth"
            ))
        }
        for index in loaded.certificates.indices.dropLast() {
            let certificate = loaded.certificates[index]
            let next = loaded.certificates[index + 1]
            guard !certificate.isIssued(by: next) else { continue }
            let line = loaded.certificateLines.indices.contains(index + 1) ? " (line \(loaded.certificateLines[index + 1]))" : ""
            diagnostics.append(Diagnostic(
                .warning, .chainOutOfOrder,
                "the chain in \(quoted(identity.certificateFile)) is out of order: certificate \(index + 2)\(line), \(next.subject), "
                    + "did not issue certificate \(index + 1), \(certificate.subject)",
                setting: .clientCert, origin: origin,
                notes: ["certificate \(index + 1) was issued by \(certificate.issuer)"],
                help: "order the file leaf first, then each certificate's issuer; TLS 1.2 servers may refuse other orders"
            ))
            break
        }
        return diagnostics
    }

    // MARK: - CRL

    private func checkCRL(_ path: String, now: Date) -> [Diagnostic] {
        let origin = origins[.crlFile]
        let bytes: [UInt8]
        switch SettingFile(maximumSize: maximumFileSize).read(path, what: "CRL file", setting: .crlFile, origin: origin) {
        case .success(let read): bytes = read
        case .failure(let diagnostic): return [diagnostic]
        }
        let list = RevocationList.read(bytes, path: path, origin: origin)
        var diagnostics = list.diagnostics
        for entry in list.entries {
            if let nextUpdate = entry.crl.nextUpdate, nextUpdate < now {
                diagnostics.append(Diagnostic(
                    .error, .crlExpired,
                    "CRL \(entry.position) in \(quoted(path)) (line \(entry.line), issued by \(entry.crl.issuer)) expired on \(Self.format(nextUpdate))",
                    setting: .crlFile, origin: origin,
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
