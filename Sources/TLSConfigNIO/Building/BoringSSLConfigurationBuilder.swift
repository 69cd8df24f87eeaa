#if NIO
internal import NIOSSL
import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL
import Glibc

/// Turns the OpenSSL context that verifies for the adapter into swift-nio-ssl terms. Every
/// value is read back from that context (versions, the expanded cipher list, the decoded
/// identity, the trust store's certificates), so NIO uses exactly what OpenSSL accepted and
/// what `show` and `check` report, and material problems carry TLSConfig's codes and origins
/// before BoringSSL sees a byte.
struct BoringSSLConfigurationBuilder {
    let resolution: Resolution
    let verifier: TLSContext
    let accepted: Set<TLSConsumer.UnenforcedSetting>

    private var settings: TLSSettings { resolution.settings }

    /// Versions, ciphers, identity and ALPN, with no trust roots and no verification: each
    /// consumer adds what it can enforce. Errors are in the findings, not thrown.
    func base() -> (configuration: TLSConfiguration, diagnostics: [Diagnostic]) {
        // One struct serves both roles; every field that differs is set below.
        var configuration = TLSConfiguration.makeClientConfiguration()
        var diagnostics: [Diagnostic] = []
        configuration.minimumTLSVersion = Self.boringSSLVersion(settings.versions.minimum)
        configuration.maximumTLSVersion = settings.versions.maximum.map(Self.boringSSLVersion)
        configuration.trustRoots = .certificates([])
        configuration.certificateVerification = .none
        configuration.applicationProtocols = settings.alpn
        setCiphers(&configuration, &diagnostics)
        checkCipherSuites(&diagnostics)
        setIdentity(&configuration, &diagnostics)
        return (configuration, diagnostics)
    }

    // MARK: Ciphers

    private func setCiphers(_ configuration: inout TLSConfiguration, _ diagnostics: inout [Diagnostic]) {
        // With TLS 1.3 only, the TLS 1.2 list is never used.
        guard let written = settings.ciphers, settings.versions.minimum < .tls1_3 else { return }
        let names = verifier.cipherList
        let numbers = verifier.cipherNumbers
        let usable = numbers.filter(BoringSSLCiphers.tls12.contains)
        let missing = zip(names, numbers).filter { !BoringSSLCiphers.tls12.contains($0.1) }.map(\.0)
        let origin = resolution.origin(of: .ciphers)
        if usable.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, .nioNoUsableCipher,
                    "none of the TLS 1.2 ciphers of \"\(written)\" (\(names.joined(separator: ", "))) is implemented by BoringSSL, which swift-nio-ssl uses",
                    setting: .ciphers, origin: origin,
                    help: "use ciphers BoringSSL has, such as \"ECDHE+AESGCM:ECDHE+CHACHA20\""
                ))
            return
        }
        if !missing.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .warning, .nioCipherUnavailable,
                    "BoringSSL, which swift-nio-ssl uses, does not implement \(missing.count) of the ciphers of \"\(written)\": \(missing.joined(separator: ", ")); NIO connections offer the other \(usable.count)",
                    setting: .ciphers, origin: origin,
                    notes: [
                        "OpenSSL-only syntax such as @SECLEVEL is expanded by OpenSSL first; BoringSSL has no security levels"
                    ]
                ))
        }
        if !usable.isEmpty {
            configuration.cipherSuiteValues = usable.map(NIOTLSCipher.init(rawValue:))
        }
    }

    /// BoringSSL offers its three TLS 1.3 suites whatever the configuration says.
    private func checkCipherSuites(_ diagnostics: inout [Diagnostic]) {
        guard let written = settings.cipherSuites, settings.versions.maximum.map({ $0 >= .tls1_3 }) ?? true else {
            return
        }
        let configured = verifier.cipherSuites
        let fixed = BoringSSLCiphers.tls13.joined(separator: ", ")
        if Set(configured) == Set(BoringSSLCiphers.tls13) {
            diagnostics.append(
                Diagnostic(
                    .note, .nioCipherSuitesFixed,
                    "BoringSSL, which swift-nio-ssl uses, offers the suites of ciphersuites \"\(written)\" in its own order",
                    setting: .ciphersuites, origin: resolution.origin(of: .ciphersuites)
                ))
            return
        }
        let accepted = accepted.contains(.ciphersuites)
        diagnostics.append(
            Diagnostic(
                accepted ? .warning : .error, .nioCipherSuitesFixed,
                "ciphersuites \"\(written)\" cannot be enforced: BoringSSL, which swift-nio-ssl uses, always offers \(fixed) with TLS 1.3"
                    + (accepted ? "; the host tool accepts this" : ""),
                setting: .ciphersuites, origin: resolution.origin(of: .ciphersuites),
                help: accepted
                    ? nil
                    : "remove ciphersuites, or set max-version = \"1.2\" so that only the TLS 1.2 ciphers apply; a tool that accepts the wider set passes accepting: [.ciphersuites]"
            ))
    }

    // MARK: Identity

    private func setIdentity(_ configuration: inout TLSConfiguration, _ diagnostics: inout [Diagnostic]) {
        guard settings.identity != nil else { return }
        let keys = settings.role.identityKeys
        let setting: SettingKey = settings.identity?.keyFile == nil ? keys.certificate : keys.key
        guard var exported = verifier.exportedIdentity() else {
            diagnostics.append(
                Diagnostic(
                    .error, .nioIdentityRefused,
                    "cannot hand the \(verifier.role.rawValue) certificate and key over to swift-nio-ssl: OpenSSL cannot export them",
                    setting: setting, origin: resolution.origin(of: setting)
                ))
            return
        }
        defer {
            PassphraseSecret.wipe(&exported.keyPEM)
        }
        do {
            let chain = try exported.chain.map { try NIOSSLCertificate(bytes: $0, format: .der) }
            let key = try NIOSSLPrivateKey(bytes: exported.keyPEM, format: .pem)
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(key)
        } catch {
            diagnostics.append(
                Diagnostic(
                    .error, .nioIdentityRefused,
                    "swift-nio-ssl (BoringSSL) refuses the \(verifier.role.rawValue) certificate or key that OpenSSL loaded: \(error)",
                    setting: setting, origin: resolution.origin(of: setting),
                    help:
                        "BoringSSL takes RSA, ECDSA P-256/P-384/P-521 and Ed25519 keys; reissue the certificate with one of them"
                ))
        }
    }

    static func boringSSLVersion(_ version: TLSProtocolVersion) -> TLSVersion {
        switch version {
        case .tls1_0: .tlsv1
        case .tls1_1: .tlsv11
        case .tls1_2: .tlsv12
        case .tls1_3: .tlsv13
        }
    }
}
#endif
