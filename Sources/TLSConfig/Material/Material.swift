/// The material of one resolution: every file its settings name, read once, with its identity,
/// bytes and PEM blocks, and the key passphrase fetched once. Resolution loads it right after
/// the settings are decided; the structural checks run on it there, and the OpenSSL layer, the
/// adapters and the reloaders consume it, so the checks judge exactly the bytes that are used.
///
/// A file that could not be read (missing, empty, too large, a FIFO) is absent here and has an
/// error diagnostic in the resolution instead.
package struct Material: Sendable {
    /// The CA files in effect, in configured order.
    public internal(set) var caFiles: [MaterialFile] = []
    /// The CA directories in effect, in configured order.
    public internal(set) var caDirectories: [MaterialDirectory] = []
    /// The client (or server) certificate file; it may also hold the key, or be PKCS#12.
    public internal(set) var certificate: MaterialFile?
    /// A separate key file, when `client-key` names one other than the certificate file.
    public internal(set) var key: MaterialFile?
    /// The CRL file.
    public internal(set) var crl: MaterialFile?
    /// The passphrase file, when the passphrase source is `file:PATH` and it was needed.
    public internal(set) var passphraseFile: MaterialFile?
    /// The passphrase, when a source is configured, the key needs one and the source supplied
    /// it (otherwise a diagnostic says why not).
    package internal(set) var passphrase: PassphraseSecret?

    /// No material at all (settings with no configured files).
    package init() {}

    /// Every file and directory read, for watchers: a change to any of them changes the outcome.
    package var inputs: [(path: String, identity: FileIdentity)] {
        var inputs = caFiles.map { ($0.path, $0.identity) }
        for directory in caDirectories {
            inputs.append((directory.path, directory.identity))
            inputs += directory.files.map { ($0.path, $0.identity) }
        }
        for file in [certificate, key, crl, passphraseFile].compactMap({ $0 }) {
            inputs.append((file.path, file.identity))
        }
        return inputs
    }

    /// Whether `other` read the same bytes from the same paths (a hashed directory, read lazily
    /// by OpenSSL, by its identity), and got the same passphrase: a touched or rewritten file
    /// with unchanged contents changes nothing a context is built from.
    package func hasSameContents(as other: Material) -> Bool {
        func same(_ a: MaterialFile?, _ b: MaterialFile?) -> Bool { a?.path == b?.path && a?.bytes == b?.bytes }
        func same(_ a: [MaterialFile], _ b: [MaterialFile]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        }
        func samePassphrase(_ a: PassphraseSecret?, _ b: PassphraseSecret?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case let (a?, b?): a.matches(b)
            default: false
            }
        }
        return same(caFiles, other.caFiles) && same(certificate, other.certificate) && same(key, other.key)
            && same(crl, other.crl) && same(passphraseFile, other.passphraseFile)
            && samePassphrase(passphrase, other.passphrase)
            && caDirectories.count == other.caDirectories.count
            && zip(caDirectories, other.caDirectories).allSatisfy { a, b in
                a.path == b.path && a.isHashed == b.isHashed
                    && (a.isHashed ? a.identity == b.identity : same(a.files, b.files))
            }
    }

    /// The file that holds the private key: the key file, else the certificate file.
    package var keyHolder: MaterialFile? { key ?? certificate }
}
