import TLSConfig

/// What a trust store is made of. Contexts whose sources are equal share one store, so a
/// CRL file is part of the key: a store carrying CRLs is never handed to a context that
/// did not ask for them.
struct TrustSources: Sendable, Hashable {
    var includesSystem: Bool
    var caFiles: [String]
    var caDirectories: [String]
    var crlFile: String?

    init(_ settings: TLSSettings) {
        includesSystem = settings.trust.usesSystemStore
        caFiles = settings.trust.mode == .system ? [] : settings.trust.caFiles
        caDirectories = settings.trust.mode == .system ? [] : settings.trust.caDirectories
        crlFile = settings.crlFile
    }
}

/// The identity of a file or directory a store was built from: device, inode, size and
/// modification time. A store whose stamps no longer match is rebuilt.
struct FileStamp: Sendable, Hashable {
    var path: String
    var isDirectory: Bool
    /// `nil` when the path did not exist (or was unreadable) at build time.
    var identity: Identity?

    struct Identity: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var modificationTime: Int64
        var modificationNanoseconds: Int64
    }

    init(path: String, isDirectory: Bool) {
        self.path = path
        self.isDirectory = isDirectory
        self.identity = Self.identity(of: path, isDirectory: isDirectory)
    }

    var isCurrent: Bool {
        identity == Self.identity(of: path, isDirectory: isDirectory)
    }

    private static func identity(of path: String, isDirectory: Bool) -> Identity? {
        guard case .success(let facts) = FileInspector.inspect(path, expecting: isDirectory ? .directory : .regularFile, maximumSize: .max) else {
            return nil
        }
        return Identity(
            device: facts.device, inode: facts.inode, size: facts.size,
            modificationTime: facts.modificationTime, modificationNanoseconds: facts.modificationNanoseconds
        )
    }
}
