#if NIO
public import TLSConfig

extension TLSConsumer {
    /// A setting, or a rule of one, that a consumer cannot enforce. By default a configuration
    /// that has one fails with the `nio-setting-not-enforced` error naming it, the consumer and
    /// its origin; a host tool that enforces it another way (or decides to live without it)
    /// accepts the loss in code, and the finding stays as a warning.
    public enum UnenforcedSetting: String, Sendable, Hashable, CaseIterable {
        /// `verify`: a consumer that verifies with swift-nio-ssl alone applies its rules, not
        /// TLSConfig's: a certificate without subjectAltName is matched by its common name, an IP
        /// subjectAltName matching the address connected to is accepted whatever name is checked,
        /// and there is no security level (weak keys, SHA-1 signatures).
        case verify
        /// `pinned-public-keys`: needs a verification hook.
        case pinnedPublicKeys = "pinned-public-keys"
        /// `crl-file`: swift-nio-ssl has no CRL support; needs a verification hook.
        case crlFile = "crl-file"
        /// `alpn`: the consumer sets its own list, or speaks one protocol whatever is negotiated.
        case alpn
        /// `server-name`: the consumer sends SNI and checks the name it is given.
        case serverName = "server-name"
        /// `ciphersuites`: BoringSSL offers a fixed set of TLS 1.3 suites.
        case ciphersuites
        /// `min-version` above TLS 1.2: the consumer sets its own minimum (gRPC's is 1.2).
        case minVersion = "min-version"
        /// `max-version`: the consumer sets no maximum.
        case maxVersion = "max-version"
        /// `ciphers`: the consumer uses BoringSSL's default list.
        case ciphers
        /// `client-auth = "optional"`: the consumer asks for client certificates as required or
        /// not at all; accepted, they are required.
        case clientAuth = "client-auth"

        /// The key it stands for.
        public var settingKey: SettingKey {
            SettingKey(rawValue: rawValue)!
        }
    }
}

package typealias UnenforcedSetting = TLSConsumer.UnenforcedSetting
#endif
