#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import TLSConfig

/// Explains a handshake to a person (what was negotiated, the peer chain, and on failure what
/// went wrong and what to do next) or to a program (JSON). Used by `tlsconfig connect` and by
/// host tools that offer the same command.
public struct ConnectionReport: Sendable {
    /// What happened.
    public var report: HandshakeReport
    /// The settings used, cited in the advice.
    public var resolution: Resolution
    /// Print every certificate in full (validity, names, serial, pin), not just subject and issuer.
    public var showCertificates: Bool
    /// The findings to report with the connection, in the shape `show` and `check` use: the
    /// resolution's, plus any from building the context.
    public var diagnostics: [Diagnostic]
    /// The command to suggest for a deeper look, such as `mytool tls check` in a host tool.
    public var checkCommand: String

    /// A report for `connect`; `diagnostics` defaults to the resolution's.
    public init(_ report: HandshakeReport, resolution: Resolution, showCertificates: Bool = false, diagnostics: [Diagnostic]? = nil, checkCommand: String? = nil) {
        self.report = report
        self.resolution = resolution
        self.showCertificates = showCertificates
        self.diagnostics = diagnostics ?? resolution.diagnostics
        self.checkCommand = checkCommand ?? (resolution.appName == "tlsconfig" ? "tlsconfig check" : "tlsconfig check --app \(resolution.appName)")
    }

    // MARK: Text

