import Foundation
import TestSupport
import Testing

/// `--version`, unknown commands, help said once, and `TERM=dumb`.
@Suite struct CommandLineBasicsTests {
    @Test func versionIsTheLibrarysAndInEveryJSONDocument() throws {
        let sandbox = Sandbox()
        let version = try sandbox.run(["--version"])
        #expect(version.status == 0)
        let number = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(number.split(separator: ".").count == 3, "\(number)")
        for command in [["show"], ["check"], ["connect", "127.0.0.1:\(try Sockets.freePort())"]] {
            let result = try sandbox.run(command + ["--format", "json"])
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(document["toolVersion"] as? String == number, "\(command)")
        }
    }

    @Test func anUnknownCommandIsNamedAsSuch() throws {
        let result = try Sandbox().run(["bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such command \"bogus\""), "\(result.stderr)")
        #expect(!result.stderr.contains("Usage: tlsconfig show"), "not show's usage")
        #expect(try Sandbox().run(["show"]).status == 0, "real commands still work")
    }

    @Test func theSourcesParagraphIsSaidOnce() throws {
        let marker = "Reads, highest precedence first"
        let root = try Sandbox().run(["--help"])
        #expect(root.stdout.components(separatedBy: marker).count - 1 == 1, "\(root.stdout)")
        for command in ["show", "check", "connect", "init"] {
            let help = try Sandbox().run([command, "--help"])
            #expect(!help.stdout.contains(marker), "\(command) --help repeats it")
        }
    }

    /// Under a real pseudo-terminal (`script`), colour is on by default and off with TERM=dumb.
    @Test func termDumbMeansNoColour() throws {
        let sandbox = Sandbox()
        func underTerminal(_ term: String) throws -> String {
            try CLI.runWrapped(
                "/usr/bin/script", ["-qc", "\(CLI.executable) show", "/dev/null"], in: sandbox.path,
                home: sandbox.path + "/home", environment: ["TERM": term])
        }
        #expect(try underTerminal("xterm").contains("\u{1B}["), "a terminal gets colour")
        #expect(!(try underTerminal("dumb")).contains("\u{1B}["), "TERM=dumb gets none")
    }
}

/// The man page comes from the same sources as the help and the schema.
@Suite struct ManualPageTests {
    @Test func manualHasEverySectionVariableAndCommand() throws {
        let result = try Sandbox().run(["manual"])
        #expect(result.status == 0)
        let page = result.stdout
        for section in [
            "NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES",
        ] {
            #expect(page.contains(".SH \(section)"), "\(section)")
        }
        for key in [
            "TRUST", "CA_FILE", "CA_DIR", "CLIENT_CERT", "CLIENT_KEY", "CLIENT_KEY_PASSPHRASE", "VERIFY", "MIN_VERSION",
            "MAX_VERSION",
            "CIPHERS", "CIPHERSUITES", "SERVER_NAME", "ALPN", "PINNED_PUBLIC_KEYS", "CRL_FILE", "CONFIG",
        ] {
            #expect(page.contains(".B TLSCONFIG_\(key)\n"), "TLSCONFIG_\(key)")
        }
        for variable in [
            "SSL_CERT_FILE", "SSL_CERT_DIR", "SSL_CLIENT_CERT", "HTTPS_PROXY", "NO_PROXY", "NO_COLOR",
            "XDG_CONFIG_HOME",
        ] {
            #expect(page.contains(variable), "\(variable)")
        }
        for command in ["show", "check", "connect", "init"] {
            #expect(page.contains(".SS \(command)\n"), "\(command)")
        }
        // The commands' option lists are their help screens.
        let help = try Sandbox().run(["check", "--help"]).stdout
        #expect(help.contains("--host") && page.contains("\\-\\-host"))
        #expect(page.contains("/etc/tlsconfig/config.{toml,yaml,yml}"))
        #expect(!(try Sandbox().run(["--help"])).stdout.contains("manual"), "hidden from --help")
    }
}

/// The written-out command list `tlsconfig` checks arguments against is its real one.
@Suite struct CommandNameListTests {
    @Test func everyCommandIsAccepted() throws {
        for command in ["show", "check", "init", "manual"] {
            #expect(try Sandbox().run([command, "--help"]).status == 0, "\(command)")
        }
        #expect(try Sandbox().run(["connect", "--help"]).status == 0)
        #expect(try Sandbox().run(["help"]).status == 0)
        let root = try Sandbox().run(["--help"]).stdout
        for command in ["show", "check", "connect", "init"] {
            #expect(root.contains("  \(command) "), "\(command) listed")
        }
    }
}
