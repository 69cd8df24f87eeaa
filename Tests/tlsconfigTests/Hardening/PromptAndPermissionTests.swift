import Foundation
import TestSupport
import Testing

/// No passphrase prompt even on a terminal, the permission warnings, and output that a
/// hostile value cannot turn into terminal commands.
@Suite struct PromptAndPermissionTests {
    /// Runs the binary under `script`, so standard input, output and error are a
    /// pseudo-terminal, as for a user at a shell; `script`'s own input is a pipe that stays
    /// open, so a prompt would wait (and time out) rather than read end-of-file.
    static func runOnTerminal(
        _ arguments: [String], environment: [String: String], in directory: String, timeout: TimeInterval = 30
    ) throws -> (status: Int32, output: String, seconds: Double) {
        let quoted = ([CLI.executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ["HOME": directory + "/home", "PATH": "/usr/bin:/bin", "TERM": "xterm"]
        env.merge(SanitizerSupport.childEnvironment) { $1 }
        env.merge(environment) { $1 }
        process.environment = env
        let input = Pipe()
        let output = directory + "/terminal-output"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        defer { try? handle.close(); try? input.fileHandleForWriting.close() }
        process.standardInput = input
        process.standardOutput = handle
        process.standardError = handle
        let start = Date()
        try process.run()
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout {
                kill(-process.processIdentifier, SIGKILL)
                process.terminate()
                process.waitUntilExit()
                Issue.record(
                    "still running after \(timeout) s: it waits for input; output so far: \((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")"
                )
                return (-1, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "", timeout)
            }
            usleep(5_000)
        }
        return (
            process.terminationStatus, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
            Date().timeIntervalSince(start)
        )
    }

