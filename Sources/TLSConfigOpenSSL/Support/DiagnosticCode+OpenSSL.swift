public import TLSConfig

/// Findings only the OpenSSL layer can make: they need the bytes parsed, keys decrypted
/// or a context built.
extension Diagnostic.Code {
    // Building a context.
    /// No TLS 1.2 cipher of `ciphers` is usable by this OpenSSL.
    public static let invalidCipherList: Diagnostic.Code = "invalid-cipher-list"
    /// The TLS 1.3 suites are rejected, or none of them is known.
    public static let invalidCipherSuites: Diagnostic.Code = "invalid-ciphersuites"
    /// A warning: some TLS 1.3 suite names are unknown and ignored.
    public static let unknownCipherSuite: Diagnostic.Code = "unknown-ciphersuite"
    /// OpenSSL refuses a configured protocol version bound.
    public static let unsupportedProtocolVersion: Diagnostic.Code = "unsupported-protocol-version"
    /// A warning: TLS below 1.2 has no effect at the security level in force.
    public static let versionDisabledBySecurityLevel: Diagnostic.Code = "version-disabled-by-security-level"
    /// An ALPN protocol name OpenSSL refuses.
    public static let invalidALPN: Diagnostic.Code = "invalid-alpn"
    /// A server context without a certificate and key.
    public static let serverIdentityMissing: Diagnostic.Code = "server-identity-missing"
    /// OpenSSL failed in a way no other code describes; the message carries its error queue.
    public static let openSSLFailure: Diagnostic.Code = "openssl-failure"

    // Key material.
    /// A certificate block that OpenSSL cannot decode, named by position and line.
    public static let certificateUnparseable: Diagnostic.Code = "certificate-unparseable"
    /// A private key block that OpenSSL cannot decode.
    public static let privateKeyUnreadable: Diagnostic.Code = "private-key-unreadable"
    /// The passphrase from its source does not decrypt the key.
    public static let wrongPassphrase: Diagnostic.Code = "wrong-passphrase"
    /// The private key does not belong to the leaf certificate.
    public static let keyDoesNotMatchCertificate: Diagnostic.Code = "key-does-not-match-certificate"
    /// A DER file that is not PKCS#12, or one OpenSSL cannot decode.
    public static let pkcs12Unreadable: Diagnostic.Code = "pkcs12-unreadable"
    /// A PKCS#12 file that holds certificates but no private key.
    public static let pkcs12WithoutKey: Diagnostic.Code = "pkcs12-without-key"
    /// A PKCS#12 file protected by a passphrase, with no passphrase source set.
    public static let pkcs12WithoutPassphrase: Diagnostic.Code = "pkcs12-without-passphrase"
    /// A CRL block OpenSSL cannot decode.
    public static let crlUnparseable: Diagnostic.Code = "crl-unparseable"

    // Deep checks.
    /// A note: how many CA certificates a file or directory contributes.
    public static let caCertificatesCounted: Diagnostic.Code = "ca-certificates-counted"
    /// A warning: a CA certificate has expired; chains through it fail.
    public static let caCertificateExpired: Diagnostic.Code = "ca-certificate-expired"
    /// A warning: a trusted certificate is not a CA (trusted as-is, vouches for nothing else).
    public static let caCertificateNotCA: Diagnostic.Code = "ca-certificate-not-ca"
    /// The client certificate has expired.
    public static let clientCertificateExpired: Diagnostic.Code = "client-certificate-expired"
    /// The client certificate is not valid yet (check the clock).
    public static let clientCertificateNotYetValid: Diagnostic.Code = "client-certificate-not-yet-valid"
    /// A warning: the client certificate expires within the warning window.
    public static let clientCertificateExpiringSoon: Diagnostic.Code = "client-certificate-expiring-soon"
    /// A warning: the client certificate's extended key usage lacks clientAuth.
    public static let clientCertificateWithoutClientAuth: Diagnostic.Code = "client-certificate-without-client-auth"
    /// The server certificate has expired: a server context is not built with it.
    public static let serverCertificateExpired: Diagnostic.Code = "server-certificate-expired"
    /// The server certificate is not valid yet (check the clock).
    public static let serverCertificateNotYetValid: Diagnostic.Code = "server-certificate-not-yet-valid"
    /// A warning: the server certificate expires within the warning window.
    public static let serverCertificateExpiringSoon: Diagnostic.Code = "server-certificate-expiring-soon"
    /// The server certificate's extended key usage lacks serverAuth: verifying clients refuse it.
    public static let serverCertificateWithoutServerAuth: Diagnostic.Code = "server-certificate-without-server-auth"
    /// The server certificate has no subjectAltName: clients that check names refuse it.
    public static let serverCertificateWithoutSubjectAltName: Diagnostic.Code = "server-certificate-without-subject-alt-name"
    /// A server context asked of settings resolved for a client, or the reverse.
    public static let roleMismatch: Diagnostic.Code = "role-mismatch"
    /// The certificate file is not leaf first, then each issuer: a warning for a client, an
    /// error for a server, which sends the chain as written.
    public static let chainOutOfOrder: Diagnostic.Code = "chain-out-of-order"
    /// A CRL past its nextUpdate: OpenSSL fails every verification that needs it.
    public static let crlExpired: Diagnostic.Code = "crl-expired"
}
