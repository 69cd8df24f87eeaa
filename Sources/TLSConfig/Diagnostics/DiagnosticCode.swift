extension Diagnostic {
    /// A stable identifier for a kind of finding. Scripts and tests match on it; messages may change.
    /// Other modules add their own codes in extensions.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// The stable spelling, such as `path-not-found`.
        public let rawValue: String

        /// A code from its spelling.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// A code from a literal, for extensions that add codes.
        public init(stringLiteral value: String) {
            self.rawValue = value
        }

        /// The spelling.
        public var description: String { rawValue }
    }
}

package typealias DiagnosticCode = Diagnostic.Code

extension Diagnostic.Code {
    // Values in files and variables.
    /// A key the schema does not know; the message suggests the nearest one.
    public static let unknownKey: Diagnostic.Code = "unknown-key"
    /// A value of the wrong type, such as a number where a path belongs.
    public static let wrongType: Diagnostic.Code = "wrong-type"
    /// A value outside the allowed spellings; the message lists them.
    public static let invalidValue: Diagnostic.Code = "invalid-value"
    /// A `[hosts."PATTERN"]` that is not a host, wildcard, IP address or `[IPv6]`, with optional port.
    public static let invalidHostPattern: Diagnostic.Code = "invalid-host-pattern"
    /// A warning: a wildcard host section over a whole top-level domain, such as `*.com`.
    public static let broadHostPattern: Diagnostic.Code = "broad-host-pattern"
    /// A note: a passphrase source is set for a key that is not encrypted.
    public static let passphraseNotNeeded: Diagnostic.Code = "passphrase-not-needed"
    /// Two host sections whose patterns normalise to the same one.
    public static let duplicateHostPattern: Diagnostic.Code = "duplicate-host-pattern"
    /// `client-key-passphrase` that is not `env:NAME` or `file:PATH` (never echoed).
    public static let invalidPassphraseSource: Diagnostic.Code = "invalid-passphrase-source"
    /// A pinned public key that is not `sha256//BASE64` of 32 bytes.
    public static let invalidPin: Diagnostic.Code = "invalid-pin"
    /// The host to resolve for is not `HOST`, `HOST:PORT` or an IP address.
    public static let invalidHost: Diagnostic.Code = "invalid-host"
    /// A warning: a `PREFIX_*` variable that names no setting (a typo changes nothing otherwise).
    public static let unknownVariable: Diagnostic.Code = "unknown-variable"
    /// A warning: `ResolverConfiguration.configReader` is set but `layers` has no `configReader`,
    /// so the providers are not read.
    public static let configReaderNotInLayers: Diagnostic.Code = "config-reader-not-in-layers"

    // Files named by settings.
    /// A configured file or directory does not exist.
    public static let pathNotFound: Diagnostic.Code = "path-not-found"
    /// A configured file is a directory, FIFO, device or socket, refused before it is opened.
    public static let notARegularFile: Diagnostic.Code = "not-a-regular-file"
    /// A configured CA directory is not a directory.
    public static let notADirectory: Diagnostic.Code = "not-a-directory"
    /// A configured path exists but cannot be read (permissions, a symlink loop).
    public static let pathUnreadable: Diagnostic.Code = "path-unreadable"
    /// A configured file is empty.
    public static let fileEmpty: Diagnostic.Code = "file-empty"
    /// A configured file is larger than `ResolverConfiguration.maximumFileSize`.
    public static let fileTooLarge: Diagnostic.Code = "file-too-large"
    /// A CA file holds no PEM certificate block.
    public static let caFileWithoutCertificates: Diagnostic.Code = "ca-file-without-certificates"
    /// A warning: a CA file holds a private key, which a trust bundle should never carry.
    public static let privateKeyInCAFile: Diagnostic.Code = "private-key-in-ca-file"
    /// A note: a CA directory has no hash links, so every certificate file in it is loaded.
    public static let caDirectoryNotHashed: Diagnostic.Code = "ca-dir-not-hashed"
    /// A CA directory without hash links holds no certificate.
    public static let caDirectoryWithoutCertificates: Diagnostic.Code = "ca-dir-without-certificates"
    /// The client certificate file holds no PEM certificate.
    public static let clientCertificateWithoutCertificate: Diagnostic.Code = "client-cert-without-certificate"
    /// Neither `client-key` nor the certificate file holds a private key.
    public static let clientKeyMissing: Diagnostic.Code = "client-key-missing"
    /// `client-key` or `client-key-passphrase` set where no `client-cert` is set.
    public static let identityWithoutCertificate: Diagnostic.Code = "identity-without-certificate"
    /// The `client-key` file holds no PEM private key.
    public static let keyFileWithoutKey: Diagnostic.Code = "key-file-without-key"
    /// An encrypted PEM key with no passphrase source: TLSConfig never prompts.
    public static let encryptedKeyWithoutPassphrase: Diagnostic.Code = "encrypted-key-without-passphrase"
    /// The passphrase source names an unset variable or an unreadable file.
    public static let passphraseUnavailable: Diagnostic.Code = "passphrase-unavailable"
    /// A warning: a private key is readable by its group or others.
    public static let privateKeyPermissions: Diagnostic.Code = "private-key-permissions"
    /// The CRL file holds no PEM CRL block.
    public static let crlFileWithoutCRL: Diagnostic.Code = "crl-file-without-crl"

