/// PEM text that the scanner accepts. The core never parses DER, so the body is arbitrary base64.
enum FakePEM {
    static let certificate = block("CERTIFICATE")
    static let key = block("PRIVATE KEY")
    static let encryptedKey = block("ENCRYPTED PRIVATE KEY")
    static let legacyEncryptedKey = """
        -----BEGIN RSA PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF

        TUlJQm9nSUJBQUpCQUxSaU1MQUhVRm5uR2l2S3pk
        -----END RSA PRIVATE KEY-----

        """
    static let crl = block("X509 CRL")

    static func block(_ label: String) -> String {
        "-----BEGIN \(label)-----\nTUlJQm9nSUJBQUpCQUxSaU1MQUhVRm5uR2l2S3pk\nYWJjZGVmZ2hpams=\n-----END \(label)-----\n"
    }
}
