/// One `-----BEGIN LABEL-----` ... `-----END LABEL-----` block of a PEM file. The core finds
/// the blocks once; the OpenSSL layer hands each one to the matching decoder, so a bad block is
/// named by position and line while the others still load.
package struct PEMBlock: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case certificate
        case crl
        case privateKey(PEMKeyFormat)
        case other
    }

    package var label: String
    package var kind: Kind
    /// 1-based line of the BEGIN marker.
    package var line: Int
    /// BEGIN line to END line, as offsets into the file's bytes.
    package var range: Range<Int>
    /// Between the BEGIN and END markers: the base64 lines (and any headers), as offsets.
    package var bodyRange: Range<Int>
    /// The body is base64 (after optional RFC 1421 headers); a block that is not is still
    /// listed, so the decoder can name it, but it does not count as a certificate or key.
    package var isWellFormed: Bool
    /// A PKCS#8 `ENCRYPTED PRIVATE KEY`, or a legacy key with `Proc-Type: 4,ENCRYPTED`.
    package var isEncrypted: Bool

    package var isPrivateKey: Bool {
        if case .privateKey = kind { return true }
        return false
    }
}
