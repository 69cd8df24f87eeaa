public import TLSConfig

/// Findings only the OpenSSL layer can make: they need the bytes parsed, keys decrypted
/// or a context built.
extension DiagnosticCode {
    // Building a context.
    public static let invalidCipherList: DiagnosticCode = "invalid-cipher-list"
    public static let invalidCipherSuites: DiagnosticCode = "invalid-ciphersuites"
    public static let unknownCipherSuite: DiagnosticCode = "unknown-ciphersuite"
    public static let unsupportedProtocolVersion: DiagnosticCode = "unsupported-protocol-version"
    public static let versionDisabledBySecurityLevel: DiagnosticCode = "version-disabled-by-security-level"
    public static let invalidALPN: DiagnosticCode = "invalid-alpn"
    public static let serverIdentityMissing: DiagnosticCode = "server-identity-missing"
    public static let openSSLFailure: DiagnosticCode = "openssl-failure"

    // Key material.
    public static let certificateUnparseable: DiagnosticCode = "certificate-unparseable"
    public static let privateKeyUnreadable: DiagnosticCode = "private-key-unreadable"
    public static let wrongPassphrase: DiagnosticCode = "wrong-passphrase"
    public static let keyDoesNotMatchCertificate: DiagnosticCode = "key-does-not-match-certificate"
    public static let pkcs12Unreadable: DiagnosticCode = "pkcs12-unreadable"
    public static let pkcs12WithoutKey: DiagnosticCode = "pkcs12-without-key"
    public static let pkcs12WithoutPassphrase: DiagnosticCode = "pkcs12-without-passphrase"
    public static let crlUnparseable: DiagnosticCode = "crl-unparseable"

    // Deep checks.
    public static let caCertificatesCounted: DiagnosticCode = "ca-certificates-counted"
    public static let caCertificateExpired: DiagnosticCode = "ca-certificate-expired"
    public static let caCertificateNotCA: DiagnosticCode = "ca-certificate-not-ca"
    public static let clientCertificateExpired: DiagnosticCode = "client-certificate-expired"
    public static let clientCertificateNotYetValid: DiagnosticCode = "client-certificate-not-yet-valid"
    public static let clientCertificateExpiringSoon: DiagnosticCode = "client-certificate-expiring-soon"
    public static let clientCertificateWithoutClientAuth: DiagnosticCode = "client-certificate-without-client-auth"
    public static let chainOutOfOrder: DiagnosticCode = "chain-out-of-order"
    public static let crlExpired: DiagnosticCode = "crl-expired"
}
