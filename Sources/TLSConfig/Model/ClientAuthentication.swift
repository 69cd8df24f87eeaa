/// Whether a server asks clients for a certificate (mTLS), and whether it insists: the
/// setting `client-auth`, or an override in code.
/// Client certificates are verified against the settings' trust and CRL.
public enum ClientAuthentication: String, Sendable, Hashable, CaseIterable {
    /// No CertificateRequest is sent.
    case none
    /// A certificate is requested and verified when sent; clients without one are accepted.
    case optional
    /// A client without a valid certificate is refused.
    case required
}