    @Test(arguments: ["client-encrypted-pkcs8.key", "client-encrypted-legacy.key"])
    func encryptedKeyWithoutPassphraseNeverPrompts(_ key: String) throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let environment = [
            "SSL_CERT_FILE": pki.path("server-ca.pem"),
            "TLSCONFIG_CLIENT_CERT": pki.path("client-chain.pem"),
            "TLSCONFIG_CLIENT_KEY": pki.path(key),
        ]
        for arguments in [["check"], ["show"], ["connect", "127.0.0.1:\(try Sockets.freePort())"]] {
            let result = try Self.runOnTerminal(arguments, environment: environment, in: sandbox.path)
            let context = "\(arguments.joined(separator: " ")) with \(key): \(result.output.suffix(2000))"
            #expect(!result.output.lowercased().contains("pass phrase"), "OpenSSL prompted: \(context)")
            #expect(!result.output.lowercased().contains("enter pem"), "OpenSSL prompted: \(context)")
            if arguments != ["show"] {
                #expect(result.status == 1, "\(context)")
                #expect(result.output.contains("encrypted-key-without-passphrase"), "\(context)")
                #expect(result.output.contains("TLSCONFIG_CLIENT_KEY"), "names the key's origin: \(context)")
            }
        }
    }

    /// Also the PKCS#12 path, which takes the passphrase directly rather than by callback.
    @Test func passphraseProtectedPKCS12WithoutPassphraseNeverPrompts() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let result = try Self.runOnTerminal(
            ["check"],
            environment: ["SSL_CERT_FILE": pki.path("server-ca.pem"), "TLSCONFIG_CLIENT_CERT": pki.path("client.p12")],
            in: sandbox.path)
        #expect(result.status == 1, "\(result.output)")
        #expect(!result.output.lowercased().contains("pass phrase"), "\(result.output)")
        #expect(result.output.contains("TLSCONFIG_CLIENT_CERT"), "\(result.output)")
    }

    @Test func privateKeyReadableByOthersIsAWarning() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let combined = try String(decoding: pki.bytes("client-combined.pem"), as: UTF8.self)
        for (mode, warned) in [(0o600, false), (0o640, true), (0o644, true), (0o604, true), (0o400, false)] {
            let path = sandbox.write("identity-\(String(mode, radix: 8)).pem", combined, mode: mode)
            for format in ["text", "json"] {
                let result = try sandbox.run(
                    ["check", "--format", format],
                    environment: ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": path])
                let context = "mode \(String(mode, radix: 8)) \(format): \(result.stdout.suffix(1500))"
                #expect(result.status == 0, "a warning, not an error: \(context)")
                #expect(result.output.contains("private-key-permissions") == warned, "\(context)")
                if warned, format == "text" {
                    #expect(result.stderr.contains("warning[private-key-permissions]"), "\(context)")
                    #expect(result.stderr.contains(path), "names the file: \(context)")
                }
            }
        }
    }

    /// A project file others can write is not read (an error naming the fix); the same file
    /// named with --config is the user's choice, read with a warning. A group-writable file in
    /// the user's own private group (root's here) is neither.
    @Test func configFileWritableByOthersIsRefusedWhenFound() throws {
        let sandbox = Sandbox()
        for (mode, refused) in [(0o644, false), (0o664, false), (0o666, true), (0o602, true)] {
            let path = sandbox.write("tlsconfig.toml", "alpn = \"h2\"\n", mode: mode)
            chmod(path, mode_t(mode))
            for format in ["text", "json"] {
                let result = try sandbox.run(["show", "--format", format])
                let context = "mode \(String(mode, radix: 8)) \(format): \(result.stdout.suffix(1500))"
                #expect(result.status == (refused ? 1 : 0), "\(context)")
                #expect(result.output.contains("config-file-world-writable") == refused, "\(context)")
                if refused, format == "text" {
                    #expect(result.stderr.contains("error[config-file-world-writable]"), "\(context)")
                    #expect(result.stderr.contains("chmod o-w \(path)"), "\(context)")
                    // The alpn line, not the whole text: a temporary path may hold "h2" by chance.
                    let alpn = result.stdout.split(separator: "\n").filter { $0.contains("alpn") }
                    #expect(!alpn.contains { $0.contains("h2") }, "a refused file is not read: \(context)")
                }
            }
            let check = try sandbox.run(["check"])
            #expect(
                check.output.contains("config-file-world-writable") == refused, "check too: \(check.stdout.suffix(800))"
            )
            let named = try sandbox.run(["show", "--config", path])
            #expect(named.status == 0, "named: \(named.stderr)")
            #expect(
                named.stderr.contains("warning[config-file-world-writable]") == refused,
                "named, mode \(String(mode, radix: 8))")
            // Following the advice changes the outcome.
            if refused {
                chmod(path, mode_t(mode & ~0o002))
                #expect(try sandbox.run(["show"]).status == 0)
            }
        }
    }

    /// A value with escape sequences reaches the terminal as visible characters; only the
    /// tool's own colour codes remain.
    @Test(arguments: ["never", "always"])
    func controlCharactersNeverReachTheTerminal(_ color: String) throws {
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.yaml", "alpn: \"h2\\e]0;owned\\a\"\nserver-name: \"\\e[2Jx\"\n")
        let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07}\r\u{9B}31m"
        for arguments in [["show", "--all"], ["check"], ["connect", "127.0.0.1:\(try Sockets.freePort())"]] {
            let result = try sandbox.run(
                arguments + ["--color", color],
                environment: [
                    "TLSCONFIG_VERIFY": hostile, "TLSCONFIG_CA_FILE": sandbox.path + "/\u{1B}[8mhidden.pem",
                ])
            let context =
                "\(arguments.joined(separator: " ")) --color \(color): \(result.stdout.suffix(1500).debugDescription)"
            #expect(result.status == 1, "\(context)")
            #expect(result.stderr.contains("invalid-value"), "diagnostics go to standard error: \(context)")
            // Both streams reach the terminal: neither may carry a control character.
            let ownColor = /\x{1B}\[(0|1|2|32|1;34|1;31|1;33|1;36)m/
            for stream in [result.stdout, result.stderr] {
                let rest = stream.replacing(ownColor, with: "")
                #expect(
                    !rest.unicodeScalars.contains {
                        ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
                    }, "\(context)")
                if color == "never" { #expect(!stream.contains("\u{1B}")) }
            }
            #expect(result.output.contains("\u{241B}[2J"), "the escape is shown as a visible character: \(context)")
        }
    }
}
