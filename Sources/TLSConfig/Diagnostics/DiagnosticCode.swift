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
    ///
    /// Fix: correct the spelling (the message names the nearest key) or remove the key; `tlsconfig
    /// init` writes a file listing every key.
    public static let unknownKey: Diagnostic.Code = "unknown-key"
    /// A value of the wrong type, such as a number where a path belongs.
    ///
    /// Fix: write the value as the key's type from the settings reference: a quoted string for a
    /// path, a list in brackets for several.
    public static let wrongType: Diagnostic.Code = "wrong-type"
    /// A value outside the allowed spellings; the message lists them.
    ///
    /// Fix: use one of the spellings the message lists.
    public static let invalidValue: Diagnostic.Code = "invalid-value"
    /// A `[hosts."PATTERN"]` that is not a host, wildcard, IP address or `[IPv6]`, with optional port.
    ///
    /// Fix: write `HOST`, `*.DOMAIN`, an IP address or `[IPv6]`, each with an optional `:PORT`.
    public static let invalidHostPattern: Diagnostic.Code = "invalid-host-pattern"
    /// A warning: a wildcard host section over a whole top-level domain, such as `*.com`.
    ///
    /// Fix: narrow the pattern to the domain you mean, such as `*.example.com`.
    public static let broadHostPattern: Diagnostic.Code = "broad-host-pattern"
    /// A note: a passphrase source is set for a key that is not encrypted.
    ///
    /// Fix: remove the passphrase setting, or encrypt the key if it should be.
    public static let passphraseNotNeeded: Diagnostic.Code = "passphrase-not-needed"
    /// Two host sections whose patterns normalise to the same one.
    ///
    /// Fix: merge the two sections into one.
    public static let duplicateHostPattern: Diagnostic.Code = "duplicate-host-pattern"
    /// `client-key-passphrase` that is not `env:NAME` or `file:PATH` (never echoed).
    ///
    /// Fix: write `env:NAME` or `file:PATH`; never the passphrase itself.
    public static let invalidPassphraseSource: Diagnostic.Code = "invalid-passphrase-source"
    /// A pinned public key that is not `sha256//BASE64` of 32 bytes.
    ///
    /// Fix: write `sha256//` and the base64 SHA-256 of the SubjectPublicKeyInfo, as `tlsconfig
    /// connect --show-certs` prints it.
    public static let invalidPin: Diagnostic.Code = "invalid-pin"
    /// The host to resolve for is not `HOST`, `HOST:PORT` or an IP address.
    ///
    /// Fix: give `HOST`, `HOST:PORT`, an IP address or `[IPv6]:PORT`, without a scheme or path.
    public static let invalidHost: Diagnostic.Code = "invalid-host"
    /// A warning: a `PREFIX_*` variable that names no setting (a typo changes nothing otherwise).
    ///
    /// Fix: correct the variable's name (the message suggests one) or unset it.
    public static let unknownVariable: Diagnostic.Code = "unknown-variable"
    /// A warning: `ResolverConfiguration.configReader` is set but `layers` has no `configReader`,
    /// so the providers are not read.
    ///
    /// Fix: add `.configReader` to `ResolverConfiguration.layers`, or stop setting `configReader`.
    public static let configReaderNotInLayers: Diagnostic.Code = "config-reader-not-in-layers"

    // Files named by settings.
    /// A configured file or directory does not exist.
    ///
    /// Fix: correct the path, or create the file; `show` says which setting and place named it.
    public static let pathNotFound: Diagnostic.Code = "path-not-found"
    /// A configured file is a directory, FIFO, device or socket, refused before it is opened.
    ///
    /// Fix: point the setting at a regular file (a link to one is fine).
    public static let notARegularFile: Diagnostic.Code = "not-a-regular-file"
    /// A configured CA directory is not a directory.
    ///
    /// Fix: point `ca-dir` at a directory, or use `ca-file` for a bundle.
    public static let notADirectory: Diagnostic.Code = "not-a-directory"
    /// A configured path exists but cannot be read (permissions, a symlink loop).
    ///
    /// Fix: fix the permissions along the path (`namei -l PATH` shows them), or break the
    /// symbolic-link loop.
    public static let pathUnreadable: Diagnostic.Code = "path-unreadable"
    /// A configured file is empty.
    ///
    /// Fix: write the certificate, key or bundle into the file, or point the setting at the right
    /// one.
    public static let fileEmpty: Diagnostic.Code = "file-empty"
    /// A configured file is larger than `ResolverConfiguration.maximumFileSize`.
    ///
    /// Fix: point the setting at the right file, or raise `ResolverConfiguration.maximumFileSize`
    /// in the tool.
    public static let fileTooLarge: Diagnostic.Code = "file-too-large"
    /// A CA file holds no PEM certificate block.
    ///
    /// Fix: point `ca-file` at a PEM bundle of `BEGIN CERTIFICATE` blocks (convert DER with
    /// `openssl x509 -inform der`).
    public static let caFileWithoutCertificates: Diagnostic.Code = "ca-file-without-certificates"
    /// A warning: a CA file holds a private key, which a trust bundle should never carry.
    ///
    /// Fix: remove the key from the bundle and rotate it: anyone who could read the bundle could
    /// read the key.
    public static let privateKeyInCAFile: Diagnostic.Code = "private-key-in-ca-file"
    /// A note: a CA directory has no hash links, so every certificate file in it is loaded.
    ///
    /// Fix: nothing to do; `openssl rehash DIR` makes lookups lazy for large directories.
    public static let caDirectoryNotHashed: Diagnostic.Code = "ca-dir-not-hashed"
    /// A CA directory without hash links holds no certificate.
    ///
    /// Fix: put PEM certificates in the directory, or point `ca-dir` at the right one.
    public static let caDirectoryWithoutCertificates: Diagnostic.Code = "ca-dir-without-certificates"
    /// The client certificate file holds no PEM certificate.
    ///
    /// Fix: point `client-cert` at a PEM file with a `BEGIN CERTIFICATE` block, or at a PKCS#12
    /// file.
    public static let clientCertificateWithoutCertificate: Diagnostic.Code = "client-cert-without-certificate"
    /// Neither `client-key` nor the certificate file holds a private key.
    ///
    /// Fix: set `client-key` to the key file, or append the key to the certificate file.
    public static let clientKeyMissing: Diagnostic.Code = "client-key-missing"
    /// `client-key` or `client-key-passphrase` set where no `client-cert` is set.
    ///
    /// Fix: set `client-cert` (or `cert` for a server) in the same place, or remove the key
    /// settings.
    public static let identityWithoutCertificate: Diagnostic.Code = "identity-without-certificate"
    /// The `client-key` file holds no PEM private key.
    ///
    /// Fix: point the key setting at a PEM file with a `PRIVATE KEY` block.
    public static let keyFileWithoutKey: Diagnostic.Code = "key-file-without-key"
    /// An encrypted PEM key with no passphrase source: TLSConfig never prompts.
    ///
    /// Fix: set `client-key-passphrase` (or `key-passphrase`) to `env:NAME` or `file:PATH`.
    public static let encryptedKeyWithoutPassphrase: Diagnostic.Code = "encrypted-key-without-passphrase"
    /// The passphrase source names an unset variable or an unreadable file.
    ///
    /// Fix: set the variable, or make the passphrase file readable, that the passphrase source
    /// names.
    public static let passphraseUnavailable: Diagnostic.Code = "passphrase-unavailable"
    /// A warning: a private key is readable by its group or others.
    ///
    /// Fix: `chmod 600` the key file.
    public static let privateKeyPermissions: Diagnostic.Code = "private-key-permissions"
    /// The CRL file holds no PEM CRL block.
    ///
    /// Fix: point `crl-file` at a PEM file with `BEGIN X509 CRL` blocks.
    public static let crlFileWithoutCRL: Diagnostic.Code = "crl-file-without-crl"

    // Combinations.
    /// `min-version` is above `max-version`.
    ///
    /// Fix: lower `min-version` or raise `max-version`.
    public static let versionRangeInverted: Diagnostic.Code = "version-range-inverted"
    /// A warning: TLS 1.0 or 1.1 allowed (RFC 8996).
    ///
    /// Fix: raise `min-version` to "1.2" once the server allows it.
    public static let deprecatedVersion: Diagnostic.Code = "deprecated-tls-version"
    /// A warning: `verify = "none"` accepts any server.
    ///
    /// Fix: trust the server's CA with `ca-file` instead, and remove `verify = "none"`.
    public static let verificationDisabled: Diagnostic.Code = "verification-disabled"
    /// `trust = "custom"` or `"system+custom"` with no CA file or directory in the same place.
    ///
    /// Fix: set `ca-file` or `ca-dir` in the same place as `trust`, or use `trust = "system"`.
    public static let customTrustWithoutCAs: Diagnostic.Code = "custom-trust-without-cas"
    /// A warning: a CA file or directory that `trust = "system"` leaves unused.
    ///
    /// Fix: set `trust = "system+custom"` to use the CAs too, or remove them.
    public static let caSourceNotInEffect: Diagnostic.Code = "ca-not-in-effect"

    // Configuration files.
    /// A TOML or YAML syntax error, at its line and column.
    ///
    /// Fix: fix the file at the line and column shown.
    public static let configSyntax: Diagnostic.Code = "config-syntax"
    /// An explicitly named configuration file (`--config`, `PREFIX_CONFIG`) does not exist.
    ///
    /// Fix: correct the path in `--config` or `PREFIX_CONFIG`, or create the file.
    public static let configFileNotFound: Diagnostic.Code = "config-file-not-found"
    /// A configuration file that cannot be read, or is not a regular file.
    ///
    /// Fix: fix the file's permissions, or point at a regular file.
    public static let configFileUnreadable: Diagnostic.Code = "config-file-unreadable"
    /// A configuration file above the size limit.
    ///
    /// Fix: point at the right file: a TLS configuration is a few kilobytes.
    public static let configFileTooLarge: Diagnostic.Code = "config-file-too-large"
    /// A configuration file that is not UTF-8, with the offset of the first bad byte.
    ///
    /// Fix: save the file as UTF-8.
    public static let configFileInvalidUTF8: Diagnostic.Code = "config-file-invalid-utf8"
    /// A warning: the working directory is unknown (deleted, too deep), so no project file was looked for.
    ///
    /// Fix: run from an existing directory, or name the file with `--config`.
    public static let projectDiscoverySkipped: Diagnostic.Code = "project-discovery-skipped"
    /// Two configuration files in one scope (say `tlsconfig.toml` and `tlsconfig.yaml`).
    ///
    /// Fix: merge the files into one and delete the other.
    public static let conflictingConfigFiles: Diagnostic.Code = "conflicting-config-files"
    /// A configuration file others can change, and with it your trust: an error for a file
    /// found by discovery (it is not read), a warning for one named explicitly.
    ///
    /// Fix: `chmod o-w` the file (and its directory).
    public static let configFileWorldWritable: Diagnostic.Code = "config-file-world-writable"
    /// A discovered configuration file, or a project file's directory, owned by another user
    /// than you or root: it is not read (git's rule since CVE-2022-24765).
    ///
    /// Fix: `chown` the file to yourself, or list its directory in `safe-directories` of your user
    /// configuration or in `PREFIX_SAFE_DIRECTORIES`.
    public static let configFileNotOwned: Diagnostic.Code = "config-file-not-owned"
    /// A setting that weakens verification or changes what is trusted, in a project file that
    /// has not been trusted (`tlsconfig trust`): it does not apply.
    ///
    /// Fix: review the file, then `tlsconfig trust PATH` (or the tool's `tls trust`), or move the
    /// setting to your user configuration.
    public static let untrustedProjectSetting: Diagnostic.Code = "untrusted-project-setting"
    /// `safe-directories` outside the user's or the system's configuration file.
    ///
    /// Fix: move `safe-directories` to your user configuration file, or remove it.
    public static let safeDirectoriesMisplaced: Diagnostic.Code = "safe-directories-misplaced"
    /// The file of trusted project files cannot be used (not owned by you, unreadable, malformed line).
    ///
    /// Fix: fix or remove the file the message names; `tlsconfig trust` writes it anew.
    public static let trustRecordsUnusable: Diagnostic.Code = "trust-records-unusable"
    /// A warning: a host resolved without a port, while sections written for host:port exist.
    ///
    /// Fix: give the port (`HOST:PORT`) so that sections written for it apply.
    public static let portSectionsNotConsidered: Diagnostic.Code = "port-sections-not-considered"
    /// A key of the other role: `client-cert` in a server's settings, `client-auth` in a client's.
    ///
    /// Fix: use the role's own key (`cert` and `key` for a server, `client-cert` and `client-key`
    /// for a client).
    public static let settingNotForRole: Diagnostic.Code = "setting-not-for-role"
    /// A server asks for client certificates but no CA for them is configured (the system
    /// store would let in anyone with a publicly issued certificate).
    ///
    /// Fix: set `ca-file` or `ca-dir` to the CA that issues client certificates.
    public static let clientAuthWithoutCAs: Diagnostic.Code = "client-auth-without-cas"
    /// A warning: a server trusts the system store for client certificates because
    /// `trust = "system"` (or `system+custom`) says so.
    ///
    /// Fix: set `trust = "custom"` with the client CA in `ca-file`.
    public static let clientAuthTrustsPublicCAs: Diagnostic.Code = "client-auth-trusts-public-cas"
    /// A note: the code that built a server context chose client authentication, over the setting.
    ///
    /// Fix: nothing to do; to let operators choose, drop the parameter and set `client-auth`.
    public static let clientAuthOverriddenInCode: Diagnostic.Code = "client-auth-overridden-in-code"
    /// A warning: an entry of a CA directory that is not a regular file (a FIFO, a socket, a
    /// device); it is skipped, since opening it could block.
    ///
    /// Fix: remove the entry from the CA directory.
    public static let caDirectorySpecialEntry: Diagnostic.Code = "ca-directory-special-entry"
}
