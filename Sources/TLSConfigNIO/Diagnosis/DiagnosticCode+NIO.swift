#if NIO
public import TLSConfig

/// Findings only the NIO adapter makes: what swift-nio-ssl (BoringSSL) or its consumer
/// cannot do with settings that OpenSSL accepts.
extension DiagnosticCode {
    /// A setting the chosen consumer cannot enforce: an error unless the host tool accepts the loss.
    public static let nioSettingNotEnforced: DiagnosticCode = "nio-setting-not-enforced"
    /// A warning: ciphers of `ciphers` that BoringSSL does not implement are left out.
    public static let nioCipherUnavailable: DiagnosticCode = "nio-cipher-unavailable"
    /// None of the ciphers of `ciphers` is implemented by BoringSSL.
    public static let nioNoUsableCipher: DiagnosticCode = "nio-no-usable-cipher"
    /// `ciphersuites` restricts TLS 1.3 suites, which BoringSSL does not allow: an error
    /// unless accepted; a note when only the order differs.
    public static let nioCipherSuitesFixed: DiagnosticCode = "nio-ciphersuites-fixed"
    /// swift-nio-ssl refuses the certificate or key that OpenSSL loaded.
    public static let nioIdentityRefused: DiagnosticCode = "nio-identity-refused"
    /// swift-nio-ssl could not build a context from the configuration.
    public static let nioContextFailed: DiagnosticCode = "nio-context-failed"
    /// A server's handler refused a client's chain (from the `onRejection` callback).
    public static let clientCertificateNotTrusted: DiagnosticCode = "client-certificate-not-trusted"
    /// A configuration was asked for a consumer that takes a verification callback without
    /// the callback, or a callback for one described as having no hook.
    public static let nioConsumerNeedsCallback: DiagnosticCode = "nio-consumer-needs-callback"
    /// A framework's connection failed, but a handshake with the same settings succeeds: the
    /// cause lies beyond the TLS settings (``FailureExplanation``).
    public static let connectionFailedAfterHandshake: DiagnosticCode = "connection-failed-after-handshake"
    /// A reload changes a setting a running framework keeps from start-up (versions, ciphers,
    /// ALPN, peer verification, or the roots of a consumer that verifies alone): refused, and
    /// the last good context stays.
    public static let reloadNeedsRestart: DiagnosticCode = "reload-needs-restart"
    /// A note: what the system trust store means on the configuration path.
    public static let nioSystemTrust: DiagnosticCode = "nio-system-trust"
}
#endif
