import Foundation
import TestSupport
import Testing

/// Files the user never chose, through the real binary: a cloned repository's project file, a
/// shared directory, secrets named as configuration, files that block, an implicit port.
@Suite struct UntrustedFilesTests {
    static let isRoot = geteuid() == 0
    /// The sandbox's project files are not trusted here: the default is what is tested.
    static let untrusted = ["TLSCONFIG_TRUSTED_CONFIG_PATHS": "", "MYTOOL_TRUSTED_CONFIG_PATHS": ""]

    private func json(_ result: CLI.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    /// The command after "trust it: " in the help, split as a shell would split these words.
    private func advisedCommand(_ stderr: String) throws -> [String] {
        let line = try #require(
            stderr.components(separatedBy: "\n").first { $0.contains("then trust it: ") }, "\(stderr)")
        let command = try #require(line.components(separatedBy: "then trust it: ").last)
        return command.split(separator: " ").map(String.init)
    }

    static let weakening = [
        "ca-file = \"ca.pem\"", "ca-dir = \"cas\"", "trust = \"system+custom\"\nca-file = \"ca.pem\"",
        "verify = \"none\"",
        "verify = \"no-hostname\"", "min-version = \"1.1\"", "ciphers = \"DEFAULT:@SECLEVEL=0\"",
        "ciphersuites = \"TLS_AES_128_GCM_SHA256\"",
        "server-name = \"evil.example\"", "[hosts.\"github.com\"]\nca-file = \"ca.pem\"",
    ]

