internal import COpenSSL
import TLSConfig

/// The CRLs of one PEM file, each block parsed on its own (shared by the store builder and
/// the deep checks). That the file holds a CRL block at all is checked by the core.
struct RevocationList {
    struct Entry {
        var crl: OwnedCRL
        var position: Int
        var line: Int
    }

    var entries: [Entry] = []
    var diagnostics: [Diagnostic] = []

    init(_ file: MaterialFile) {
        let blocks = file.pem.crlBlocks
        for (index, block) in blocks.enumerated() {
            OpenSSLErrorQueue.clear()
            let parsed = MemoryBIO.with(file.bytes(of: block)) { PEM_read_bio_X509_CRL($0, nil, refusePassphrase, nil) }
            if let crl = parsed ?? nil {
                entries.append(Entry(crl: OwnedCRL(taking: crl), position: index + 1, line: block.line))
            } else {
                let reason = OpenSSLErrorQueue.drainedText(fallback: "not a valid CRL")
                diagnostics.append(
                    Diagnostic(
                        .error, .crlUnparseable,
                        "CRL \(index + 1) of \(blocks.count) in \(quoted(file.path)) (line \(block.line)) does not parse: \(reason)",
                        setting: .crlFile, origin: file.origin
                    ))
            }
        }
    }
}
