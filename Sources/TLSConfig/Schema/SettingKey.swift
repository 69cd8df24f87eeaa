/// Every setting TLSConfig knows. File keys, tool environment variables and the documentation
/// are all derived from this one list, so they cannot drift apart.
public enum SettingKey: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Which CAs to trust: `system`, `custom` or `system+custom`.
    case trust
    /// PEM bundle(s) of trusted CAs.
    case caFile = "ca-file"
    /// Directories of CA certificates, hashed or not.
    case caDir = "ca-dir"
    /// The certificate presented (PEM chain, optionally with its key, or PKCS#12).
    case clientCert = "client-cert"
    /// A separate private key file.
    case clientKey = "client-key"
    /// Where the key's passphrase comes from (`env:NAME` or `file:PATH`).
    case clientKeyPassphrase = "client-key-passphrase"
    /// How much of the peer certificate is checked.
    case verify
    /// The oldest TLS version allowed.
    case minVersion = "min-version"
    /// The newest TLS version allowed.
    case maxVersion = "max-version"
    /// TLS 1.2 cipher list (OpenSSL syntax).
    case ciphers
    /// TLS 1.3 cipher suites.
    case ciphersuites
    /// The name sent in SNI and checked against the certificate.
    case serverName = "server-name"
    /// ALPN protocols offered.
    case alpn
    /// SPKI pins in curl's `sha256//BASE64` syntax.
    case pinnedPublicKeys = "pinned-public-keys"
    /// PEM CRL(s); enables CRL checks of the leaf.
    case crlFile = "crl-file"
    /// A server's own certificate (PEM chain, optionally with its key, or PKCS#12).
    case cert
    /// A server's separate private key file.
    case key
    /// Where a server key's passphrase comes from (`env:NAME` or `file:PATH`).
    case keyPassphrase = "key-passphrase"
    /// Whether a server asks for client certificates: `none`, `optional` or `required`.
    case clientAuth = "client-auth"

    /// Settings that are always taken together from one place.
    public enum Group: String, Sendable, Hashable, CaseIterable {
        /// `trust`, `ca-file` and `ca-dir`: taken whole from one place.
        case trust
        /// `client-cert`, `client-key` and `client-key-passphrase` (a server's `cert`, `key` and
        /// `key-passphrase`): taken whole from one place.
        case identity

        /// The keys in the group.
        public var members: [SettingKey] {
            SettingKey.allCases.filter { $0.group == self }
        }
    }

    /// The shape of a value, which decides how files and variables are parsed.
    package enum ValueKind: Sendable, Hashable {
        /// One path; relative paths resolve against the file that wrote them.
        case path
        /// One path or a list of them. In environment variables, `:`-separated.
        case pathList
        /// One of a fixed set of spellings.
        case choice([String])
        /// Free text.
        case text
        /// One string or a list. In environment variables, separated by `separator`.
        case textList(separator: Character)
        /// `env:NAME` or `file:PATH`.
        case passphraseSource
    }

    /// The key as written in TOML and YAML files.
    public var fileKey: String { rawValue }

    /// The key in a tool's environment variable: `ca-file` gives `CA_FILE`.
    public var environmentSuffix: String {
        Self.environmentSuffixes[self]!
    }

    /// Upper case, `-` as `_`; built once, since every resolution asks for all of them.
    private static let environmentSuffixes: [SettingKey: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { key in
            (
                key,
                String(
                    decoding: key.rawValue.utf8.map { byte in
                        byte == UInt8(ascii: "-")
                            ? UInt8(ascii: "_")
                            : (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 0x20 : byte
                    }, as: UTF8.self)
            )
        })

    /// The tool environment variable for this key, such as `TLSCONFIG_CA_FILE`.
    public func environmentVariable(prefix: String) -> String {
        "\(prefix)_\(environmentSuffix)"
    }

    /// The atomic group the key belongs to, if any.
    public var group: Group? {
        switch self {
        case .trust, .caFile, .caDir: .trust
        case .clientCert, .clientKey, .clientKeyPassphrase, .cert, .key, .keyPassphrase: .identity
        default: nil
        }
    }

    /// The roles the key means something in; in another role it is an error with the key to use
    /// instead (``counterpart(in:)``). Decided here for every path: files, variables, providers, code.
    public var roles: Set<TLSRole> {
        switch self {
        case .clientCert, .clientKey, .clientKeyPassphrase, .verify, .serverName, .pinnedPublicKeys: [.client]
        case .cert, .key, .keyPassphrase, .clientAuth: [.server]
        case .trust, .caFile, .caDir, .minVersion, .maxVersion, .ciphers, .ciphersuites, .alpn, .crlFile:
            [.client, .server]
        }
    }

    /// `client-key-passphrase` or `key-passphrase`.
    package var isIdentityPassphrase: Bool { self == .clientKeyPassphrase || self == .keyPassphrase }
    /// `client-cert` or `cert`.
    package var isIdentityCertificate: Bool { self == .clientCert || self == .cert }

    /// The keys of `role`, in schema order: what `show` lists for it.
    public static func keys(for role: TLSRole) -> [SettingKey] {
        allCases.filter { $0.roles.contains(role) }
    }

    /// What to write instead when this key is used in `role`, where it means nothing: the
    /// other role's spelling of the same thing, or what does that job there.
    public func counterpart(in role: TLSRole) -> (key: SettingKey?, advice: String) {
        switch (self, role) {
        case (.clientCert, .server): (.cert, "a server's own certificate is cert")
        case (.clientKey, .server): (.key, "a server's own key is key")
        case (.clientKeyPassphrase, .server): (.keyPassphrase, "a server key's passphrase is key-passphrase")
        case (.verify, .server):
            (
                .clientAuth,
                "a server checks client certificates as client-auth says (none, optional, required), against ca-file and ca-dir"
            )
        case (.serverName, .server):
            (
                nil,
                "server-name is the name a client sends and checks; a server's names are the subjectAltNames of its certificate"
            )
        case (.pinnedPublicKeys, .server):
            (nil, "a server does not pin client keys; trust only the CA that issues client certificates with ca-file")
        case (.cert, .client): (.clientCert, "a client's certificate is client-cert")
        case (.key, .client): (.clientKey, "a client's key is client-key")
        case (.keyPassphrase, .client): (.clientKeyPassphrase, "a client key's passphrase is client-key-passphrase")
        case (.clientAuth, .client): (.verify, "client-auth is for servers; a client checks the server as verify says")
        default: (nil, "\(self) means nothing in the \(role) role")
        }
    }

    package var valueKind: ValueKind {
        switch self {
        case .trust: .choice(TrustSettings.Mode.allCases.map(\.rawValue))
        case .caFile, .caDir: .pathList
        case .clientCert, .clientKey, .crlFile, .cert, .key: .path
        case .clientKeyPassphrase, .keyPassphrase: .passphraseSource
        case .clientAuth: .choice(ClientAuthentication.allCases.map(\.rawValue))
        case .verify: .choice(PeerVerification.allCases.map(\.rawValue))
        case .minVersion, .maxVersion: .choice(TLSProtocolVersion.allCases.map(\.rawValue))
        case .ciphers, .ciphersuites: .textList(separator: ":")
        case .serverName: .text
        case .alpn: .textList(separator: ",")
        case .pinnedPublicKeys: .textList(separator: ";")
        }
    }

    /// Whether the resolved value is a list (JSON gives an array). Cipher lists are one OpenSSL string.
    public var isList: Bool {
        switch self {
        case .caFile, .caDir, .alpn, .pinnedPublicKeys: true
        default: false
        }
    }

    /// One line for references and `--help`.
    public var summary: String {
        switch self {
        case .trust: "Which CAs to trust: \"system\", \"custom\" (only the CAs configured) or \"system+custom\"."
        case .caFile: "PEM bundle(s) of trusted CA certificates."
        case .caDir: "Directory(ies) of CA certificates, hashed (c_rehash) or not."
        case .clientCert: "Client certificate: PEM (leaf, intermediates, optionally the key) or PKCS#12."
        case .clientKey: "Client private key, when it is not inside client-cert."
        case .clientKeyPassphrase: "Where the key's passphrase comes from: env:NAME or file:PATH."
        case .verify: "Server certificate checks: \"full\", \"no-hostname\" or \"none\"."
        case .minVersion: "Lowest TLS version: \"1.2\" or \"1.3\" (\"1.0\"/\"1.1\" warned about)."
        case .maxVersion: "Highest TLS version."
        case .ciphers: "TLS 1.2 cipher list (OpenSSL syntax)."
        case .ciphersuites: "TLS 1.3 cipher suites."
        case .serverName: "Name sent in SNI and checked against the certificate."
        case .alpn: "ALPN protocols, in order of preference."
        case .pinnedPublicKeys: "SPKI pins, sha256//BASE64 (curl syntax)."
        case .crlFile: "PEM CRL file; enables CRL checks of the leaf certificate."
        case .cert: "Server certificate: PEM (leaf, intermediates, optionally the key) or PKCS#12."
        case .key: "Server private key, when it is not inside cert."
        case .keyPassphrase: "Where the server key's passphrase comes from: env:NAME or file:PATH."
        case .clientAuth: "Whether the server asks for client certificates: \"none\", \"optional\" or \"required\"."
        }
    }

    /// A realistic value for templates and documentation.
    public var example: [String] {
        switch self {
        case .trust: ["system+custom"]
        case .caFile: ["certs/internal-ca.pem"]
        case .caDir: ["/etc/ssl/certs"]
        case .clientCert: ["certs/client.pem"]
        case .clientKey: ["certs/client.key"]
        case .clientKeyPassphrase: ["env:CLIENT_KEY_PASSPHRASE"]
        case .verify: ["full"]
        case .minVersion: ["1.2"]
        case .maxVersion: ["1.3"]
        case .ciphers: ["ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"]
        case .ciphersuites: ["TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384"]
        case .serverName: ["api.example.com"]
        case .alpn: ["h2", "http/1.1"]
        case .pinnedPublicKeys: ["sha256//YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg="]
        case .crlFile: ["certs/crl.pem"]
        case .cert: ["certs/server.pem"]
        case .key: ["certs/server.key"]
        case .keyPassphrase: ["env:SERVER_KEY_PASSPHRASE"]
        case .clientAuth: ["required"]
        }
    }

    /// What applies when nothing sets the key.
    public var defaultDescription: String {
        switch self {
        case .trust: "\(TrustSettings.system.mode.rawValue) (custom when ca-file or ca-dir is set)"
        case .caFile, .caDir: "none (the system store)"
        case .clientCert: "none"
        case .clientKey: "the key inside client-cert"
        case .clientKeyPassphrase: "none"
        case .verify: TLSSettings().verification.rawValue
        case .minVersion: TLSVersionRange.default.minimum.rawValue
        case .maxVersion: "newest supported"
        case .ciphers, .ciphersuites: "the TLS library's default"
        case .serverName: "the host connected to"
        case .alpn, .pinnedPublicKeys, .crlFile: "none"
        case .cert: "none (a server needs one)"
        case .key: "the key inside cert"
        case .keyPassphrase: "none"
        case .clientAuth: ClientAuthentication.none.rawValue
        }
    }

    /// A short type name for documentation and errors.
    public var typeDescription: String {
        switch valueKind {
        case .path: "path"
        case .pathList: "path or list of paths"
        case .choice(let values): values.map { "\"\($0)\"" }.joined(separator: " | ")
        case .text: "string"
        case .textList: "string or list of strings"
        case .passphraseSource: "\"env:NAME\" | \"file:PATH\""
        }
    }

    /// Keys sort in declaration order, the order `show` and the reference list them in.
    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The key as files spell it, such as `ca-file`.
    public var description: String { rawValue }
}

extension SettingKey {
    /// A variable's value as items: lists split on the key's separator (`:` for paths, `,` for
    /// ALPN and pins), other keys one item. One rule for every place that holds settings as
    /// single strings: variables, and keyed providers.
    package func items(ofVariableValue raw: String) -> (items: [String], isList: Bool) {
        switch valueKind {
        case .pathList:
            return (raw.split(separator: ":", omittingEmptySubsequences: true).map(String.init), true)
        case .textList(let separator):
            return (raw.split(separator: separator, omittingEmptySubsequences: true).map(\.trimmingWhitespace), true)
        default:
            return ([raw], false)
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace: list items written as `h2, http/1.1`.
    package var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
