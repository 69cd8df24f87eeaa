import Foundation
import TestSupport
import Testing

/// The README's sample `show` output is what the real binary prints for the README's own
/// scenario, so the two cannot drift apart. The scenario is rebuilt in a sandbox and its paths
/// written back as the README's (`/tmp/readme-demo/project`, `/home/me`); the README abridges
/// the variable list with a "..." line, and the OpenSSL section names the machine's OpenSSL, so
/// those lines are compared by shape only.
@Suite struct ReadmeSampleTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("README.md")

    /// The lines of the first ```text block in the README after `marker`, up to the next `$ ` or the block's end.
    static func sample(after marker: String) throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: marker), "README has no line \(marker)")
        var out: [String] = []
        for line in lines[(start + 1)...] {
            if line == "```" || line.hasPrefix("$ ") { break }
            out.append(line)
        }
        return out
    }

    @Test func showSampleMatchesTheBinary() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let project = sandbox.path + "/project"
        try FileManager.default.createDirectory(atPath: project + "/certs", withIntermediateDirectories: true)
        let file = try Self.sample(after: "$ cat tlsconfig.toml").joined(separator: "\n") + "\n"
        try file.write(toFile: project + "/tlsconfig.toml", atomically: true, encoding: .utf8)
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: project + "/certs/internal-ca.pem"))
        try pki.bytes("client-combined.pem").write(to: URL(fileURLWithPath: project + "/certs/client.pem"))
        chmod(project + "/certs/client.pem", 0o600)
        let environment = [
            "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt", "XDG_CONFIG_HOME": "",
            "HOME": sandbox.path + "/home",
            "TLSCONFIG_TRUSTED_CONFIG_PATHS": "",
        ]
        // As the README shows: the project file's ca-file applies once the file is trusted.
        let trust = try CLI.run(["trust"], in: project, environment: environment)
        #expect(trust.status == 0, "\(trust.stderr)")
        #expect(trust.stdout.hasPrefix("trusted \(project)/tlsconfig.toml (sha256:"))
        let result = try CLI.run(
            ["show", "--host", "db.internal.example.com:5432", "--all"], in: project, environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let actual = result.stdout
            .replacingOccurrences(of: sandbox.path + "/home", with: "/home/me")
            .replacingOccurrences(of: project, with: "/tmp/readme-demo/project")
            .components(separatedBy: "\n")
        let expected = try Self.sample(after: "$ tlsconfig show --host db.internal.example.com:5432 --all")
        var index = 0
        var inOpenSSL = false
        for line in expected {
            if line == "OpenSSL" { inOpenSSL = true }
            if line.hasPrefix("  ...") {
                // Abridged: skip actual lines up to the next line the README shows.
                continue
            }
            if inOpenSSL, line.hasPrefix("  ") {
                // Machine facts: the same row names, whatever the values.
                let name = String(line.dropFirst(2)).components(separatedBy: "  ").first ?? line
                guard let found = actual[index...].firstIndex(where: { $0.hasPrefix("  " + name + " ") }) else {
                    Issue.record("README shows \"\(line)\" but the binary prints no such OpenSSL row")
                    return
                }
                index = found + 1
                continue
            }
            guard let found = actual[index...].firstIndex(of: line) else {
                Issue.record(
                    "README line not printed (in order) by the binary: \"\(line)\"\n--- actual ---\n\(actual.joined(separator: "\n"))"
                )
                return
            }
            // Only abridged variable lines may be skipped.
            let skipped = actual[index..<found]
            #expect(
                skipped.allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("  \u{20}") || $0.isEmpty } || skipped.isEmpty,
                "lines the README leaves out: \(skipped)")
            index = found + 1
        }
    }

    /// Both `connect` samples, against the test PKI's server (the README's port written back).
    @Test func connectSamplesMatchTheBinary() throws {
        let pki = try TestPKI.shared()
        let server = try pki.clientCertificateServer()
        defer { server.stop() }
        let sandbox = Sandbox()
        for (marker, environment, status) in [
            (
                "$ SSL_CERT_FILE=server-ca.pem tlsconfig connect localhost:8443",
                ["SSL_CERT_FILE": pki.path("server-ca.pem")], Int32(1)
            ),
            (
                "$ SSL_CERT_FILE=server-ca.pem SSL_CLIENT_CERT=certs/client.pem tlsconfig connect localhost:8443",
                ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client-combined.pem")],
                Int32(0)
            ),
        ] {
            let result = try sandbox.run(["connect", "localhost:\(server.port)"], environment: environment)
            #expect(result.status == status, "\(marker)")
            let actual = result.stdout.replacingOccurrences(of: "localhost:\(server.port)", with: "localhost:8443")
            let expected = try Self.sample(after: marker).filter { !$0.isEmpty }.joined(separator: "\n")
            let printed = actual.components(separatedBy: "\n").filter { !$0.isEmpty }.joined(separator: "\n")
            // The negotiated suite depends on the machine's OpenSSL: compared up to the suite name.
            let comparable = { (text: String) in text.replacing(/TLS_[A-Z0-9_]+/, with: "TLS_SUITE") }
            #expect(comparable(printed) == comparable(expected), "README sample after \(marker) drifted:\n\(printed)")
        }
    }
}
