import Glibc

/// Looks at files named by settings without ever blocking: a FIFO or a device is refused
/// before it is opened, so `ca-file = "/dev/zero"` is an error, not a hang.
package enum FileInspector {
    package struct Facts: Sendable, Hashable {
        package var identity: FileIdentity
        /// Permission bits.
        package var mode: UInt32
        /// The owning user and group, for the ownership rule discovered files pass.
        package var owner: UInt32 = 0
        package var group: UInt32 = 0
        package var size: Int { identity.size }
    }

    /// A file read whole, with the identity `fstat` gave for the open descriptor, so the
    /// identity describes exactly the bytes read.
    package struct Contents: Sendable {
        package var bytes: [UInt8]
        package var facts: Facts
    }

    package enum Problem: Error, Sendable, Hashable {
        case notFound
        case notARegularFile(kind: String)
        case notADirectory
        case unreadable(reason: String, code: Int32 = 0)
        case empty
        case tooLarge(size: Int, limit: Int)
    }

    package enum Expectation: Sendable {
        case regularFile
        case directory
    }

    /// `stat` plus the checks every configured path must pass.
    package static func inspect(
        _ path: String, expecting expectation: Expectation, maximumSize: Int
    ) -> Result<Facts, Problem> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .failure(.notFound) }
            return .failure(.unreadable(reason: String(cString: strerror(code)), code: code))
        }
        let type = info.st_mode & S_IFMT
        let facts = facts(info)
        switch expectation {
        case .directory:
            guard type == S_IFDIR else { return .failure(.notADirectory) }
            guard access(path, R_OK | X_OK) == 0 else {
                return .failure(.unreadable(reason: String(cString: strerror(errno)), code: errno))
            }
            return .success(facts)
        case .regularFile:
            guard type == S_IFREG else { return .failure(.notARegularFile(kind: kindName(type))) }
            guard access(path, R_OK) == 0 else {
                return .failure(.unreadable(reason: String(cString: strerror(errno)), code: errno))
            }
            // A size of 0 may still have content (files under /proc): `read` decides.
            guard facts.size <= maximumSize else { return .failure(.tooLarge(size: facts.size, limit: maximumSize)) }
            return .success(facts)
        }
    }

    /// Whether `path` names anything (following symlinks): one `stat`, for discovery's probes.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) != 0 else { return true }
        return errno != ENOENT && errno != ENOTDIR
    }

    /// The facts of a regular file at `path` (following symlinks) from one `stat`; `nil` for
    /// anything else or nothing.
    package static func facts(of path: String) -> Facts? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return facts(info)
    }

    /// The identity of a file or directory as it is now (following symlinks), from one `stat`;
    /// `nil` when it is missing or of the other kind. What watchers and store stamps compare:
    /// a change of permissions changes the ctime, so readability needs no check of its own here
    /// (every second context for a cached store pays this per system path).
    package static func identity(of path: String, directory: Bool) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == (directory ? S_IFDIR : S_IFREG) else { return nil }
        return facts(info).identity
    }

    /// Reads a regular file whole, refusing anything else (checked on the open descriptor).
    /// An empty file is the problem `.empty`.
    package static func read(_ path: String, maximumSize: Int) -> Result<Contents, Problem> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            return .failure(
                code == ENOENT || code == ENOTDIR
                    ? .notFound : .unreadable(reason: String(cString: strerror(code)), code: code))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return .failure(.unreadable(reason: String(cString: strerror(errno)), code: errno))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else { return .failure(.notARegularFile(kind: kindName(type))) }
        guard Int(info.st_size) <= maximumSize else {
            return .failure(.tooLarge(size: Int(info.st_size), limit: maximumSize))
        }
        // Files under /proc and /sys report size 0 and have content: read those in chunks,
        // still never past the limit.
        let sizeKnown = info.st_size > 0
        var bytes = [UInt8](repeating: 0, count: sizeKnown ? Int(info.st_size) : min(maximumSize + 1, 64 << 10))
        var total = 0
        while true {
            if total == bytes.count {
                guard !sizeKnown, bytes.count <= maximumSize else { break }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, maximumSize + 1 - bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(reason: String(cString: strerror(errno)), code: errno))
            }
            if count == 0 { break }
            total += count
        }
        if total > maximumSize { return .failure(.tooLarge(size: total, limit: maximumSize)) }
        bytes.removeSubrange(total...)
        guard !bytes.isEmpty else { return .failure(.empty) }
        return .success(Contents(bytes: bytes, facts: facts(info)))
    }

    /// Names of the entries of a directory (no `.` and `..`), sorted.
    package static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    private static func facts(_ info: stat) -> Facts {
        Facts(
            identity: FileIdentity(
                device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size),
                modificationTime: Int64(info.st_mtim.tv_sec), modificationNanoseconds: Int64(info.st_mtim.tv_nsec),
                changeTime: Int64(info.st_ctim.tv_sec), changeNanoseconds: Int64(info.st_ctim.tv_nsec)
            ),
            mode: UInt32(info.st_mode & 0o7777),
            owner: UInt32(info.st_uid),
            group: UInt32(info.st_gid)
        )
    }

    /// The facts of a directory at `path` (following symlinks), from one `stat`; `nil` for
    /// anything else or nothing. What the ownership rule asks of a project file's directory.
    package static func directoryFacts(of path: String) -> Facts? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return facts(info)
    }

    /// What kind of thing is at `path` (following symlinks): `nil` for a regular file or
    /// nothing at all, else its name ("a FIFO", "a socket", ...). Asked of every entry of a CA
    /// directory that OpenSSL would open itself, where a FIFO would block the handshake.
    package static func specialKind(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        return type == S_IFREG ? nil : kindName(type)
    }

    private static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
