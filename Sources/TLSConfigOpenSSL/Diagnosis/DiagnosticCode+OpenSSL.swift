public import TLSConfig

/// Findings only the OpenSSL layer can make: they need the bytes parsed, keys decrypted
/// or a context built.
extension Diagnostic.Code {
    // Building a context.
    /// No TLS 1.2 cipher of `ciphers` is usable by this OpenSSL.
    ///
    /// Fix: use OpenSSL cipher names (`openssl ciphers -v` lists them).
    public static let invalidCipherList: Diagnostic.Code = "invalid-cipher-list"
    /// The TLS 1.3 suites are rejected, or none of them is known.
    ///
    /// Fix: use TLS 1.3 suite names such as `TLS_AES_128_GCM_SHA256`.
    public static let invalidCipherSuites: Diagnostic.Code = "invalid-ciphersuites"
    /// A warning: some TLS 1.3 suite names are unknown and ignored.
    ///
    /// Fix: remove the names this OpenSSL does not know, or correct their spelling.
    public static let unknownCipherSuite: Diagnostic.Code = "unknown-ciphersuite"
    /// OpenSSL refuses a configured protocol version bound.
    ///
    /// Fix: use a version this OpenSSL supports ("1.2" or "1.3").
    public static let unsupportedProtocolVersion: Diagnostic.Code = "unsupported-protocol-version"
    /// A warning: TLS below 1.2 has no effect at the security level in force.
    ///
    /// Fix: raise `min-version` to "1.2"; older versions need `ciphers` with `@SECLEVEL=0`.
    public static let versionDisabledBySecurityLevel: Diagnostic.Code = "version-disabled-by-security-level"
    /// An ALPN protocol name OpenSSL refuses.
    ///
    /// Fix: use protocol names of 1 to 255 bytes, such as `h2` and `http/1.1`.
    public static let invalidALPN: Diagnostic.Code = "invalid-alpn"
    /// A server context without a certificate and key.
    ///
    /// Fix: set `cert` (and `key` unless it is inside the certificate file).
    public static let serverIdentityMissing: Diagnostic.Code = "server-identity-missing"
    /// OpenSSL failed in a way no other code describes; the message carries its error queue.
    ///
    /// Fix: read OpenSSL's error in the message; report it if the settings are valid.
    public static let openSSLFailure: Diagnostic.Code = "openssl-failure"

    // Key material.
    /// A certificate block that OpenSSL cannot decode, named by position and line.
    ///
    /// Fix: replace the block the message names with a valid PEM certificate.
    public static let certificateUnparseable: Diagnostic.Code = "certificate-unparseable"
    /// A private key block that OpenSSL cannot decode.
    ///
    /// Fix: replace the key with a valid PEM or PKCS#12 key.
    public static let privateKeyUnreadable: Diagnostic.Code = "private-key-unreadable"
    /// The passphrase from its source does not decrypt the key.
    ///
    /// Fix: correct the passphrase where the passphrase source points.
    public static let wrongPassphrase: Diagnostic.Code = "wrong-passphrase"
    /// The private key does not belong to the leaf certificate.
    ///
    /// Fix: pair the certificate with its own key: compare `openssl x509 -pubkey` with `openssl
    /// pkey -pubout`.
    public static let keyDoesNotMatchCertificate: Diagnostic.Code = "key-does-not-match-certificate"
    /// A DER file that is not PKCS#12, or one OpenSSL cannot decode.
    ///
    /// Fix: convert the file to PEM, or export a PKCS#12 file with `openssl pkcs12 -export`.
    public static let pkcs12Unreadable: Diagnostic.Code = "pkcs12-unreadable"
    /// A PKCS#12 file that holds certificates but no private key.
    ///
    /// Fix: export the PKCS#12 file with its private key, or set the key file separately.
    public static let pkcs12WithoutKey: Diagnostic.Code = "pkcs12-without-key"
    /// A PKCS#12 file protected by a passphrase, with no passphrase source set.
    ///
    /// Fix: set the passphrase source for the PKCS#12 file.
    public static let pkcs12WithoutPassphrase: Diagnostic.Code = "pkcs12-without-passphrase"
    /// A CRL block OpenSSL cannot decode.
    ///
    /// Fix: replace the CRL with a valid PEM CRL.
    public static let crlUnparseable: Diagnostic.Code = "crl-unparseable"

