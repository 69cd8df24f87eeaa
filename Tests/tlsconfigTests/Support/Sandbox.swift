import Foundation
import TestSupport

/// A temporary working directory with `home/` inside, removed afterwards.
final class Sandbox: @unchecked Sendable {
    private let directory = TemporaryDirectory(prefix: "tlsconfig-cli")

    var path: String { directory.path }

    init() {
        _ = directory.makeDirectory("home")
    }

    @discardableResult
    func write(_ name: String, _ contents: String, mode: Int = 0o600) -> String {
        directory.write(name, contents, mode: mode)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments, in: path, environment: environment)
    }

    /// Replaces the sandbox path with `$TMP` so expected output is stable.
    func normalize(_ text: String) -> String {
        text.replacingOccurrences(of: path, with: "$TMP")
    }

    static let certificate =
        "-----BEGIN CERTIFICATE-----\nTUlJQm9nSUJBQUpCQUxSaU1MQUhVRm5uR2l2S3pk\n-----END CERTIFICATE-----\n"
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
