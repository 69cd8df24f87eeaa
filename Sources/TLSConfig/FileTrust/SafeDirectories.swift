/// Directories whose discovered files are read whatever their owner: git's `safe.directory`.
/// Read only from the user's and the system's own configuration (`safe-directories`) and from
/// `PREFIX_SAFE_DIRECTORIES` (`:`-separated, for CI), never from a project file, which is what
/// the ownership rule guards against. An entry covers its directory and everything below it;
/// `*` covers every directory.
package struct SafeDirectories: Sendable, Hashable {
    package private(set) var entries: [String] = []
    package private(set) var coversAll = false

    package init() {}

    /// The key in the user's and the system's configuration file.
    package static let key = "safe-directories"

    /// Adds an entry: `*`, or an absolute path (`~/` expands against `home`); others are ignored.
    package mutating func add(_ entry: String, home: String?) {
        if entry == "*" { coversAll = true; return }
        guard let path = PathName.expandingHome(entry, home: home), path.hasPrefix("/") else { return }
        entries.append(PathName.normalize(path))
    }

    /// Whether the file at `path` lies in a safe directory.
    package func covers(_ path: String) -> Bool {
        if coversAll { return true }
        let directory = PathName.directory(of: path)
        return entries.contains { $0 == "/" || directory == $0 || directory.hasPrefix($0 + "/") }
    }
}
