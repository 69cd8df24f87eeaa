import TLSConfig

/// The certificates of one PEM file, each parsed on its own so one bad block is named (by
/// position, line and neighbour) while the rest still load. The store builder and the deep
/// checks both read CA files through this type.
struct CertificateBundle {
    struct Entry {
        var certificate: OwnedCertificate
        /// 1-based position among the file's certificate blocks.
        var position: Int
        var line: Int
    }

    var path: String
    var entries: [Entry] = []
    var certificateBlocks = 0
    var diagnostics: [Diagnostic] = []

    init(bytes: [UInt8], path: String, what: String, setting: SettingKey, origin: Origin?) {
        self.path = path
        let blocks = PEMBlock.split(bytes).filter { $0.kind == .certificate }
        certificateBlocks = blocks.count
        for (index, block) in blocks.enumerated() {
            switch OwnedCertificate.parse(pem: block) {
            case .success(let certificate):
                entries.append(Entry(certificate: certificate, position: index + 1, line: block.line))
            case .failure(let failure):
                let neighbour = entries.last.map { "; the certificate before it is \($0.certificate.subject)" } ?? ""
                diagnostics.append(Diagnostic(
                    .error, .certificateUnparseable,
                    "certificate \(index + 1) of \(blocks.count) in \(what) \(quoted(path)) (line \(block.line)) does not parse: \(failure.message)",
                    setting: setting, origin: origin,
                    notes: neighbour.isEmpty ? [] : [String(neighbour.dropFirst(2))],
                    help: "remove or replace the damaged block"
                ))
            }
        }
    }
}
