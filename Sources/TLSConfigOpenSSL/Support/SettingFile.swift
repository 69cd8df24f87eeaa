import TLSConfig

/// Reads a file named by a setting, once, turning every way it can fail into a diagnostic
/// that cites where the setting came from.
struct SettingFile {
    var maximumSize: Int

    func read(_ path: String, what: String, setting: SettingKey, origin: Origin?) -> Result<[UInt8], Diagnostic> {
        switch FileInspector.read(path, maximumSize: maximumSize) {
        case .success(let bytes) where bytes.isEmpty:
            return .failure(FileInspector.Problem.empty.diagnostic(what: what, path: path, setting: setting, origin: origin))
        case .success(let bytes):
            return .success(bytes)
        case .failure(let problem):
            return .failure(problem.diagnostic(what: what, path: path, setting: setting, origin: origin))
        }
    }
}

/// A path or name in double quotes, as every message writes them.
func quoted(_ text: String) -> String {
    "\"\(text)\""
}
