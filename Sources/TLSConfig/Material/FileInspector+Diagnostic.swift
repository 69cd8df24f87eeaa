import Glibc

extension FileInspector.Problem {
    /// The diagnostic for a file a setting names, worded the same wherever the file is read
    /// (resolve-time checks, the OpenSSL layer, deep checks).
    package func diagnostic(
        what: String, path: String, setting: SettingKey?, origin: Origin?, notes: [String] = []
    ) -> Diagnostic {
        let shown = "\"\(path)\""
        var help =
            setting.map {
                "fix the path, or remove \($0)" + ($0.group == .trust ? " to use the system trust store" : "")
            } ?? "fix the path"
        let code: Diagnostic.Code
        let message: String
        switch self {
        case .notFound:
            code = .pathNotFound
            message = "\(what) not found: \(shown)"
        case .notARegularFile(let kind):
            code = .notARegularFile
            message = "\(what) \(shown) is \(kind), not a regular file"
            if kind == "a directory", setting == .caFile { help = "use ca-dir for a directory of certificates" }
        case .notADirectory:
            code = .notADirectory
            message = "\(what) \(shown) is not a directory"
            if setting == .caDir { help = "use ca-file for a PEM bundle" }
        case .unreadable(let reason, let errorNumber):
            code = .pathUnreadable
            message = "\(what) \(shown) cannot be read: \(reason)"
            help = Self.help(forUnreadable: errorNumber, path: path)
        case .empty:
            code = .fileEmpty
            message = "\(what) \(shown) is empty"
        case .tooLarge(let size, let limit):
            code = .fileTooLarge
            message = "\(what) \(shown) is \(size) bytes, above the \(limit)-byte limit"
            help = setting.map { "point \($0) at the right file; PEM files are small" } ?? "check the path"
        }
        return Diagnostic(.error, code, message, setting: setting, origin: origin, notes: notes, help: help)
    }

    /// What to do about a path `open` or `stat` refused, by its errno: a link loop is not a
    /// permission problem, and advice must change the outcome.
    package static func help(forUnreadable errorNumber: Int32, path: String) -> String {
        switch errorNumber {
        case ELOOP:
            "a symbolic link on the path leads back to itself (or there are over 40 links): fix the link; `namei -l \(ShellWord.quoted(path))` shows each one"
        case EACCES, EPERM:
            "check the permissions of the file and of each directory on its path (`namei -l \(ShellWord.quoted(path))` shows them)"
        case ENAMETOOLONG: "the path, or a part of it, is longer than the system allows: use a shorter path"
        case EIO: "the disk reported an input/output error: check the device"
        default: "check the path and its permissions"
        }
    }
}