    /// The `connect` text: outcome, names, verification, client certificate, peer chain, next step.
    public func text(style: TextStyle = .plain) -> String {
        var out: [String] = []
        let address = report.address.map { " (\($0))" } ?? ""
        out.append("Connecting to \(HostTarget.authority(host: report.host, port: report.port))\(address)")
        if let failure = report.failure {
            out.append("  failed: \(failure)")
        } else {
            let version = report.protocolVersion.map(\.description) ?? "unknown version"
            let alpn = report.applicationProtocol.map { ", ALPN \($0)" } ?? ""
            out.append("  connected: \(version), \(report.cipher ?? "unknown cipher")\(alpn)")
        }
        if reachedTLS {
            out.append("  server name (SNI): \(report.serverName ?? "not sent (IP address)")")
            out.append("  certificate checked against: \(report.verifiedName ?? "no name (verify is \(resolution.settings.verification.rawValue))")")
            out.append("  verification: \(verificationText)")
            out.append("  client certificate: \(clientCertificateText)")
        }
        if !report.peerCertificates.isEmpty {
            out.append("")
            out.append("Peer chain (as sent, leaf first)")
            for (depth, certificate) in report.peerCertificates.enumerated() {
                out.append("  \(depth) subject: \(certificate.subject)")
                out.append("    issuer:  \(certificate.issuer)")
                if showCertificates {
                    out.append("    valid:   \(Self.date(certificate.notBefore)) to \(Self.date(certificate.notAfter))")
                    if !certificate.subjectAlternativeNames.isEmpty {
                        out.append("    names:   \(certificate.subjectAlternativeNames.joined(separator: ", "))")
                    }
                    out.append("    serial:  \(certificate.serialNumber)")
                    out.append("    pin:     \(certificate.publicKeyPin)")
                }
            }
        }
        if report.failure != nil, let step = nextStep {
            out.append("")
            out.append("Next step: " + step)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Whether the TCP connection was made, so TLS details mean something.
    private var reachedTLS: Bool {
        switch report.failure {
        case .nameResolution, .connectionRefused, .timedOut(.connecting), .connectionFailed: false
        default: true
        }
    }

    private var verificationText: String {
        switch report.verification {
        case .passed: "passed"
        case .failed(let error): "failed: \(error)"
        case .notEnforced(let error?): "not enforced (verify = none); OpenSSL says: \(error)"
        case .notEnforced(nil): "not enforced (verify = none); the chain would have passed"
        case .notReached: "not reached"
        }
    }

    private var clientCertificateText: String {
        let configured = resolution.settings.identity != nil
        switch (report.clientCertificateRequested, report.clientCertificateSent) {
        case (true, let sent?): return "requested; sent \(sent.subject)"
        case (true, nil): return configured ? "requested; none sent" : "requested; none configured"
        case (false, _): return configured ? "not requested (configured, not sent)" : "not requested"
        }
    }

    /// What to do about a failure, in plain words, citing where the relevant setting came from.
    public var nextStep: String? {
        guard let failure = report.failure else { return nil }
        let hostTarget = "\(report.host):\(report.port)"
        switch failure {
        case .nameResolution:
            return "check the spelling of \"\(report.host)\" and your DNS settings."
        case .connectionRefused:
            return "nothing accepts connections on \(hostTarget); check the port and that the server is running."
        case .timedOut:
            return "no answer in time; check firewalls and proxies, or raise --timeout."
        case .connectionFailed:
            return "the network refused the connection; check routing and proxies."
        case .serverCertificateNotTrusted(let error):
            let issuer = report.peerCertificates.last?.issuer ?? error.subject ?? "the server's CA"
            let trust = describeTrust()
            return "the server's chain ends at \(issuer), which is not among the CAs trusted (\(trust)). "
                + "Add that CA's certificate with ca-file (or SSL_CERT_FILE), or trust = \"system+custom\" to keep the system store too."
        case .hostnameMismatch(let expected, let names):
            let listed = names.isEmpty ? "" : " (the certificate names \(names.joined(separator: ", ")))"
            return "connect with a name the certificate lists\(listed), or set server-name to one of them; "
                + "verify = \"no-hostname\" in a [hosts.\"\(report.host)\"] section skips only the name check for \"\(expected)\"."
        case .clientCertificateRequired:
            return "the server wants a client certificate: set SSL_CLIENT_CERT to a PEM file holding your certificate and key, "
                + "or client-cert (and client-key) in \(resolution.appName).toml or a [hosts.\"\(report.host)\"] section."
        case .clientCertificateRejected(let alert):
            let sent = report.clientCertificateSent.map { "\($0.subject), issued by \($0.issuer)" } ?? "the configured certificate"
            return "the server refused \(sent) (\(alert.name)); check that it has not expired (`tlsconfig check`) "
                + "and ask the server's operator which CA it accepts. client-cert is from \(origin(.clientCert))."
        case .noCommonProtocolVersion:
            return "the server and these settings share no TLS version: min-version is \(resolution.settings.versions.minimum.rawValue) "
                + "(from \(origin(.minVersion))), max-version \(resolution.settings.versions.maximum?.rawValue ?? "newest") (from \(origin(.maxVersion)))."
        case .pinMismatch(let presented):
            return "the server's key is \(presented); if it was rotated on purpose, update pinned-public-keys (from \(origin(.pinnedPublicKeys)))."
        case .configuration:
            return "fix the errors reported for the configuration (each names where its setting came from), then connect again."
        case .other:
            return "run `\(checkCommand)` to look for problems in the configuration."
        }
    }

    private func origin(_ key: SettingKey) -> String {
        let value = resolution.value(key)
        return ResolutionReport.describe(value.origin, layer: value.layer)
    }

    private func describeTrust() -> String {
        let trust = resolution.settings.trust
        let origin = origin(.trust)
        switch trust.mode {
        case .system: return "the system store, \(origin)"
        case .custom: return "only \((trust.caFiles + trust.caDirectories).joined(separator: ", ")), from \(origin)"
        case .systemAndCustom: return "the system store and \((trust.caFiles + trust.caDirectories).joined(separator: ", ")), from \(origin)"
        }
    }

    /// `2026-01-31T12:00:00Z`, as the deep checks write dates.
    static func date(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    // MARK: JSON

    /// The `connect --format json` document.
    public func json() -> JSONValue {
        .object([
            ("version", .int(ResolutionReport.jsonVersion)),
            ("host", .string(report.host)),
            ("port", .int(report.port)),
            ("address", JSONValue(report.address)),
            ("succeeded", .bool(report.succeeded)),
            ("failure", report.failure.map { .object([("code", .string($0.code)), ("message", .string($0.description))]) } ?? .null),
            ("nextStep", JSONValue(nextStep)),
            ("protocol", JSONValue(report.protocolVersion?.rawValue)),
            ("cipher", JSONValue(report.cipher)),
            ("alpn", JSONValue(report.applicationProtocol)),
            ("serverName", JSONValue(report.serverName)),
            ("verifiedName", JSONValue(report.verifiedName)),
            ("verification", verificationJSON),
            ("clientCertificate", .object([
                ("requested", .bool(report.clientCertificateRequested)),
                ("sent", report.clientCertificateSent.map(Self.json) ?? .null),
            ])),
            ("peerChain", .array(report.peerCertificates.map(Self.json))),
            ("diagnostics", DiagnosticRenderer().json(diagnostics)),
            ("errors", .int(diagnostics.errors.count)),
        ])
    }

    private var verificationJSON: JSONValue {
        func error(_ error: VerificationError?) -> JSONValue {
            guard let error else { return .null }
            return .object([("code", .int(error.code)), ("reason", .string(error.reason)), ("depth", .int(error.depth)), ("subject", JSONValue(error.subject))])
        }
        return switch report.verification {
        case .passed: .object([("result", .string("passed"))])
        case .failed(let failure): .object([("result", .string("failed")), ("error", error(failure))])
        case .notEnforced(let failure): .object([("result", .string("not-enforced")), ("error", error(failure))])
        case .notReached: .object([("result", .string("not-reached"))])
        }
    }

    static func json(_ certificate: CertificateSummary) -> JSONValue {
        .object([
            ("subject", .string(certificate.subject)),
            ("issuer", .string(certificate.issuer)),
            ("notBefore", .string(date(certificate.notBefore))),
            ("notAfter", .string(date(certificate.notAfter))),
            ("subjectAlternativeNames", .array(certificate.subjectAlternativeNames.map { .string($0) })),
            ("serialNumber", .string(certificate.serialNumber)),
            ("publicKeyPin", .string(certificate.publicKeyPin.description)),
        ])
    }
}