    // Deep checks.
    /// A note: how many CA certificates a file or directory contributes.
    ///
    /// Fix: nothing to do.
    public static let caCertificatesCounted: Diagnostic.Code = "ca-certificates-counted"
    /// A warning: a CA certificate has expired; chains through it fail.
    ///
    /// Fix: remove the expired CA from the bundle, or replace it with its renewal.
    public static let caCertificateExpired: Diagnostic.Code = "ca-certificate-expired"
    /// A warning: a trusted certificate is not a CA (trusted as-is, vouches for nothing else).
    ///
    /// Fix: trust the CA that issued it instead.
    public static let caCertificateNotCA: Diagnostic.Code = "ca-certificate-not-ca"
    /// The client certificate has expired.
    ///
    /// Fix: renew the client certificate.
    public static let clientCertificateExpired: Diagnostic.Code = "client-certificate-expired"
    /// The client certificate is not valid yet (check the clock).
    ///
    /// Fix: check the clock, or wait until its notBefore.
    public static let clientCertificateNotYetValid: Diagnostic.Code = "client-certificate-not-yet-valid"
    /// A warning: the client certificate expires within the warning window.
    ///
    /// Fix: renew the client certificate before it expires.
    public static let clientCertificateExpiringSoon: Diagnostic.Code = "client-certificate-expiring-soon"
    /// A warning: the client certificate's extended key usage lacks clientAuth.
    ///
    /// Fix: issue a certificate with extendedKeyUsage clientAuth.
    public static let clientCertificateWithoutClientAuth: Diagnostic.Code = "client-certificate-without-client-auth"
    /// The server certificate has expired: a server context is not built with it.
    ///
    /// Fix: renew the server certificate.
    public static let serverCertificateExpired: Diagnostic.Code = "server-certificate-expired"
    /// The server certificate is not valid yet (check the clock).
    ///
    /// Fix: check the clock, or wait until its notBefore.
    public static let serverCertificateNotYetValid: Diagnostic.Code = "server-certificate-not-yet-valid"
    /// A warning: the server certificate expires within the warning window.
    ///
    /// Fix: renew the server certificate before it expires.
    public static let serverCertificateExpiringSoon: Diagnostic.Code = "server-certificate-expiring-soon"
    /// The server certificate's extended key usage lacks serverAuth: verifying clients refuse it.
    ///
    /// Fix: issue a certificate with extendedKeyUsage serverAuth.
    public static let serverCertificateWithoutServerAuth: Diagnostic.Code = "server-certificate-without-server-auth"
    /// The server certificate has no subjectAltName: clients that check names refuse it.
    ///
    /// Fix: issue a certificate with a subjectAltName for each name clients use.
    public static let serverCertificateWithoutSubjectAltName: Diagnostic.Code =
        "server-certificate-without-subject-alt-name"
    /// A server context asked of settings resolved for a client, or the reverse.
    ///
    /// Fix: resolve with `ResolverConfiguration.role` set to the role of the context you build.
    public static let roleMismatch: Diagnostic.Code = "role-mismatch"
    /// The certificate file is not leaf first, then each issuer: a warning for a client, an
    /// error for a server, which sends the chain as written.
    ///
    /// Fix: write the leaf first, then each issuer in turn.
    public static let chainOutOfOrder: Diagnostic.Code = "chain-out-of-order"
    /// A CRL past its nextUpdate: OpenSSL fails every verification that needs it.
    ///
    /// Fix: fetch the CA's current CRL.
    public static let crlExpired: Diagnostic.Code = "crl-expired"
}
