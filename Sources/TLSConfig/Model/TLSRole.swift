/// Which end of the connection a resolution is for. The role decides which keys and variables
/// apply and which checks run, in one place (``SettingKey/roles``): a client presents
/// `client-cert` and verifies the server (`verify`, `server-name`, `pinned-public-keys`); a
/// server presents `cert` and asks for client certificates as `client-auth` says, trusting
/// `ca-file`/`ca-dir` for them.
public enum TLSRole: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Opens connections: the default.
    case client
    /// Accepts connections.
    case server

    /// The identity group's keys as this role spells them.
    package var identityKeys: IdentityKeys {
        switch self {
        case .client:
            IdentityKeys(certificate: .clientCert, key: .clientKey, passphrase: .clientKeyPassphrase, role: self)
        case .server: IdentityKeys(certificate: .cert, key: .key, passphrase: .keyPassphrase, role: self)
        }
    }

    /// `client` or `server`.
    public var description: String { rawValue }
}

/// The certificate, key and passphrase keys of one role, and how messages name them.
package struct IdentityKeys: Sendable, Hashable {
    /// `client-cert` or `cert`.
    package let certificate: SettingKey
    /// `client-key` or `key`.
    package let key: SettingKey
    /// `client-key-passphrase` or `key-passphrase`.
    package let passphrase: SettingKey
    /// Whose identity it is.
    package let role: TLSRole

    /// "client certificate" or "server certificate".
    package var certificateName: String { "\(role) certificate" }
    /// "client key" or "server key".
    package var keyName: String { "\(role) key" }
}