    /// Before `trust`: an error at the line, and the exact command; after: applied; after an
    /// edit: untrusted again; `--untrust` forgets it.
    @Test(arguments: weakening)
    func clonedRepository(_ setting: String) throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let repository = sandbox.path + "/clone"
        try FileManager.default.createDirectory(atPath: repository + "/src/deep", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repository + "/cas", withIntermediateDirectories: true)
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: repository + "/ca.pem"))
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: repository + "/cas/ca.pem"))
        let file = repository + "/tlsconfig.toml"
        try (setting + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let cwd = repository + "/src/deep"
        let host = setting.contains("github.com") ? ["--host", "github.com"] : []

        let before = try CLI.run(["show"] + host, in: cwd, environment: Self.untrusted)
        #expect(before.status == 1, "\(setting): \(before.stderr)")
        #expect(before.stderr.contains("error[untrusted-project-setting]"), "\(setting)")
        #expect(before.stderr.contains(" --> \(file):"), "names file:line:column: \(before.stderr)")
        #expect(before.stdout.contains("not trusted"), "show marks the file: \(setting)")
        let command = try advisedCommand(before.stderr)
        #expect(command == ["tlsconfig", "trust", file])

        let trusted = try CLI.run(Array(command.dropFirst()), in: cwd, environment: Self.untrusted)
        #expect(trusted.status == 0, "\(trusted.stderr)")
        let after = try CLI.run(["show", "--format", "json"] + host, in: cwd, environment: Self.untrusted)
        #expect(after.status == 0, "following the advice changes the outcome: \(setting): \(after.stdout.suffix(2000))")
        let files = try json(after)["configFiles"] as? [[String: Any]] ?? []
        let found = files.first { $0["path"] as? String == file }?["trust"] as? [String: Any]
        #expect(found?["status"] as? String == "trusted")

        try (setting + "\n# edited\n").write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try CLI.run(["show"] + host, in: cwd, environment: Self.untrusted)
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("has changed since you trusted it"), "\(edited.stderr)")
        let listed = try CLI.run(["trust", "--show"], in: cwd, environment: Self.untrusted)
        #expect(listed.stdout == "\(file)  not trusted: changed since it was trusted\n")

        _ = try CLI.run(["trust"], in: cwd, environment: Self.untrusted)
        #expect(try CLI.run(["show"] + host, in: cwd, environment: Self.untrusted).status == 0)
        let forgotten = try CLI.run(["trust", "--untrust", file], in: cwd, environment: Self.untrusted)
        #expect(forgotten.stdout.hasPrefix("untrusted \(file)"))
        #expect(try CLI.run(["show"] + host, in: cwd, environment: Self.untrusted).status == 1)
        // For automation: the variable trusts the checkout, as a CI job would.
        #expect(
            try CLI.run(["show"] + host, in: cwd, environment: ["TLSCONFIG_TRUSTED_CONFIG_PATHS": repository]).status
                == 0)
    }

    /// A host tool's advice names its own command, and following it works.
    @Test func hostToolAdviceNamesItsCommand() throws {
        let sandbox = Sandbox()
        let file = sandbox.write("mytool.toml", "verify = \"none\"\n")
        let before = try CLI.run(["show", "--app", "mytool"], in: sandbox.path, environment: Self.untrusted)
        #expect(before.status == 1)
        let command = try advisedCommand(before.stderr)
        #expect(command == ["tlsconfig", "trust", "--app", "mytool", file])
        #expect(try CLI.run(Array(command.dropFirst()), in: sandbox.path, environment: Self.untrusted).status == 0)
        #expect(try CLI.run(["show", "--app", "mytool"], in: sandbox.path, environment: Self.untrusted).status == 0)
        #expect(
            FileManager.default.fileExists(atPath: sandbox.path + "/xdg/mytool/trusted-files"),
            "recorded in the tool's own directory")
    }

    /// The shared-directory attack: another user's file above the working directory.
    @Test(.enabled(if: isRoot, "chown to another user needs root"))
    func fileOfAnotherUserInASharedDirectory() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let shared = sandbox.path + "/shared/x"
        try FileManager.default.createDirectory(atPath: shared + "/deep", withIntermediateDirectories: true)
        try pki.bytes("other-ca.pem").write(to: URL(fileURLWithPath: shared + "/their-ca.pem"))
        let file = shared + "/tlsconfig.toml"
        try "ca-file = \"their-ca.pem\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        chown(file, 65534, 65534)
        let result = try CLI.run(
            ["show", "--format", "json"], in: shared + "/deep",
            environment: ["TLSCONFIG_TRUSTED_CONFIG_PATHS": sandbox.path])
        #expect(result.status == 1)
        let document = try json(result)
        let trust = (document["settings"] as? [String: Any])?["trust"] as? [String: Any]
        #expect(trust?["value"] as? String == "system", "the other user's CA is not trusted")
        let codes = (document["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes == ["config-file-not-owned"])
        let text = try CLI.run(["show"], in: shared + "/deep", environment: [:])
        #expect(text.stderr.contains("belongs to nobody (uid 65534)"), "\(text.stderr)")
        #expect(text.stderr.contains("TLSCONFIG_SAFE_DIRECTORIES=\(shared)"))
        // The opt-in reads the file; a trust-changing setting in it still needs trust.
        let admitted = try CLI.run(
            ["show"], in: shared + "/deep",
            environment: ["TLSCONFIG_SAFE_DIRECTORIES": shared].merging(Self.untrusted) { $1 })
        #expect(admitted.stderr.contains("error[untrusted-project-setting]"), "\(admitted.stderr)")
    }

    /// Files that are not configuration, named as configuration: the secret never appears.
    @Test func secretsNamedAsConfigurationAreNotPrinted() throws {
        let sandbox = Sandbox()
        let secret = "hunter2-Correct-Horse"
        let files = [
            sandbox.write("pass.txt", secret + "\n"),
            sandbox.write(".env", "DB_PASSWORD=\(secret)\nAPI_KEY=\"\(secret)\"\n"),
            sandbox.write("quoted.env", "API_KEY=\"\(secret)\"\n"),
            sandbox.write("app.toml", "password = \(secret)\n"),
            sandbox.write("pass.yaml", "\(secret): [\n"),
        ]
        let environmentFile = "/proc/self/environ"
        for file in files + [environmentFile] {
            for format in ["text", "json"] {
                for (arguments, environment) in [
                    (["show", "--config", file], [:]), (["check"], ["TLSCONFIG_CONFIG": file]),
                ] {
                    var env = environment
                    env["CANARY_SECRET"] = secret  // what /proc/self/environ holds
                    let result = try CLI.run(arguments + ["--format", format], in: sandbox.path, environment: env)
                    #expect(result.status == 1, "\(file) \(format)")
                    #expect(
                        !result.output.contains(secret), "\(file) \(format) \(arguments): \(result.output.suffix(3000))"
                    )
                    #expect(!result.output.contains("hunter2"), "no part of it either: \(file)")
                }
            }
        }
        // A passphrase file that is also named as the configuration: no line of it is shown.
        let key = try TestPKI.shared()
        let passphrase = sandbox.write("pass.toml", "client-key-password = \"\(secret)\"\n")
        let result = try CLI.run(
            ["check", "--config", passphrase], in: sandbox.path,
            environment: [
                "TLSCONFIG_CLIENT_CERT": key.path("client-encrypted-combined.pem"),
                "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "file:" + passphrase,
            ])
        #expect(!result.output.contains(secret), "\(result.output.suffix(3000))")
    }

    /// A FIFO, a socket and a device in a hashed CA directory: OpenSSL would open them during
    /// the handshake and block; they are skipped with a warning and the handshake completes.
    @Test func specialEntriesInAHashedCADirectoryDoNotBlock() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let directory = sandbox.path + "/cas"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try pki.bytes("server-ca.pem").write(to: URL(fileURLWithPath: directory + "/server-ca.pem"))
        try OpenSSLTool.run(["rehash", directory], in: URL(fileURLWithPath: sandbox.path))
        #expect(mkfifo(directory + "/1a2b3c4d.0", 0o600) == 0)
        try Sockets.bindUnixSocket(at: directory + "/2b3c4d5e.0")
        #expect(symlink("/dev/zero", directory + "/3c4d5e6f.0") == 0)
        let server = try OpenSSLServerProcess(["-cert", "server.pem", "-key", "server.key"], in: pki.directory)
        defer { server.stop() }
        let environment = ["SSL_CERT_DIR": directory]
        let connect = try CLI.run(
            ["connect", "127.0.0.1:\(server.port)", "--timeout", "5"], in: sandbox.path, environment: environment,
            timeout: 30)
        #expect(connect.status == 0, "\(connect.stdout)\(connect.stderr)")
        for (name, kind) in [
            ("1a2b3c4d.0", "a FIFO"), ("2b3c4d5e.0", "a socket"), ("3c4d5e6f.0", "a character device"),
        ] {
            #expect(
                connect.stderr.contains("\"\(name)\" in CA directory \"\(directory)\" is \(kind)"),
                "\(name): \(connect.stderr)")
        }
        let check = try CLI.run(["check"], in: sandbox.path, environment: environment, timeout: 30)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("ca-directory-special-entry"))
        // A socket named directly is an error naming its origin.
        let named = try CLI.run(["check"], in: sandbox.path, environment: ["SSL_CERT_FILE": directory + "/2b3c4d5e.0"])
        #expect(named.status == 1)
        #expect(named.stderr.contains("is a socket"), "\(named.stderr)")
    }

    /// `connect H` is `H:443`: the section for 443 applies, not only the bare one.
    @Test(.enabled(if: isRoot, "listening on port 443 needs root"))
    func connectWithoutAPortMatchesThePortSection() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        sandbox.write(
            "tlsconfig.toml",
            """
            [hosts."127.0.0.1"]
            verify = "none"

            [hosts."127.0.0.1:443"]
            verify = "full"

            """)
        let server = try OpenSSLServerProcess(
            ["-cert", "untrusted-server.pem", "-key", "untrusted-server.key"], in: pki.directory, port: 443)
        defer { server.stop() }
        let bare = try sandbox.run(["connect", "127.0.0.1", "--timeout", "5"])
        #expect(bare.status == 1, "the self-signed server is refused: \(bare.stdout)")
        let explicit = try sandbox.run(["connect", "127.0.0.1:443", "--timeout", "5"])
        #expect(explicit.status == 1)
        let show = try sandbox.run(["show", "--host", "127.0.0.1"])
        #expect(show.stdout.contains("TLS settings for 127.0.0.1:443"))
        #expect(show.stdout.contains("port 443 assumed"))
        #expect(show.stdout.contains("[hosts.\"127.0.0.1:443\"]"))
    }
}
