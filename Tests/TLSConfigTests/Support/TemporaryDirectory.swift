import Foundation

/// A real directory under /tmp, removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() {
        let template = FileManager.default.temporaryDirectory.path + "/tlsconfig-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        path = bytes.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` (creating folders) and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ contents: String, mode: Int = 0o600) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! contents.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, mode_t(mode))
        return file
    }

    func makeDirectory(_ name: String) -> String {
        let directory = path + "/" + name
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// PEM text that the scanner accepts. The core never parses DER, so the body is arbitrary base64.
enum FakePEM {
    static let certificate = block("CERTIFICATE")
    static let key = block("PRIVATE KEY")
    static let encryptedKey = block("ENCRYPTED PRIVATE KEY")
    static let legacyEncryptedKey = """
    -----BEGIN RSA PRIVATE KEY-----
    Proc-Type: 4,ENCRYPTED
    DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF

    TUlJQm9nSUJBQUpCQUxSaU1MQUhVRm5uR2l2S3pk
    -----END RSA PRIVATE KEY-----

    """
    static let crl = block("X509 CRL")

    static func block(_ label: String) -> String {
        "-----BEGIN \(label)-----\nTUlJQm9nSUJBQUpCQUxSaU1MQUhVRm5uR2l2S3pk\nYWJjZGVmZ2hpams=\n-----END \(label)-----\n"
    }
}
