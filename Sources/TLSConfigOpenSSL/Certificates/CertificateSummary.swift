#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TLSConfig

/// What people need to recognise a certificate: who it names, who issued it, when it is
/// valid, which names it covers, and its SPKI pin (so a pin can be copied from `connect`).
public struct CertificateSummary: Sendable, Hashable {
    /// RFC 2253 form, such as `CN=localhost,O=Example`.
    public package(set) var subject: String
    /// Issuer DN, RFC 2253 order.
    public package(set) var issuer: String
    /// Start of validity.
    public package(set) var notBefore: Date
    /// End of validity.
    public package(set) var notAfter: Date
    /// `DNS:name`, `IP:address`, `email:...`, `URI:...`, in certificate order.
    public package(set) var subjectAlternativeNames: [String]
    /// Upper-case hex.
    public package(set) var serialNumber: String
    /// SHA-256 of the DER SubjectPublicKeyInfo, as `pinned-public-keys` expects it.
    public package(set) var publicKeyPin: PublicKeyPin

    /// A summary, for tests and reports built elsewhere.
    package init(
        subject: String, issuer: String, notBefore: Date, notAfter: Date,
        subjectAlternativeNames: [String], serialNumber: String, publicKeyPin: PublicKeyPin
    ) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.subjectAlternativeNames = subjectAlternativeNames
        self.serialNumber = serialNumber
        self.publicKeyPin = publicKeyPin
    }

    /// Subject equals issuer (a root, or a self-signed leaf).
    public var isSelfIssued: Bool { subject == issuer }
}
