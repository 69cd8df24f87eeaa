import TLSConfig

/// The certificates of one PEM file, each parsed on its own so one bad block is named (by
/// position, line and neighbour) while the rest still load. The store builder and the deep
/// checks both decode CA files through this type, from the resolution's material.
struct CertificateBundle: Sendable {
    struct Entry: Sendable {
        var certificate: OwnedCertificate
        /// 1-based position among the file's certificate blocks.
        var position: Int
        var line: Int
    }

    var path: String
    var entries: [Entry] = []
    var certificateBlocks = 0
    var diagnostics: [Diagnostic] = []

    init(_ file: MaterialFile, what: String) {
        self.init(file, what: what, origin: file.origin)
    }

    /// For files that no setting names (the system bundle): problems are not reported.
    init(_ file: MaterialFile, what: String, origin: Origin?) {
        path = file.path
        let blocks = file.pem.certificateBlocks
        certificateBlocks = blocks.count
        for (index, block) in blocks.enumerated() {
            switch OwnedCertificate.parse(block, in: file) {
            case .success(let certificate):
                entries.append(Entry(certificate: certificate, position: index + 1, line: block.line))
            case .failure(let failure):
                let neighbour = entries.last.map { "the certificate before it is \($0.certificate.subject)" }
                diagnostics.append(
                    Diagnostic(
                        .error, .certificateUnparseable,
                        "certificate \(index + 1) of \(blocks.count) in \(what) \(quoted(file.path)) (line \(block.line)) does not parse: \(failure.message)",
                        setting: file.setting, origin: origin,
                        notes: neighbour.map { [$0] } ?? [],
                        help: "remove or replace the damaged block"
                    ))
            }
        }
    }
}
