import Foundation
import TestSupport
import Testing

/// The passphrase never reaches standard output or standard error: every command, every
/// format, the passphrase from a variable and from a file, right and wrong, and the user
/// mistake of writing the passphrase itself where its source belongs.
@Suite struct SecretHandlingTests {
    enum HardeningSecretCommand: String, CaseIterable, Sendable {
        case show, showAll, check, connectServer, connectRefused, initTemplate
    }

    static let wrongPassphrase = "Zq8-wR0ng-Kx3v-77"

    /// Fails when `secret` (or a distinctive piece of it) appears in the output.
    static func expectNoSecret(
        _ secret: String, in result: CLI.Result, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for text in [result.stdout, result.stderr] {
            #expect(
                !text.contains(secret), "passphrase leaked (\(context)): \(text.prefix(3000))",
                sourceLocation: sourceLocation)
            let piece = String(secret.dropFirst(secret.count / 3).prefix(8))
            #expect(!text.contains(piece), "part of the passphrase leaked (\(context))", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: HardeningSecretCommand.allCases)
    func passphraseNeverPrinted(_ command: HardeningSecretCommand) throws {
        let pki = try TestPKI.shared()
        var server: OpenSSLServerProcess?
        if command == .connectServer {
            server = try OpenSSLServerProcess(
                [
                    "-cert", "server.pem", "-key", "server.key", "-CAfile", "client-ca.pem", "-Verify", "1",
                    "-verify_return_error",
                ],
                in: pki.directory
            )
        }
        defer { server?.stop() }
        let refusedPort = try Sockets.freePort()
        let sandbox = Sandbox()
        for passphrase in [TestPKI.passphrase, Self.wrongPassphrase] {
            sandbox.write("pass.txt", passphrase + "\n")
            for source in ["env:TLS_SECRET_PASS", "file:\(sandbox.path)/pass.txt"] {
                for format in ["text", "json"] {
                    var arguments: [String] =
                        switch command {
                        case .show: ["show"]
                        case .showAll: ["show", "--all"]
                        case .check: ["check"]
                        case .connectServer: ["connect", "localhost:\(server!.port)", "--timeout", "20"]
                        case .connectRefused: ["connect", "127.0.0.1:\(refusedPort)", "--timeout", "20"]
                        case .initTemplate: ["init"]
                        }
                    if command != .initTemplate { arguments += ["--format", format] }
                    let result = try sandbox.run(
                        arguments,
                        environment: [
                            "SSL_CERT_FILE": pki.path("server-ca.pem"),
                            "TLSCONFIG_CLIENT_CERT": pki.path("client-chain.pem"),
                            "TLSCONFIG_CLIENT_KEY": pki.path("client-encrypted-pkcs8.key"),
                            "TLSCONFIG_CLIENT_KEY_PASSPHRASE": source,
                            "TLS_SECRET_PASS": passphrase,
                        ])
                    let context =
                        "\(arguments.joined(separator: " ")) with \(source), \(passphrase == TestPKI.passphrase ? "right" : "wrong") passphrase"
                    Self.expectNoSecret(passphrase, in: result, context)
                    // The runs must have done their work, or the absence proves nothing.
                    let right = passphrase == TestPKI.passphrase
                    switch command {
                    case .check:
                        #expect(result.status == (right ? 0 : 1), "\(context): \(result.stdout)")
                        if !right { #expect(result.output.contains("wrong-passphrase"), "\(context)") }
                    case .connectServer:
                        #expect(result.status == (right ? 0 : 1), "\(context): \(result.stdout)")
                    case .connectRefused:
                        #expect(result.status == 1)
                    case .show, .showAll:
                        #expect(result.status == 0, "\(context): \(result.stdout)")
                        #expect(
                            result.stdout.contains(source.hasPrefix("env:") ? "TLS_SECRET_PASS" : "pass.txt"),
                            "the source is shown: \(context)")
                    case .initTemplate:
                        #expect(result.status == 0)
                    }
                }
            }
        }
    }

    /// The passphrase written where its source belongs: refused, and never repeated.
    @Test(arguments: ["variable", "toml", "yaml"])
    func passphraseWrittenAsTheSourceIsNeverEchoed(_ place: String) throws {
        let pki = try TestPKI.shared()
        let secret = "hunter2-Secret-Value-42"
        let sandbox = Sandbox()
        var environment = [
            "SSL_CERT_FILE": pki.path("server-ca.pem"),
            "TLSCONFIG_CLIENT_CERT": pki.path("client-chain.pem"),
            "TLSCONFIG_CLIENT_KEY": pki.path("client-encrypted-pkcs8.key"),
        ]
        switch place {
        case "variable": environment["TLSCONFIG_CLIENT_KEY_PASSPHRASE"] = secret
        case "toml": sandbox.write("tlsconfig.toml", "client-key-passphrase = \"\(secret)\"\n")
        default: sandbox.write("tlsconfig.yaml", "client-key-passphrase: \(secret)\n")
        }
        if place != "variable" {
            // In a file, the group must come from the file to be used at all.
            environment["TLSCONFIG_CLIENT_CERT"] = nil
            environment["TLSCONFIG_CLIENT_KEY"] = nil
        }
        for arguments in [["show"], ["show", "--all"], ["check"], ["connect", "127.0.0.1:\(try Sockets.freePort())"]] {
            for format in ["text", "json"] {
                let result = try sandbox.run(arguments + ["--format", format], environment: environment)
                let context = "\(place): \(arguments.joined(separator: " ")) --format \(format)"
                #expect(result.status == 1, "\(context)")
                #expect(
                    result.output.contains("invalid-passphrase-source"), "\(context): \(result.stdout.suffix(1500))")
                Self.expectNoSecret(secret, in: result, context)
            }
        }
    }
}
