#if NIO
/// What BoringSSL, inside swift-nio-ssl 2.37, implements: it knows fewer TLS 1.2 ciphers than
/// OpenSSL, refuses OpenSSL-only cipher-string syntax (`@SECLEVEL`, `DEFAULT`) with a crash in
/// NIOSSL, and does not let TLS 1.3 suites be chosen. Cipher strings are therefore expanded by
/// OpenSSL and handed over as numbers from this list.
enum BoringSSLCiphers {
    /// TLS 1.2 and older suites by IANA number (BoringSSL's `kCiphers`).
    static let tls12: Set<UInt16> = [
        0x000A, 0x002F, 0x0035, 0x008C, 0x008D, 0x009C, 0x009D,
        0xC009, 0xC00A, 0xC013, 0xC014, 0xC023, 0xC027, 0xC02B, 0xC02C, 0xC02F, 0xC030,
        0xC035, 0xC036, 0xCCA8, 0xCCA9, 0xCCAC,
    ]

    /// The TLS 1.3 suites BoringSSL always offers, in OpenSSL's spelling.
    static let tls13 = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]
}
#endif
