import TLSConfig

/// Reads every certificate behind the hash links of a hashed CA directory. OpenSSL looks them
/// up lazily during verification; engines that need their trust roots as a list (swift-nio-ssl
/// takes one directory at most) get them from here. Files that cannot be read or parsed are
/// skipped, as OpenSSL's lookup skips them.
struct HashedDirectoryReader {
    var path: String
    var maximumFileSize: Int

    func certificates() -> [OwnedCertificate] {
        var certificates: [OwnedCertificate] = []
        for name in FileInspector.entries(of: path).sorted() where CertificateDirectory.isHashName(name) {
            let file = CertificateDirectory.join(path, name)
            guard case .success(let contents) = FileInspector.read(file, maximumSize: maximumFileSize) else { continue }
            let material = MaterialFile(setting: .caDir, writtenPath: file, path: file, origin: nil, contents: contents)
            certificates += CertificateBundle(material, what: "file in CA directory", origin: nil).entries.map(
                \.certificate)
        }
        return certificates
    }
}
