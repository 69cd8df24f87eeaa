import TLSConfig

/// A certificate chain and private key as read from their files, plus everything that went
/// wrong on the way. Partial results are kept so the deep checks can still judge the
/// certificate when, say, the passphrase is wrong.
struct LoadedIdentity: Sendable {
    /// Leaf first, then intermediates, in file order.
    var certificates: [OwnedCertificate] = []
    /// The 1-based line of each certificate's BEGIN marker; empty for PKCS#12.
    var certificateLines: [Int] = []
    var key: OwnedPrivateKey?
    var diagnostics: [Diagnostic] = []

    var leaf: OwnedCertificate? { certificates.first }
    var intermediates: ArraySlice<OwnedCertificate> { certificates.dropFirst() }
    var isUsable: Bool { !diagnostics.hasErrors && leaf != nil && key != nil }
}
