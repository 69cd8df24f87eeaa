#if NIO
public import TLSConfig

/// Findings only the NIO adapter makes: what swift-nio-ssl (BoringSSL) or its consumer
/// cannot do with settings that OpenSSL accepts.
extension Diagnostic.Code {
    /// A setting the chosen consumer cannot enforce: an error unless the host tool accepts the loss.
    public static let nioSettingNotEnforced: Diagnostic.Code = "nio-setting-not-enforced"
    /// A warning: ciphers of `ciphers` that BoringSSL does not implement are left out.
    public static let nioCipherUnavailable: Diagnostic.Code = "nio-cipher-unavailable"
    /// None of the ciphers of `ciphers` is implemented by BoringSSL.
    public static let nioNoUsableCipher: Diagnostic.Code = "nio-no-usable-cipher"
    /// `ciphersuites` restricts TLS 1.3 suites, which BoringSSL does not allow: an error
    /// unless accepted; a note when only the order differs.
    public static let nioCipherSuitesFixed: Diagnostic.Code = "nio-ciphersuites-fixed"
    /// swift-nio-ssl refuses the certificate or key that OpenSSL loaded.
    public static let nioIdentityRefused: Diagnostic.Code = "nio-identity-refused"
    /// swift-nio-ssl could not build a context from the configuration.
    public static let nioContextFailed: Diagnostic.Code = "nio-context-failed"
    /// A server's handler refused a client's chain (from the `onRejection` callback).
    public static let clientCertificateNotTrusted: Diagnostic.Code = "client-certificate-not-trusted"
    /// A configuration was asked for a consumer that takes a verification callback without
    /// the callback, or a callback for one described as having no hook.
    public static let nioConsumerNeedsCallback: Diagnostic.Code = "nio-consumer-needs-callback"
    /// A framework's connection failed, but a handshake with the same settings succeeds: the
    /// cause lies beyond the TLS settings (``FailureExplanation``).
    public static let connectionFailedAfterHandshake: Diagnostic.Code = "connection-failed-after-handshake"
    /// A reload changes a setting a running framework keeps from start-up (versions, ciphers,
    /// ALPN, peer verification, or the roots of a consumer that verifies alone): refused, and
    /// the last good context stays.
    public static let reloadNeedsRestart: Diagnostic.Code = "reload-needs-restart"
    /// A note: what the system trust store means on the configuration path.
    public static let nioSystemTrust: Diagnostic.Code = "nio-system-trust"
}
#endif
