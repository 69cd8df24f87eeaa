#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
package import TLSConfig
internal import COpenSSL

/// Explains a handshake to a person (what was negotiated, the peer chain, and on failure what
/// went wrong and what to do next) or to a program (JSON). Used by `tlsconfig connect` and by
/// host tools that offer the same command.
package struct ConnectionReport: Sendable {
    /// What happened.
    package var report: HandshakeReport
    /// The settings used, cited in the advice.
    package var resolution: Resolution
    /// Print every certificate in full (validity, names, serial, pin), not just subject and issuer.
    package var showCertificates: Bool
    /// The findings to report with the connection, in the shape `show` and `check` use: the
    /// resolution's, plus any from building the context.
    package var diagnostics: [Diagnostic]
    /// The command to suggest for a deeper look, such as `mytool tls check` in a host tool.
    package var checkCommand: String

    /// A report for `connect`; `diagnostics` defaults to the resolution's.
    package init(
        _ report: HandshakeReport, resolution: Resolution, showCertificates: Bool = false,
        diagnostics: [Diagnostic]? = nil, checkCommand: String? = nil
    ) {
        self.report = report
        self.resolution = resolution
        self.showCertificates = showCertificates
        self.diagnostics = diagnostics ?? resolution.diagnostics
        self.checkCommand =
            checkCommand
            ?? (resolution.appName == "tlsconfig" ? "tlsconfig check" : "tlsconfig check --app \(resolution.appName)")
    }

    // MARK: Text

    /// The `connect` text: outcome, names, verification, client certificate, peer chain, next step.
    package func text(style: TextStyle = .plain) -> String {
        var out: [String] = []
        let destination = HostTarget.authority(host: report.host, port: report.port)
        if let proxy = report.proxy {
            let address = report.address.map { ", at \($0)" } ?? ""
            out.append("Connecting to \(destination) through the proxy \(proxy.url) (from \(proxy.variable)\(address))")
        } else {
            out.append("Connecting to \(destination)" + (report.address.map { " (\($0))" } ?? ""))
        }
        if let failure = report.failure {
            out.append("  failed: \(failure)")
        } else {
            let version = report.protocolVersion.map(\.description) ?? "unknown version"
            let alpn = report.applicationProtocol.map { ", ALPN \($0)" } ?? ""
            out.append("  connected: \(version), \(report.cipher ?? "unknown cipher")\(alpn)")
        }
        if reachedTLS {
            out.append("  server name (SNI): \(report.serverName ?? "not sent (IP address)")")
            out.append(
                "  certificate checked against: \(report.verifiedName ?? "no name (verify is \(resolution.settings.verification.rawValue))")"
            )
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
    package var nextStep: String? {
        guard let failure = report.failure else { return nil }
        let hostTarget = "\(report.host):\(report.port)"
        switch failure {
        case .nameResolution:
            return "check the spelling of \"\(report.host)\" and your DNS settings."
        case .connectionRefused:
            if let proxy = report.proxy {
                return
                    "nothing accepts connections at the proxy \(proxy.url) (from \(proxy.variable)), so \(hostTarget) was never reached: "
                    + "fix or unset \(proxy.variable), or connect without the proxy: --no-proxy, or NO_PROXY=\(report.host)."
            }
            return "nothing accepts connections on \(hostTarget); check the port and that the server is running."
        case .timedOut:
            if let proxy = report.proxy {
                return
                    "no answer in time through the proxy \(proxy.url) (from \(proxy.variable)): check that proxy, connect without it "
                    + "(--no-proxy, or NO_PROXY=\(report.host)), or raise --timeout."
            }
            return "no answer in time; check firewalls and proxies, or raise --timeout."
        case .connectionFailed:
            if let proxy = report.proxy {
                return
                    "the network refused the connection to the proxy \(proxy.url) (from \(proxy.variable)): fix or unset \(proxy.variable), "
                    + "or connect without it: --no-proxy, or NO_PROXY=\(report.host)."
            }
            return "the network refused the connection; check routing and proxies."
        case .serverCertificateNotTrusted(let error):
            return verificationStep(error)
        case .hostnameMismatch(let expected, let names):
            return hostnameStep(expected: expected, names: names)
        case .clientCertificateRequired:
            let issuers =
                report.acceptableIssuers.isEmpty ? "" : " issued by \(report.acceptableIssuers.joined(separator: "; "))"
            let empty =
                isEmptyVariable("SSL_CLIENT_CERT")
                ? "SSL_CLIENT_CERT is set but empty, which counts as unset, so none is configured. " : ""
            return
                "\(empty)the server wants a client certificate\(issuers): set SSL_CLIENT_CERT to a PEM file holding your certificate and key, "
                + "or client-cert (and client-key) in \(resolution.appName).toml or a [hosts.\"\(report.host)\"] section."
        case .clientCertificateRejected(let alert):
            return rejectionStep(alert)
        case .noCommonProtocolVersion:
            if let offered = report.serverVersion, offered < resolution.settings.versions.minimum {
                return legacyVersionStep(offered)
            }
            return
                "the server and these settings share no TLS version: min-version is \(resolution.settings.versions.minimum.rawValue) "
                + "(from \(origin(.minVersion))), max-version \(resolution.settings.versions.maximum?.rawValue ?? "newest") (from \(origin(.maxVersion)))."
        case .pinMismatch(let presented):
            return
                "the server's key is \(presented); if it was rotated on purpose, update pinned-public-keys (from \(origin(.pinnedPublicKeys)))."
        case .serverCertificateWithoutSubjectAltName(let subject):
            return
                "the server's certificate (\(subject)) names its host only in the common name, which TLSConfig, rustls, Go and browsers ignore: "
                + "the server needs a certificate with subjectAltName = \(Self.subjectAltName(for: checkedName)). "
                + "Until then, verify = \"no-hostname\" in a [hosts.\"\(report.host)\"] section skips the name check for this host only."
        case .notTLS:
            return
                "\(hostTarget) does not speak TLS (a plain-text port, HTTP say): connect to the server's TLS port (often 443), or use it without TLS."
        case .closedDuringHandshake:
            return
                "the server at \(hostTarget) accepted the connection and closed it without answering: check that this port serves TLS, "
                + "and the server's log for why it refused this client (an address filter, a TLS version or name it will not serve)."
        case .noCommonApplicationProtocol:
            let offered = resolution.settings.alpn.joined(separator: ", ")
            return
                "the server speaks none of alpn = [\(offered)] (from \(origin(.alpn))): offer a protocol it speaks, such as \"http/1.1\" or \"h2\", or remove alpn."
        case .noCommonCipher:
            let settings = resolution.settings
            if settings.ciphers != nil || settings.cipherSuites != nil {
                return
                    "the server accepts none of the ciphers offered (ciphers from \(origin(.ciphers)), ciphersuites from \(origin(.ciphersuites))): "
                    + "widen them, or remove ciphers and ciphersuites to offer OpenSSL's defaults."
            }
            return
                "the server accepts none of OpenSSL's default cipher suites, groups and signature algorithms at security level \(securityLevel): "
                + "it needs a current TLS configuration; ask its operator."
        case .proxyFailed:
            let variable = report.proxy?.variable ?? "that variable"
            return "fix the proxy in \(variable), or connect without it: --no-proxy, or NO_PROXY=\(report.host)."
        case .configuration:
            return
                "fix the errors reported for the configuration (each names where its setting came from), then connect again."
        case .other(let text):
            if let step = clientChainStep() { return step }
            // Resolution keeps alpn within what OpenSSL 3.0 fits; another OpenSSL may send more.
            let alpnBytes = ALPNWire.length(of: resolution.settings.alpn)
            if text.contains("internal error"), alpnBytes > 60_000 {
                return
                    "OpenSSL could not build the ClientHello: alpn (from \(origin(.alpn))) takes \(alpnBytes) bytes, "
                    + "and with the server name and the other extensions it exceeds the 65,535 bytes a ClientHello's extensions hold: list fewer protocols."
            }
            return "run `\(checkCommand)` to look for problems in the configuration."
        }
    }

    /// The name the certificate was checked against: `server-name` when set, else the host.
    private var checkedName: String { report.verifiedName ?? resolution.settings.serverName ?? report.host }

    /// `DNS:name`, or `IP:address` for an address: what a certificate must list.
    private static func subjectAltName(for name: String) -> String {
        HostTarget.isAddress(name) ? "IP:\(name)" : "DNS:\(name)"
    }

    /// Whether a variable was set to the empty string, which counts as unset.
    private func isEmptyVariable(_ name: String) -> Bool {
        resolution.environment.contains { $0.name == name && $0.status == .empty }
    }

    /// A name mismatch, by its cause: an address written as a DNS name, a partial wildcard
    /// (which is not honoured), or simply another name.
    private func hostnameStep(expected: String, names: [String]) -> String {
        let listed = names.isEmpty ? "" : " (the certificate names \(names.joined(separator: ", ")))"
        let skip =
            "verify = \"no-hostname\" in a [hosts.\"\(report.host)\"] section skips only the name check for \"\(expected)\"."
        if HostTarget.isAddress(expected) {
            let asName =
                names.contains("DNS:\(expected)")
                ? "; it lists DNS:\(expected), but an address written as a DNS name does not count" : ""
            let dnsNames = names.filter { $0.hasPrefix("DNS:") && !HostTarget.isAddress(String($0.dropFirst(4))) }
            let byName =
                dnsNames.isEmpty
                ? "" : "; or connect with a name it lists (\(dnsNames.map { $0.dropFirst(4) }.joined(separator: ", ")))"
            return "\(expected) is an IP address, and an address matches only an IP subjectAltName\(asName). "
                + "The server needs a certificate with subjectAltName = IP:\(expected)\(byName). Until then, " + skip
        }
        if let partial = names.first(where: { Self.partialWildcard($0, matches: expected) }) {
            return
                "the certificate names \(partial), a partial wildcard, which TLSConfig does not honour (nor do browsers, rustls or Go): "
                + "only a whole leftmost label, *.\(expected.split(separator: ".").dropFirst().joined(separator: ".")), stands for any name. "
                + "The server needs a certificate with subjectAltName = DNS:\(expected) or such a wildcard. Until then, "
                + skip
        }
        return "connect with a name the certificate lists\(listed), or set server-name to one of them; " + skip
    }

    /// `DNS:f*.example.com` against `foo.example.com`: a wildcard inside the leftmost label
    /// that would match if partial wildcards were honoured.
    private static func partialWildcard(_ entry: String, matches name: String) -> Bool {
        guard entry.hasPrefix("DNS:") else { return false }
        let pattern = entry.dropFirst(4).lowercased().split(separator: ".", omittingEmptySubsequences: false)
        let labels = name.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard let first = pattern.first, first != "*", first.filter({ $0 == "*" }).count == 1,
            pattern.count == labels.count, pattern.count >= 3,
            pattern.dropFirst() == labels.dropFirst(), let star = first.firstIndex(of: "*")
        else { return false }
        let prefix = first[..<star], suffix = first[first.index(after: star)...]
        let label = labels[0]
        return label.count >= prefix.count + suffix.count && label.hasPrefix(prefix) && label.hasSuffix(suffix)
    }

    /// A server that answered with a version below min-version: what allowing it takes, and
    /// what still fails (OpenSSL 3 refuses the SHA-1 signatures these versions need above
    /// security level 0).
    private func legacyVersionStep(_ offered: TLSProtocolVersion) -> String {
        "the server speaks only TLS \(offered.rawValue) (it answered with TLS \(offered.rawValue)), below min-version \(resolution.settings.versions.minimum.rawValue) "
            + "(from \(origin(.minVersion))). TLS \(offered.rawValue) is deprecated (RFC 8996): ask its operator to enable TLS 1.2 or 1.3. "
            + "To connect anyway, min-version = \"\(offered.rawValue)\" in a [hosts.\"\(report.host)\"] section is not enough on its own: "
            + "TLS \(offered.rawValue) signs its handshake with SHA-1 and MD5 (legacy signature algorithms), which OpenSSL 3 refuses above security level 0, "
            + "so add ciphers = \"DEFAULT:@SECLEVEL=0\" to the same section; both weaken that host only."
    }

    /// A handshake the server ended after we sent a certificate chain it would not take whole:
    /// too many certificates for its limit (OpenSSL's is 100 KiB), or not one chain.
    private func clientChainStep() -> String? {
        guard report.clientCertificateSent != nil || report.clientCertificateRequested else { return nil }
        let chain = report.clientChain
        let disordered = diagnostics.first {
            $0.code == .chainOutOfOrder && $0.setting == resolution.settings.role.identityKeys.certificate
        }
        guard chain.count > 10 || disordered != nil else { return nil }
        let source = "client-cert is from \(origin(resolution.settings.role.identityKeys.certificate))"
        let why = disordered.map { " (\($0.message))" } ?? ""
        return
            "the server ended the handshake after the client certificate chain was sent: your client certificate file holds \(chain.count) certificate(s)\(why), "
            + "more than a chain (servers limit the certificate message; OpenSSL's limit is 100 KiB) or not in order. "
            + "Keep only your certificate and the intermediates that issued it, leaf first; \(source)."
    }

    /// Why the server refused our certificate, from the CA names it sent: which issuer it
    /// wants, and whether the file lacks the intermediate between ours and it.
    private func rejectionStep(_ alert: HandshakeFailure.Alert) -> String {
        let chain = report.clientChain
        let source = "client-cert is from \(origin(.clientCert))"
        guard let leaf = chain.first else {
            return "the server refused the client certificate (\(alert.name)); \(source)."
        }
        let accepted = report.acceptableIssuers
        guard !accepted.isEmpty else {
            let top =
                chain.last.map { $0.isSelfIssued || $0 == leaf ? $0.issuer : "\($0.issuer) (above \(leaf.issuer))" }
                ?? leaf.issuer
            return
                "the server refused \(leaf.subject), issued by \(leaf.issuer) (\(alert.name)), and named no CA it accepts: "
                + "ask its operator whether it trusts \(top) for client certificates; if not, ask which CA issues them and get a certificate "
                + "from it; if it does, ask why this one was refused (revoked, or a purpose it checks); \(source)."
        }
        let list = accepted.joined(separator: "; ")
        let issuers = chain.map(\.issuer)
        if let match = issuers.firstIndex(where: accepted.contains) {
            if match == 0 {
                return
                    "the server accepts certificates issued by \(list), and yours (\(leaf.subject)) is issued by \(leaf.issuer), yet it refused it (\(alert.name)): "
                    + "the certificate itself is refused (revoked, a purpose or name the server checks); `\(checkCommand)` checks it locally; \(source)."
            }
            return
                "the server accepts certificates issued by \(list); your chain reaches \(issuers[match]) through \(chain[match].subject), "
                + "yet it refused it (\(alert.name)): ask its operator; \(source)."
        }
        if let top = chain.last, !top.isSelfIssued {
            return
                "the server accepts certificates issued by \(list); yours (\(leaf.subject)) is issued by \(top == leaf ? leaf.issuer : "\(leaf.issuer), up to \(top.issuer)"), "
                + "which it does not list. If \(top.issuer) is an intermediate under one of those CAs, append its certificate to your client certificate file "
                + "(\(source)); otherwise you need a certificate from one of those CAs."
        }
        return
            "the server accepts certificates issued by \(list); yours (\(leaf.subject)) is issued by \(leaf.issuer), which it does not list: "
            + "you need a certificate from one of those CAs; \(source)."
    }

    /// The next step for a chain that failed verification, by OpenSSL's reason: each class has
    /// its own cause, and adding a CA fixes only the untrusted-root ones.
    private func verificationStep(_ error: HandshakeFailure.VerificationError) -> String {
        let chain = report.peerCertificates
        // The depth counts the chain OpenSSL built, which may hold CAs the server did not send.
        let certificate =
            error.subject.flatMap { subject in chain.first { $0.subject == subject } }
            ?? (chain.indices.contains(error.depth) ? chain[error.depth] : nil)
        let name = error.subject ?? certificate?.subject ?? "the server's certificate"
        let now = Date()
        switch Int32(error.code) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            let expiry = certificate.map { " on \(Self.date($0.notAfter))" } ?? ""
            return
                "\(name) expired\(expiry); this machine's clock says \(Self.date(now)). The server must renew its certificate; "
                + "if that date has not come yet, this machine's clock is wrong: fix it (timedatectl, NTP)."
        case X509_V_ERR_CERT_NOT_YET_VALID:
            let start =
                certificate.map {
                    " until \(Self.date($0.notBefore)), \(Self.skew(from: now, to: $0.notBefore)) from now"
                } ?? ""
            return
                "\(name) is not valid\(start), by this machine's clock (\(Self.date(now))). Check this machine's clock (timedatectl, NTP); "
                + "if it is right, the server installed its certificate too early."
        case X509_V_ERR_CERT_REVOKED:
            return
                "\(name) is revoked by the CRL in crl-file (from \(origin(.crlFile))): the server must get a new certificate. "
                + "Trusting it anyway means removing crl-file, which stops every revocation check."
        case X509_V_ERR_UNABLE_TO_GET_CRL:
            return
                "crl-file (from \(origin(.crlFile))) holds no CRL from \(certificate?.issuer ?? "the certificate's issuer"): "
                + "add that issuer's current CRL to the file, or remove crl-file."
        case X509_V_ERR_CRL_HAS_EXPIRED, X509_V_ERR_CRL_NOT_YET_VALID:
            return
                "the CRL in crl-file (from \(origin(.crlFile))) is \(error.code == Int(X509_V_ERR_CRL_HAS_EXPIRED) ? "past its nextUpdate" : "not valid yet"): "
                + "fetch a current CRL from the issuer, or check this machine's clock (\(Self.date(now)))."
        case X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL:
            return
                "\(name) has a key too weak for security level \(securityLevel) (RSA and DH under 2048 bits, ECC under 224 bits): "
                + "the server needs a stronger key. As a stopgap only, ciphers = \"DEFAULT:@SECLEVEL=1\" in a [hosts.\"\(report.host)\"] section accepts 1024-bit keys for this host."
        case X509_V_ERR_CA_MD_TOO_WEAK:
            return
                "\(name) is signed with a digest too weak for security level \(securityLevel) (SHA-1 or MD5): the certificate must be reissued with SHA-256. "
                + "As a stopgap only, ciphers = \"DEFAULT:@SECLEVEL=0\" in a [hosts.\"\(report.host)\"] section accepts it."
        case X509_V_ERR_INVALID_PURPOSE:
            return
                "\(name) is not for TLS servers: its extended key usage lacks serverAuth. The server needs a certificate issued with extendedKeyUsage = serverAuth."
        case X509_V_ERR_PERMITTED_VIOLATION, X509_V_ERR_EXCLUDED_VIOLATION, X509_V_ERR_SUBTREE_MINMAX,
            X509_V_ERR_UNSUPPORTED_NAME_SYNTAX:
            return "a name constraint of a CA in the chain forbids the names in \(name), checked for \(checkedName): "
                + "the server needs a certificate from a CA allowed to issue for \(checkedName)."
        case X509_V_ERR_INVALID_CA:
            let sent = chain.dropFirst().contains { $0.subject == name }
            let place = sent ? "the server sends it in its chain" : "it is among the CAs trusted (\(describeTrust()))"
            let fix =
                sent
                ? "The server must send the CA that really issued its certificate (or get a certificate from a proper CA)."
                : "Trust the CA that issued it instead of this certificate."
            return
                "\(name), at depth \(error.depth) of the chain, issued a certificate but is not a CA: its certificate lacks basicConstraints CA:TRUE "
                + "(or keyCertSign in its keyUsage), so nothing it signs is trusted; \(place). " + fix
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            return unusedTrustSources()
                ?? "\(name) is self-signed. If you trust this server, \(addCA("its certificate")); "
                + "better, give the server a certificate from a CA you trust (trust is \(describeTrust()))."
                + ignoredBundleVariables()
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE,
            X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            if let step = unusedTrustSources() { return step }
            if let proxy = report.proxy, let last = chain.last {
                let signer = last.isSelfIssued ? last.subject : last.issuer
                return
                    "the chain came through the proxy \(proxy.url) (from \(proxy.variable)) and was signed by \(signer), which is not among the CAs trusted "
                    + "(\(describeTrust())): the proxy may be intercepting TLS, as TLS-inspecting proxies present certificates from their own CA. "
                    + "If \(signer) is your organisation's proxy CA, get its certificate from whoever runs the proxy and trust it for the hosts behind it: "
                    + "ca-file = \"<its file>\" with trust = \"system+custom\" in \(resolution.appName).toml (or in a [hosts.\"\(report.host)\"] section). "
                    + "Otherwise bypass the proxy for this host (--no-proxy, or NO_PROXY=\(report.host)) and connect again."
            }
            if let last = chain.last, !last.isSelfIssued {
                return
                    "the server sent \(chain.count) certificate(s) ending at \(last.subject), issued by \(last.issuer), which it did not send "
                    + "and which is not among the CAs trusted (\(describeTrust())). If \(last.issuer) is an intermediate CA, the server must send it "
                    + "(its certificate file should hold the full chain); if it is a root you trust, \(addCA("it"))."
                    + ignoredBundleVariables()
            }
            let root = chain.last?.subject ?? error.subject ?? "the server's CA"
            return "the server's chain ends at \(root), which is not among the CAs trusted (\(describeTrust())). "
                + "If you trust that CA, \(addCA("its certificate"))." + ignoredBundleVariables()
        default:
            return
                "OpenSSL refused the chain: \(error.reason) (at \(name)). Run `\(checkCommand)` to check the trust settings (trust is \(describeTrust()))."
        }
    }

    private var securityLevel: Int { report.securityLevel ?? 2 }

    /// How to add a CA, given how trust is set now: an explicit `trust = "system"` keeps every
    /// configured CA out, and a configured `ca-file` is where another one goes.
    private func addCA(_ what: String) -> String {
        let trust = resolution.settings.trust
        let value = resolution.value(.trust)
        switch trust.mode {
        case .system where !value.isDefault:
            return
                "add \(what) with ca-file and change trust = \"system\" (from \(origin(.trust))) to \"system+custom\" in the same place: "
                + "\"system\" trusts only the platform store"
        case .system:
            return
                "add \(what) with ca-file (or SSL_CERT_FILE), which replaces the system store; with trust = \"system+custom\" beside ca-file it is added to it"
        case .custom, .systemAndCustom:
            if trust.caFiles.isEmpty {
                return
                    "add \(what) with ca-file beside ca-dir (from \(origin(.caDir))), or put it in that directory and run `openssl rehash` on it"
            }
            return
                "append \(what) to the ca-file (now \(trust.caFiles.joined(separator: ", ")), from \(origin(.caFile))), or list its file there too"
        }
    }

    /// CA files and directories that are set but kept out by `trust = "system"`: the step is
    /// to let them in, not to add a CA again.
    private func unusedTrustSources() -> String? {
        guard resolution.settings.trust.mode == .system, !resolution.value(.trust).isDefault else { return nil }
        var unused: [String] = []
        for key in [SettingKey.caFile, .caDir] {
            let value = resolution.value(key)
            if let shown = value.value, !value.isDefault { unused.append("\(key) = \(shown) (from \(origin(key)))") }
            for loser in value.losers where loser.candidate.layer == .standardEnvironment {
                unused.append("\(loser.candidate.origin) = \(loser.candidate.display)")
            }
        }
        guard !unused.isEmpty else { return nil }
        return
            "\(unused.joined(separator: " and ")) \(unused.count == 1 ? "is" : "are") set but not used: trust = \"system\" (from \(origin(.trust))) "
            + "trusts only the platform store. If the CA you need is there, change trust to \"system+custom\" with ca-file set beside it, "
            + "or remove trust = \"system\" so \(unused.count == 1 ? "it is" : "they are") used."
    }

    /// pip's and curl's CA variables, when set and not read: say so, and how to move them.
    private func ignoredBundleVariables() -> String {
        let ignored = resolution.environment.filter { variable in
            guard ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"].contains(variable.name), case .ignored = variable.status
            else { return false }
            return true
        }
        guard !ignored.isEmpty else { return "" }
        let names = ignored.map(\.name).joined(separator: " and ")
        let values = ignored.compactMap { variable -> String? in
            if case .ignored(let value?, _) = variable.status { return value }
            return nil
        }
        let move = values.first.map { "SSL_CERT_FILE=\($0)" } ?? "SSL_CERT_FILE"
        return
            " \(names) \(ignored.count == 1 ? "is" : "are") set but not read by \(resolution.appName): move the value to \(move) "
            + "(or \(SettingKey.caFile.environmentVariable(prefix: resolution.environmentPrefix))); a host tool can opt in to reading them."
    }

    /// "3 days", "5 hours", for clock skews.
    private static func skew(from now: Date, to date: Date) -> String {
        let seconds = abs(date.timeIntervalSince(now))
        if seconds >= 2 * 86_400 { return "\(Int(seconds / 86_400)) days" }
        if seconds >= 2 * 3_600 { return "\(Int(seconds / 3_600)) hours" }
        return "\(Int(seconds / 60)) minutes"
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
        case .systemAndCustom:
            return
                "the system store and \((trust.caFiles + trust.caDirectories).joined(separator: ", ")), from \(origin)"
        }
    }

    /// `2026-01-31T12:00:00Z`, as the deep checks write dates.
    static func date(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    // MARK: JSON

    /// The `connect --format json` document.
    package func json() -> JSONValue {
        .object([
            ("version", .int(ResolutionReport.jsonVersion)),
            ("toolVersion", .string(TLSConfigVersion.current)),
            ("host", .string(report.host)),
            ("port", .int(report.port)),
            ("address", JSONValue(report.address)),
            (
                "proxy",
                report.proxy.map { .object([("url", .string($0.url)), ("variable", .string($0.variable))]) } ?? .null
            ),
            ("succeeded", .bool(report.succeeded)),
            (
                "failure",
                report.failure.map { .object([("code", .string($0.code)), ("message", .string($0.description))]) }
                    ?? .null
            ),
            ("nextStep", JSONValue(nextStep)),
            ("protocol", JSONValue(report.protocolVersion?.rawValue)),
            ("cipher", JSONValue(report.cipher)),
            ("alpn", JSONValue(report.applicationProtocol)),
            ("serverName", JSONValue(report.serverName)),
            ("verifiedName", JSONValue(report.verifiedName)),
            ("verification", verificationJSON),
            (
                "clientCertificate",
                .object([
                    ("requested", .bool(report.clientCertificateRequested)),
                    ("sent", report.clientCertificateSent.map(Self.json) ?? .null),
                ])
            ),
            ("peerChain", .array(report.peerCertificates.map(Self.json))),
            ("diagnostics", DiagnosticRenderer().json(diagnostics)),
            ("errors", .int(diagnostics.errors.count)),
        ])
    }

    private var verificationJSON: JSONValue {
        func error(_ error: HandshakeFailure.VerificationError?) -> JSONValue {
            guard let error else { return .null }
            return .object([
                ("code", .int(error.code)), ("reason", .string(error.reason)), ("depth", .int(error.depth)),
                ("subject", JSONValue(error.subject)),
            ])
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
