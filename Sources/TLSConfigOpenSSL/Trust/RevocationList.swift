internal import COpenSSL
import TLSConfig

/// The CRLs of one PEM file, each block parsed on its own (shared by the store builder and
/// the deep checks).
struct RevocationList {
    struct Entry {
        var crl: OwnedCRL
        var position: Int
        var line: Int
    }

    var entries: [Entry] = []
    var diagnostics: [Diagnostic] = []

    static func read(_ bytes: [UInt8], path: String, origin: Origin?) -> RevocationList {
        var list = RevocationList()
        let blocks = PEMBlock.split(bytes).filter { $0.kind == .crl }
        guard !blocks.isEmpty else {
            list.diagnostics.append(Diagnostic(
                .error, .crlFileWithoutCRL, "CRL file \(quoted(path)) holds no PEM CRL",
                setting: .crlFile, origin: origin,
                help: "point crl-file at a PEM file with \"-----BEGIN X509 CRL-----\" blocks"
            ))
            return list
        }
        for (index, block) in blocks.enumerated() {
            OpenSSLErrorQueue.clear()
            let parsed = MemoryBIO.with(block.bytes) { PEM_read_bio_X509_CRL($0, nil, refusePassphrase, nil) }
            if let crl = parsed ?? nil {
                list.entries.append(Entry(crl: OwnedCRL(taking: crl), position: index + 1, line: block.line))
            } else {
                let reason = OpenSSLErrorQueue.drainedText(fallback: "not a valid CRL")
                list.diagnostics.append(Diagnostic(
                    .error, .crlUnparseable,
                    "CRL \(index + 1) of \(blocks.count) in \(quoted(path)) (line \(block.line)) does not parse: \(reason)",
                    setting: .crlFile, origin: origin
                ))
            }
        }
        return list
    }
}
