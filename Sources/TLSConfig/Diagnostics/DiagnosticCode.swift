/// A stable identifier for a kind of finding. Scripts and tests match on it; messages may change.
/// Other modules add their own codes in extensions.
public struct DiagnosticCode: Sendable, Hashable, RawRepresentable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }
}

extension DiagnosticCode {
    // Values in files and variables.
    public static let unknownKey: DiagnosticCode = "unknown-key"
    public static let wrongType: DiagnosticCode = "wrong-type"
    public static let invalidValue: DiagnosticCode = "invalid-value"
    public static let invalidHostPattern: DiagnosticCode = "invalid-host-pattern"
    public static let duplicateHostPattern: DiagnosticCode = "duplicate-host-pattern"
    public static let invalidPassphraseSource: DiagnosticCode = "invalid-passphrase-source"
    public static let invalidPin: DiagnosticCode = "invalid-pin"
    public static let invalidHost: DiagnosticCode = "invalid-host"

    // Files named by settings.
    public static let pathNotFound: DiagnosticCode = "path-not-found"
    public static let notARegularFile: DiagnosticCode = "not-a-regular-file"
    public static let notADirectory: DiagnosticCode = "not-a-directory"
    public static let pathUnreadable: DiagnosticCode = "path-unreadable"
    public static let fileEmpty: DiagnosticCode = "file-empty"
    public static let fileTooLarge: DiagnosticCode = "file-too-large"
    public static let caFileWithoutCertificates: DiagnosticCode = "ca-file-without-certificates"
    public static let caDirectoryNotHashed: DiagnosticCode = "ca-dir-not-hashed"
    public static let caDirectoryWithoutCertificates: DiagnosticCode = "ca-dir-without-certificates"
    public static let clientCertificateWithoutCertificate: DiagnosticCode = "client-cert-without-certificate"
    public static let clientKeyMissing: DiagnosticCode = "client-key-missing"
    public static let identityWithoutCertificate: DiagnosticCode = "identity-without-certificate"
    public static let keyFileWithoutKey: DiagnosticCode = "key-file-without-key"
    public static let encryptedKeyWithoutPassphrase: DiagnosticCode = "encrypted-key-without-passphrase"
    public static let passphraseUnavailable: DiagnosticCode = "passphrase-unavailable"
    public static let privateKeyPermissions: DiagnosticCode = "private-key-permissions"
    public static let crlFileWithoutCRL: DiagnosticCode = "crl-file-without-crl"

    // Combinations.
    public static let versionRangeInverted: DiagnosticCode = "version-range-inverted"
    public static let deprecatedVersion: DiagnosticCode = "deprecated-tls-version"
    public static let verificationDisabled: DiagnosticCode = "verification-disabled"
    public static let customTrustWithoutCAs: DiagnosticCode = "custom-trust-without-cas"
    public static let caSourceNotInEffect: DiagnosticCode = "ca-not-in-effect"

    // Configuration files.
    public static let configSyntax: DiagnosticCode = "config-syntax"
    public static let configFileNotFound: DiagnosticCode = "config-file-not-found"
    public static let configFileUnreadable: DiagnosticCode = "config-file-unreadable"
    public static let configFileTooLarge: DiagnosticCode = "config-file-too-large"
    public static let configFileInvalidUTF8: DiagnosticCode = "config-file-invalid-utf8"
    public static let conflictingConfigFiles: DiagnosticCode = "conflicting-config-files"
    public static let configFileWorldWritable: DiagnosticCode = "config-file-world-writable"
}
