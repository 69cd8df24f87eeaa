/// A SHA-256 pin of a certificate's SubjectPublicKeyInfo, in curl's `sha256//BASE64` syntax.
public struct PublicKeyPin: Sendable, Hashable, CustomStringConvertible {
    /// The 32-byte digest.
    public let sha256: [UInt8]

    /// Parses `sha256//BASE64` (a 32-byte digest); `nil` for anything else.
    public init?(parsing text: String) {
        let prefix = "sha256//"
        guard text.hasPrefix(prefix), let bytes = Base64.decode(String(text.dropFirst(prefix.count))), bytes.count == 32
        else {
            return nil
        }
        self.sha256 = bytes
    }

    /// A pin from the digest of a DER SubjectPublicKeyInfo.
    public init(sha256: [UInt8]) {
        self.sha256 = sha256
    }

    /// `sha256//BASE64`, as curl writes it.
    public var description: String { "sha256//" + Base64.encode(sha256) }
}
