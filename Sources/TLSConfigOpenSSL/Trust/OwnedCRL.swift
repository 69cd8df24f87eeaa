#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import COpenSSL

/// An `X509_CRL` this process holds a reference to; freed in `deinit`.
final class OwnedCRL {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_CRL_free(pointer)
    }

    var issuer: String { OwnedCertificate.render(X509_CRL_get_issuer(pointer)) }
    /// `nil` when the CRL has no nextUpdate field.
    var nextUpdate: Date? { X509_CRL_get0_nextUpdate(pointer).map { OwnedCertificate.date($0) } }
}
