import Foundation
import TestSupport
import Testing

/// The small cases where the advice printed for an input was false or missing: each asserts
/// what is said, then follows it and asserts that the outcome changes.
@Suite struct InputAdviceTests {
    @Test func aURLIsTakenByConnectAndNamedElsewhere() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try OpenSSLServerProcess(["-cert", "good.pem", "-key", "server.key"], in: matrix.directory)
        defer { server.stop() }
        let sandbox = Sandbox()
        // connect takes what curl users paste: the port from the URL (or its scheme).
        let connected = try sandbox.run(
            ["connect", "https://127.0.0.1:\(server.port)/some/path?q=1", "--timeout", "5"],
            environment: ["SSL_CERT_FILE": matrix.path("root.pem")])
        #expect(connected.status == 0, "\(connected.output)")
        #expect(connected.stdout.hasPrefix("Connecting to 127.0.0.1:\(server.port)"))
        // Where a host is expected, a URL is named as one, with the host to write instead.
        let shown = try sandbox.run(["show", "--host", "https://api.example.com/v1"])
        #expect(shown.status != 0)
        #expect(
            shown.output.contains("it is a URL, not a host: write HOST[:PORT], such as \"api.example.com\""),
            "\(shown.output)")
        #expect(!shown.output.contains("not an IPv6 address"))
        #expect(try sandbox.run(["show", "--host", "api.example.com"]).status == 0, "followed: the host as written")
    }

    @Test func aNewlineInAValueStaysOnItsLine() throws {
        let result = try Sandbox().run(["show"], environment: ["TLSCONFIG_CIPHERS": "AAA\nBBB\rCCC"])
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("AAA") }
        #expect(!lines.isEmpty && lines.allSatisfy { $0.contains("AAA\u{240A}BBB\u{240D}CCC") }, "\(result.stdout)")
        #expect(!result.output.contains("\nBBB"))
    }

    @Test func aSymlinkLoopIsNotCalledAPermissionProblem() throws {
        let directory = TemporaryDirectory(prefix: "loop")
        let a = directory.path + "/a", b = directory.path + "/b"
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
        let result = try Sandbox().run(["check"], environment: ["SSL_CERT_FILE": a])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("error[path-unreadable]")
                && result.stderr.contains("a symbolic link on the path leads back to itself"), "\(result.stderr)")
        #expect(!result.stderr.contains("permissions"))
        // Followed: the link fixed.
        let matrix = try FailureMatrixPKI.shared()
        try FileManager.default.removeItem(atPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: matrix.path("root.pem"))
        #expect(try Sandbox().run(["check"], environment: ["SSL_CERT_FILE": a]).status == 0)
    }

    @Test func aKeyWithoutItsCertificateNamesTheCertificateThatLost() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "client-key = \"\(pki.path("client.key"))\"\n")
        let environment = ["SSL_CLIENT_CERT": pki.path("client-chain.pem"), "SSL_CERT_FILE": pki.path("server-ca.pem")]
        let result = try sandbox.run(["check"], environment: environment)
        #expect(result.stderr.contains("error[identity-without-certificate]"))
        #expect(result.stderr.contains("environment variable SSL_CLIENT_CERT sets it lower down"), "\(result.stderr)")
        // Followed: the certificate set in the same place as the key.
        sandbox.write(
            "tlsconfig.toml",
            "client-key = \"\(pki.path("client.key"))\"\nclient-cert = \"\(pki.path("client-chain.pem"))\"\n")
        #expect(!(try sandbox.run(["check"], environment: environment)).stderr.contains("identity-without-certificate"))
    }

    @Test func aToolTemplateNamesTheCommandsThatReadIt() throws {
        let sandbox = Sandbox()
        let template = try sandbox.run(["init", "--app", "mytool"])
        #expect(template.stdout.contains("`tlsconfig show --app mytool`"), "\(template.stdout)")
        #expect(!template.stdout.contains("`tlsconfig show`"))
        // Followed: that command reads mytool's variables; plain `show` does not.
        let matrix = try FailureMatrixPKI.shared()
        let environment = ["MYTOOL_CA_FILE": matrix.path("root.pem")]
        #expect(
            try sandbox.run(["show", "--app", "mytool"], environment: environment).stdout.contains(
                matrix.path("root.pem")))
        #expect(!(try sandbox.run(["show"], environment: environment)).stdout.contains(matrix.path("root.pem")))
        #expect(try sandbox.run(["init"]).stdout.contains("`tlsconfig show` and `tlsconfig check`"))
    }

    @Test func aPrivateKeyInACABundleIsAWarning() throws {
        let matrix = try FailureMatrixPKI.shared()
        let directory = TemporaryDirectory(prefix: "bundle-with-key")
        let root = try String(contentsOfFile: matrix.path("root.pem"), encoding: .utf8)
        let key = try String(contentsOfFile: matrix.path("server.key"), encoding: .utf8)
        let bundle = directory.write("bundle.pem", root + key)
        let result = try Sandbox().run(["check"], environment: ["SSL_CERT_FILE": bundle])
        #expect(
            result.stderr.contains("warning[private-key-in-ca-file]") && result.stderr.contains("line "),
            "\(result.stderr)")
        #expect(result.status == 0, "a warning, not an error")
        // Followed: the key removed.
        directory.write("bundle.pem", root)
        #expect(
            !(try Sandbox().run(["check"], environment: ["SSL_CERT_FILE": bundle])).stderr.contains(
                "private-key-in-ca-file"))
    }

    @Test func passphrasesFromVariablesAndFilesDropTheSameLineEnding() throws {
        let pki = try TestPKI.shared()
        let directory = TemporaryDirectory(prefix: "passphrase")
        let file = directory.write("pass.txt", TestPKI.passphrase + "\r\n")
        let base = [
            "SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client-encrypted-combined.pem"),
        ]
        var fromFile = base
        fromFile["TLSCONFIG_CLIENT_KEY_PASSPHRASE"] = "file:\(file)"
        var fromVariable = base
        fromVariable["TLSCONFIG_CLIENT_KEY_PASSPHRASE"] = "env:PW"
        fromVariable["PW"] = TestPKI.passphrase + "\r"
        let viaFile = try Sandbox().run(["check"], environment: fromFile)
        let viaVariable = try Sandbox().run(["check"], environment: fromVariable)
        #expect(viaFile.status == 0, "\(viaFile.stderr)")
        #expect(viaVariable.status == 0, "a CRLF-era value decrypts the key as the file does: \(viaVariable.stderr)")
    }

    @Test func helpNamesTheVariablesRead() throws {
        for command in ["show", "check", "connect"] {
            let help = try Sandbox().run([command, "--help"])
            for variable in ["SSL_CERT_FILE", "SSL_CERT_DIR", "SSL_CLIENT_CERT", "REQUESTS_CA_BUNDLE", "TLSCONFIG_"] {
                #expect(help.stdout.contains(variable), "\(command) --help: \(variable)")
            }
        }
    }

    @Test func thousandsOfFindingsInOneBundleAreSummarised() throws {
        let matrix = try FailureMatrixPKI.shared()
        let directory = TemporaryDirectory(prefix: "leaves")
        let leaf = try String(contentsOfFile: matrix.path("good.pem"), encoding: .utf8)
        let root = try String(contentsOfFile: matrix.path("root.pem"), encoding: .utf8)
        let bundle = directory.write("bundle.pem", root + String(repeating: leaf, count: 1_500))
        let result = try Sandbox().run(["check"], environment: ["SSL_CERT_FILE": bundle])
        #expect(result.status == 0, "warnings only")
        #expect(
            result.stderr.components(separatedBy: "warning[ca-certificate-not-ca]").count - 1 == 1_001,
            "\(result.stderr.suffix(500))")
        #expect(
            result.stderr.contains(
                "warning[ca-certificate-not-ca]: 500 more ca-certificate-not-ca finding(s) in \"\(bundle)\" are not listed"
            ))
    }
}
