/// What a file holds, found without OpenSSL: enough to say "this CA file has no certificate"
/// or "this key is encrypted and nothing supplies a passphrase" before any decoder runs.
package struct PEMContents: Sendable, Hashable {
    /// Every complete block, in file order.
    package var blocks: [PEMBlock] = []
    /// BEGIN lines without a matching END line.
    package var unterminatedBlocks = 0
    /// No PEM block at all and the bytes start like DER (a PKCS#12 file, say).
    package var looksLikeDER = false

    private func wellFormed(_ kind: (PEMBlock) -> Bool) -> [PEMBlock] { blocks.filter { $0.isWellFormed && kind($0) } }

    package var certificateBlocks: [PEMBlock] { blocks.filter { $0.kind == .certificate } }
    package var crlBlocks: [PEMBlock] { blocks.filter { $0.kind == .crl } }
    package var keyBlocks: [PEMBlock] { wellFormed(\.isPrivateKey) }
    package var certificates: Int { wellFormed { $0.kind == .certificate }.count }
    package var crls: Int { wellFormed { $0.kind == .crl }.count }
    package var hasEncryptedKey: Bool { keyBlocks.contains(where: \.isEncrypted) }
    /// Blocks without an END line or with a body that is not base64.
    package var malformedBlocks: Int { unterminatedBlocks + blocks.count(where: { !$0.isWellFormed }) }
    /// Labels of well-formed blocks that are neither certificates, CRLs nor keys.
    package var otherLabels: [String] { wellFormed { $0.kind == .other }.map(\.label) }
    package var blockCount: Int { blocks.count(where: \.isWellFormed) }
}
