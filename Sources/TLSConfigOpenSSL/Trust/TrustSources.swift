import TLSConfig

/// What a trust store is made of, keyed by the identity of every configured file as the
/// resolution read it: contexts whose sources are equal share one store, and an edited bundle
/// is a different key. A CRL file is part of the key, so a store carrying CRLs is never handed
/// to a context that did not ask for them.
struct TrustSources: Sendable, Hashable {
    struct Input: Sendable, Hashable {
        var path: String
        var identity: FileIdentity
    }

    var includesSystem: Bool
    /// A server that names its client CAs: every configured certificate must be decoded.
    var listsAuthorities = false
    /// Where the system store is; part of the key so that tests' stores never mix with the real one.
    var system: SystemTrustLocations
    var caFiles: [Input]
    /// Each directory, then the files read from it (none for hashed directories).
    var caDirectories: [[Input]]
    var crlFile: Input?

    init(_ settings: TLSSettings, _ material: Material, system: SystemTrustLocations = .openSSLDefaults) {
        includesSystem = settings.trust.usesSystemStore
        self.system = system
        caFiles = material.caFiles.map { Input(path: $0.path, identity: $0.identity) }
        caDirectories = material.caDirectories.map { directory in
            [Input(path: directory.path, identity: directory.identity)]
                + directory.files.map { Input(path: $0.path, identity: $0.identity) }
        }
        crlFile = material.crl.map { Input(path: $0.path, identity: $0.identity) }
    }

    /// The sources without identities: two keys with the same paths are versions of one trust.
    var paths: [String] {
        [includesSystem ? "system" : ""] + caFiles.map(\.path) + caDirectories.compactMap { $0.first?.path } + [
            crlFile?.path ?? ""
        ]
    }
}

/// A file the resolution did not read but a store depends on (the system bundle and directory):
/// its identity at build time, checked again on every use.
struct SystemPathStamp: Sendable, Hashable {
    var path: String
    var isDirectory: Bool
    /// `nil` when the path did not exist (or was unreadable) at build time.
    var identity: FileIdentity?

    init(path: String, isDirectory: Bool) {
        self.path = path
        self.isDirectory = isDirectory
        self.identity = FileInspector.identity(of: path, directory: isDirectory)
    }

    var isCurrent: Bool {
        identity == FileInspector.identity(of: path, directory: isDirectory)
    }
}