    // Combinations.
    /// `min-version` is above `max-version`.
    public static let versionRangeInverted: Diagnostic.Code = "version-range-inverted"
    /// A warning: TLS 1.0 or 1.1 allowed (RFC 8996).
    public static let deprecatedVersion: Diagnostic.Code = "deprecated-tls-version"
    /// A warning: `verify = "none"` accepts any server.
    public static let verificationDisabled: Diagnostic.Code = "verification-disabled"
    /// `trust = "custom"` or `"system+custom"` with no CA file or directory in the same place.
    public static let customTrustWithoutCAs: Diagnostic.Code = "custom-trust-without-cas"
    /// A warning: a CA file or directory that `trust = "system"` leaves unused.
    public static let caSourceNotInEffect: Diagnostic.Code = "ca-not-in-effect"

    // Configuration files.
    /// A TOML or YAML syntax error, at its line and column.
    public static let configSyntax: Diagnostic.Code = "config-syntax"
    /// An explicitly named configuration file (`--config`, `PREFIX_CONFIG`) does not exist.
    public static let configFileNotFound: Diagnostic.Code = "config-file-not-found"
    /// A configuration file that cannot be read, or is not a regular file.
    public static let configFileUnreadable: Diagnostic.Code = "config-file-unreadable"
    /// A configuration file above the size limit.
    public static let configFileTooLarge: Diagnostic.Code = "config-file-too-large"
    /// A configuration file that is not UTF-8, with the offset of the first bad byte.
    public static let configFileInvalidUTF8: Diagnostic.Code = "config-file-invalid-utf8"
    /// A warning: the working directory is unknown (deleted, too deep), so no project file was looked for.
    public static let projectDiscoverySkipped: Diagnostic.Code = "project-discovery-skipped"
    /// Two configuration files in one scope (say `tlsconfig.toml` and `tlsconfig.yaml`).
    public static let conflictingConfigFiles: Diagnostic.Code = "conflicting-config-files"
    /// A configuration file others can change, and with it your trust: an error for a file
    /// found by discovery (it is not read), a warning for one named explicitly.
    public static let configFileWorldWritable: Diagnostic.Code = "config-file-world-writable"
    /// A discovered configuration file, or a project file's directory, owned by another user
    /// than you or root: it is not read (git's rule since CVE-2022-24765).
    public static let configFileNotOwned: Diagnostic.Code = "config-file-not-owned"
    /// A setting that weakens verification or changes what is trusted, in a project file that
    /// has not been trusted (`tlsconfig trust`): it does not apply.
    public static let untrustedProjectSetting: Diagnostic.Code = "untrusted-project-setting"
    /// `safe-directories` outside the user's or the system's configuration file.
    public static let safeDirectoriesMisplaced: Diagnostic.Code = "safe-directories-misplaced"
    /// The file of trusted project files cannot be used (not owned by you, unreadable, malformed line).
    public static let trustRecordsUnusable: Diagnostic.Code = "trust-records-unusable"
    /// A warning: a host resolved without a port, while sections written for host:port exist.
    public static let portSectionsNotConsidered: Diagnostic.Code = "port-sections-not-considered"
    /// A key of the other role: `client-cert` in a server's settings, `client-auth` in a client's.
    public static let settingNotForRole: Diagnostic.Code = "setting-not-for-role"
    /// A server asks for client certificates but no CA for them is configured (the system
    /// store would let in anyone with a publicly issued certificate).
    public static let clientAuthWithoutCAs: Diagnostic.Code = "client-auth-without-cas"
    /// A warning: a server trusts the system store for client certificates because
    /// `trust = "system"` (or `system+custom`) says so.
    public static let clientAuthTrustsPublicCAs: Diagnostic.Code = "client-auth-trusts-public-cas"
    /// A note: the code that built a server context chose client authentication, over the setting.
    public static let clientAuthOverriddenInCode: Diagnostic.Code = "client-auth-overridden-in-code"
    /// A warning: an entry of a CA directory that is not a regular file (a FIFO, a socket, a
    /// device); it is skipped, since opening it could block.
    public static let caDirectorySpecialEntry: Diagnostic.Code = "ca-directory-special-entry"
}
