/// Lexical path handling. Nothing here touches the file system, so symlinks are kept as written.
package enum PathName {
    /// Removes `.`, empty components and resolves `..` lexically.
    package static func normalize(_ path: some StringProtocol) -> String {
        if isNormalized(path) { return String(path) }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(Substring(part))
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Absolute, no empty, `.` or `..` component, no trailing slash: the common case, checked
    /// without allocating.
    private static func isNormalized(_ path: some StringProtocol) -> Bool {
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/") else { return false }
        if bytes.count == 1 { return true }
        var componentLength = 0
        var dots = 0
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: "/") {
                if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        // A trailing slash leaves an empty last component, which is not normalized.
        return componentLength > 0 && !(componentLength == dots && dots <= 2)
    }

    /// The directory holding `path`: `.` for a bare name, `/` for a file at the root.
    package static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// `~` and `~/…` against `home` (the only two forms: `~user` is not expanded, as in curl and
    /// git's config); `nil` when the path needs a home and there is none. Every place that
    /// accepts `~` comes here, so they all agree on when it expands.
    package static func expandingHome(_ path: String, home: String?) -> String? {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        guard let home, home.hasPrefix("/") else { return nil }
        return home + path.dropFirst()
    }

    package static func absolute(_ path: String, relativeTo base: String) -> String {
        path.hasPrefix("/") ? normalize(path) : normalize(base + "/" + path)
    }
}
