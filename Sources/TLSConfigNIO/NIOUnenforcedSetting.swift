#if NIO
public import TLSConfig

/// A setting that a consumer cannot enforce. By default a configuration that has one fails
/// with the `nio-setting-not-enforced` error naming it and its origin; a host tool that
/// enforces it another way (or decides to live without it) accepts the loss in code, and the
/// finding stays as a warning.
public enum NIOUnenforcedSetting: String, Sendable, Hashable, CaseIterable {
    /// `pinned-public-keys`: needs a verification hook.
    case pinnedPublicKeys = "pinned-public-keys"
    /// `crl-file`: swift-nio-ssl has no CRL support; needs a verification hook.
    case crlFile = "crl-file"
    /// `alpn`: AsyncHTTPClient sends its own list.
    case alpn
    /// `server-name`: the consumer sends SNI and checks the name it is given.
    case serverName = "server-name"
    /// `ciphersuites`: BoringSSL offers a fixed set of TLS 1.3 suites.
    case ciphersuites

    /// The key it stands for.
    public var settingKey: SettingKey {
        SettingKey(rawValue: rawValue)!
    }
}
#endif
