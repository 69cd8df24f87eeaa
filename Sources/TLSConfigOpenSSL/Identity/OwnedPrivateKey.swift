internal import COpenSSL

/// An `EVP_PKEY` this process holds a reference to; freed in `deinit`. Never changed after
/// decoding, and OpenSSL reference-counts it atomically, so it may be shared between threads.
final class OwnedPrivateKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Whether this key is the private half of `certificate`'s public key.
    func matches(_ certificate: OwnedCertificate) -> Bool {
        let matched = X509_check_private_key(certificate.pointer, pointer) == 1
        OpenSSLErrorQueue.clear()
        return matched
    }

    /// Short description such as "RSA 2048-bit" for messages.
    var typeDescription: String {
        let name = EVP_PKEY_get0_type_name(pointer).map { String(cString: $0) } ?? "key"
        return "\(name) \(EVP_PKEY_get_bits(pointer))-bit"
    }
}
