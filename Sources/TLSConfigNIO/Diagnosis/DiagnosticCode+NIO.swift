#if NIO
public import TLSConfig

/// Findings only the NIO adapter makes: what swift-nio-ssl (BoringSSL) or its consumer
/// cannot do with settings that OpenSSL accepts.
extension Diagnostic.Code {
    /// A setting the chosen consumer cannot enforce: an error unless the host tool accepts the loss.
    ///
    /// Fix: use a consumer that can enforce the setting, remove the setting, or accept the loss in
    /// code (`accepting:`).
    public static let nioSettingNotEnforced: Diagnostic.Code = "nio-setting-not-enforced"
    /// A warning: ciphers of `ciphers` that BoringSSL does not implement are left out.
    ///
    /// Fix: remove the ciphers BoringSSL lacks, or accept the rest.
    public static let nioCipherUnavailable: Diagnostic.Code = "nio-cipher-unavailable"
    /// None of the ciphers of `ciphers` is implemented by BoringSSL.
    ///
    /// Fix: list ciphers BoringSSL implements, such as `ECDHE-ECDSA-AES128-GCM-SHA256`.
    public static let nioNoUsableCipher: Diagnostic.Code = "nio-no-usable-cipher"
    /// `ciphersuites` restricts TLS 1.3 suites, which BoringSSL does not allow: an error
    /// unless accepted; a note when only the order differs.
    ///
    /// Fix: remove `ciphersuites`, or accept `.ciphersuites` in code.
    public static let nioCipherSuitesFixed: Diagnostic.Code = "nio-ciphersuites-fixed"
    /// swift-nio-ssl refuses the certificate or key that OpenSSL loaded.
    ///
    /// Fix: use an RSA or ECDSA key in PEM or PKCS#12, as swift-nio-ssl supports.
    public static let nioIdentityRefused: Diagnostic.Code = "nio-identity-refused"
    /// swift-nio-ssl could not build a context from the configuration.
    ///
    /// Fix: read swift-nio-ssl's error in the message; `tlsconfig check` shows whether the settings
    /// are at fault.
    public static let nioContextFailed: Diagnostic.Code = "nio-context-failed"
    /// A server's handler refused a client's chain (from the `onRejection` callback).
    ///
    /// Fix: issue the client a certificate from a CA in the server's `ca-file`, or add its CA.
    public static let clientCertificateNotTrusted: Diagnostic.Code = "client-certificate-not-trusted"
    /// A configuration was asked for a consumer that takes a verification callback without
    /// the callback, or a callback for one described as having no hook.
    ///
    /// Fix: ask for `configurationWithVerifier(for:)` for that consumer, or choose the consumer
    /// that matches the framework.
    public static let nioConsumerNeedsCallback: Diagnostic.Code = "nio-consumer-needs-callback"
    /// A framework's connection failed, but a handshake with the same settings succeeds: the
    /// cause lies beyond the TLS settings (``FailureExplanation``).
    ///
    /// Fix: look at the error itself and the server's logs: the TLS settings are not the cause.
    public static let connectionFailedAfterHandshake: Diagnostic.Code = "connection-failed-after-handshake"
    /// A reload changes a setting a running framework keeps from start-up (versions, ciphers,
    /// ALPN, peer verification, or the roots of a consumer that verifies alone): refused, and
    /// the last good context stays.
    ///
    /// Fix: restart the service to apply the change; the last good context stays in use until then.
    public static let reloadNeedsRestart: Diagnostic.Code = "reload-needs-restart"
    /// A note: what the system trust store means on the configuration path.
    ///
    /// Fix: nothing to do.
    public static let nioSystemTrust: Diagnostic.Code = "nio-system-trust"
}
#endif
