/// One configured file as this resolution read it: where it is, which setting named it, its
/// identity and its bytes. Every consumer (checks, the OpenSSL builder, the trust-store cache,
/// adapters, reloaders) works from this one read; none opens the file again.
package struct MaterialFile: Sendable {
    /// The setting that named the file (`ca-file`, `client-cert`, ...).
    package let setting: SettingKey
    /// The path as written, for messages.
    package let writtenPath: String
    /// The absolute path that was opened.
    package let path: String
    /// Where the setting came from.
    package let origin: Origin?
    /// The identity of the bytes below, from `fstat` on the descriptor that read them.
    package let identity: FileIdentity
    /// Permission bits at read time.
    package let mode: UInt32
    /// The file's bytes. Held by the package only: they may be a private key.
    package let bytes: [UInt8]
    /// The PEM blocks found in `bytes`.
    package let pem: PEMContents

    package init(
        setting: SettingKey, writtenPath: String, path: String, origin: Origin?, contents: FileInspector.Contents
    ) {
        self.init(
            setting: setting, writtenPath: writtenPath, path: path, origin: origin, identity: contents.facts.identity,
            mode: contents.facts.mode, bytes: contents.bytes, pem: PEMScanner.scan(contents.bytes)
        )
    }

    /// The same read, as named by another setting (`client-key` naming the certificate file).
    package func named(by setting: SettingKey, writtenPath: String, origin: Origin?) -> MaterialFile {
        MaterialFile(
            setting: setting, writtenPath: writtenPath, path: path, origin: origin, identity: identity, mode: mode,
            bytes: bytes, pem: pem)
    }

    private init(
        setting: SettingKey, writtenPath: String, path: String, origin: Origin?, identity: FileIdentity, mode: UInt32,
        bytes: [UInt8], pem: PEMContents
    ) {
        self.setting = setting
        self.writtenPath = writtenPath
        self.path = path
        self.origin = origin
        self.identity = identity
        self.mode = mode
        self.bytes = bytes
        self.pem = pem
    }

    /// The bytes of one of this file's blocks.
    package func bytes(of block: PEMBlock) -> ArraySlice<UInt8> {
        bytes[block.range]
    }
}

/// A configured CA directory. A hashed one is looked up lazily by OpenSSL, so only its own
/// identity is recorded; an unhashed one has every certificate file in it read here.
package struct MaterialDirectory: Sendable {
    /// The path as written, for messages.
    package let writtenPath: String
    /// The absolute path.
    package let path: String
    /// Where `ca-dir` came from.
    package let origin: Origin?
    /// The directory's own identity: adding or removing an entry changes its mtime.
    package let identity: FileIdentity
    /// Whether it has OpenSSL hash links (`5ad8a5d6.0`).
    package let isHashed: Bool
    /// Number of hash links, for hashed directories.
    package let hashLinks: Int
    /// The regular files of an unhashed directory that hold at least one certificate block.
    package let files: [MaterialFile]

    /// Certificates found in the files of an unhashed directory.
    package var certificates: Int { files.reduce(0) { $0 + $1.pem.certificates } }

    package init(
        writtenPath: String, path: String, origin: Origin?, identity: FileIdentity, isHashed: Bool, hashLinks: Int,
        files: [MaterialFile]
    ) {
        self.writtenPath = writtenPath
        self.path = path
        self.origin = origin
        self.identity = identity
        self.isHashed = isHashed
        self.hashLinks = hashLinks
        self.files = files
    }
}
