import Foundation

/// A temporary working directory with `home/` and `xdg/` inside, removed afterwards.
final class Sandbox: @unchecked Sendable {
    let path: String

    init() {
        var template = Array((FileManager.default.temporaryDirectory.path + "/tlsconfig-cli-XXXXXX").utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        try! FileManager.default.createDirectory(atPath: path + "/home", withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    @discardableResult
    func write(_ name: String, _ contents: String, mode: Int = 0o600) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! contents.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, mode_t(mode))
        return file
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments, in: path, environment: environment)
    }

    /// Replaces the sandbox path with `$TMP` so expected output is stable.
    func normalize(_ text: String) -> String {
        text.replacingOccurrences(of: path, with: "$TMP")
    }

    static let certificate = "-----BEGIN CERTIFICATE-----\nTUlJQm9nSUJBQUpCQUxSaU1MQUhVRm5uR2l2S3pk\n-----END CERTIFICATE-----\n"
}

extension String {
    /// The text without the OpenSSL section, which varies with the machine's OpenSSL;
    /// what follows it (the diagnostics) is kept.
    var withoutOpenSSLSection: String {
        guard let start = range(of: "\n\nOpenSSL\n") else { return self }
        let rest = self[start.upperBound...]
        guard let end = rest.range(of: "\n\n") else { return String(self[..<start.lowerBound]) + "\n" }
        return String(self[..<start.lowerBound]) + self[end.lowerBound...]
    }
}
