internal import COpenSSL

/// SHA-256 through the EVP interface (the one-shot `SHA256()` is deprecated in OpenSSL 3).
enum Digest {
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        return ok == 1 ? Array(digest.prefix(Int(length))) : []
    }
}
