extension FileInspector.Problem {
    /// The diagnostic for a file a setting names, worded the same wherever the file is read
    /// (resolve-time checks, the OpenSSL layer, deep checks).
    package func diagnostic(what: String, path: String, setting: SettingKey?, origin: Origin?, notes: [String] = []) -> Diagnostic {
        let shown = "\"\(path)\""
        var help = setting.map { "fix the path, or remove \($0)" + ($0.group == .trust ? " to use the system trust store" : "") } ?? "fix the path"
        let code: DiagnosticCode
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
        case .unreadable(let reason):
            code = .pathUnreadable
            message = "\(what) \(shown) cannot be read: \(reason)"
            help = "check the file's permissions"
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
}
