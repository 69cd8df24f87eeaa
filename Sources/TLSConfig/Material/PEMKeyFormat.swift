/// How a PEM private key is encoded, from its label.
package enum PEMKeyFormat: String, Sendable, Hashable {
    /// `PRIVATE KEY`
    case pkcs8
    /// `ENCRYPTED PRIVATE KEY`
    case encryptedPKCS8 = "encrypted-pkcs8"
    /// `RSA PRIVATE KEY`
    case pkcs1
    /// `EC PRIVATE KEY`
    case sec1
    /// `DSA PRIVATE KEY`
    case legacy
}
