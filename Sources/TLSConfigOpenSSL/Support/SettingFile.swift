import TLSConfig

/// Reads a file named by a setting, once, turning every way it can fail into a diagnostic
/// that cites where the setting came from.
struct SettingFile {
    var maximumSize: Int

    func read(_ path: String, what: String, setting: SettingKey, origin: Origin?) -> Result<[UInt8], Diagnostic> {
        switch FileInspector.read(path, maximumSize: maximumSize) {
        case .success(let bytes) where bytes.isEmpty:
            return .failure(Diagnostic(.error, .fileEmpty, "\(what) \(quoted(path)) is empty", setting: setting, origin: origin))
        case .success(let bytes):
            return .success(bytes)
        case .failure(let problem):
            return .failure(diagnostic(for: problem, path: path, what: what, setting: setting, origin: origin))
        }
    }

    func diagnostic(for problem: FileInspector.Problem, path: String, what: String, setting: SettingKey, origin: Origin?) -> Diagnostic {
        switch problem {
        case .notFound:
            Diagnostic(.error, .pathNotFound, "\(what) not found: \(quoted(path))", setting: setting, origin: origin)
        case .notARegularFile(let kind):
            Diagnostic(.error, .notARegularFile, "\(what) \(quoted(path)) is \(kind), not a regular file", setting: setting, origin: origin)
        case .notADirectory:
            Diagnostic(.error, .notADirectory, "\(what) \(quoted(path)) is not a directory", setting: setting, origin: origin)
        case .unreadable(let reason):
            Diagnostic(.error, .pathUnreadable, "cannot read \(what) \(quoted(path)): \(reason)", setting: setting, origin: origin)
        case .empty:
            Diagnostic(.error, .fileEmpty, "\(what) \(quoted(path)) is empty", setting: setting, origin: origin)
        case .tooLarge(let size, let limit):
            Diagnostic(
                .error, .fileTooLarge, "\(what) \(quoted(path)) is \(size) bytes, more than the limit of \(limit)",
                setting: setting, origin: origin
            )
        }
    }
}

/// A path or name in double quotes, as every message writes them.
func quoted(_ text: String) -> String {
    "\"\(text)\""
}
