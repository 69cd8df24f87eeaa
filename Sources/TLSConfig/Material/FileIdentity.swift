/// What changes when a file is replaced or edited: device, inode, size, modification and
/// status-change times. Two reads with the same identity saw the same bytes, so caches (parsed
/// documents, trust stores) and reloaders key on it; ctime catches a rewrite that restores
/// the old mtime.
package struct FileIdentity: Sendable, Hashable {
    /// The device the file lives on (`st_dev`).
    package var device: UInt64
    /// The inode (`st_ino`): an atomic rename or a `..data` symlink swap changes it.
    package var inode: UInt64
    /// Size in bytes (`st_size`).
    package var size: Int
    /// Modification time (`st_mtim`), seconds and nanoseconds.
    package var modificationTime: Int64
    /// Nanoseconds part of the modification time.
    package var modificationNanoseconds: Int64
    /// Status-change time (`st_ctim`), seconds and nanoseconds.
    package var changeTime: Int64
    /// Nanoseconds part of the status-change time.
    package var changeNanoseconds: Int64

    /// Builds an identity from its parts, for tests and for sources that keep their own.
    package init(
        device: UInt64, inode: UInt64, size: Int,
        modificationTime: Int64, modificationNanoseconds: Int64 = 0,
        changeTime: Int64 = 0, changeNanoseconds: Int64 = 0
    ) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationTime = modificationTime
        self.modificationNanoseconds = modificationNanoseconds
        self.changeTime = changeTime
        self.changeNanoseconds = changeNanoseconds
    }
}
