import Foundation

/// A real directory under /tmp, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(prefix: String = "tlsconfig-test") {
        let template = FileManager.default.temporaryDirectory.path + "/\(prefix)-XXXXXX"
        var bytes = Array(template.utf8CString)
        path = bytes.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` (creating folders) and returns the absolute path.
    @discardableResult
    public func write(_ name: String, _ contents: String, mode: Int = 0o600) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! contents.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, mode_t(mode))
        return file
    }

    public func makeDirectory(_ name: String) -> String {
        let directory = path + "/" + name
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }
}
