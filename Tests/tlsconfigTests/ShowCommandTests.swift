import Foundation
import Testing

/// `tlsconfig show`, run as a real process in a sandbox.
@Suite struct ShowCommandTests {
    @Test func oneEnvironmentVariable() throws {
        let sandbox = Sandbox()
        sandbox.write("ca.pem", Sandbox.certificate)
        let result = try sandbox.run(["show"], environment: ["SSL_CERT_FILE": sandbox.path + "/ca.pem"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        try Golden.check(
            sandbox.normalize(result.stdout.withoutOpenSSLSection + result.standardErrorSection),
            named: "show-one-env-var")
    }

    @Test func fileAndEnvironment() throws {
        let sandbox = Sandbox()
        sandbox.write("certs/ca.pem", Sandbox.certificate)
        sandbox.write("env-ca.pem", Sandbox.certificate)
        sandbox.write(
            "tlsconfig.toml",
            """
            # team defaults
            ca-file = "certs/ca.pem"
            min-version = "1.3"

            """)
        let result = try sandbox.run(
            ["show", "--all"],
            environment: ["SSL_CERT_FILE": sandbox.path + "/env-ca.pem", "TLSCONFIG_ALPN": "h2,http/1.1"])
        #expect(result.status == 0)
        try Golden.check(
            sandbox.normalize(result.stdout.withoutOpenSSLSection + result.standardErrorSection),
            named: "show-file-and-env")
    }

    @Test func hostSections() throws {
        let sandbox = Sandbox()
        sandbox.write("internal-ca.pem", Sandbox.certificate)
        sandbox.write(
            "tlsconfig.yaml",
            """
            verify: full
            hosts:
              "*.internal.example.com":
                ca-file: internal-ca.pem
              db.internal.example.com:5432:
                min-version: "1.3"
                server-name: db-primary.internal.example.com

            """)
        let result = try sandbox.run(["show", "--host", "db.internal.example.com:5432"])
        #expect(result.status == 0)
        try Golden.check(
            sandbox.normalize(result.stdout.withoutOpenSSLSection + result.standardErrorSection),
            named: "show-host-sections")
    }

    @Test func errorWithCaretSnippet() throws {
        let sandbox = Sandbox()
        sandbox.write(
            "tlsconfig.toml",
            """
            verify = "full"
            ca-file = "../certs/ca.pem"

            """)
        let result = try sandbox.run(["show"])
        #expect(result.status == 1)
        try Golden.check(
            sandbox.normalize(result.stdout.withoutOpenSSLSection + result.standardErrorSection),
            named: "show-error-snippet")
    }

    @Test func jsonParsesAndCarriesOrigins() throws {
        let sandbox = Sandbox()
        sandbox.write("ca.pem", Sandbox.certificate)
        sandbox.write("tlsconfig.toml", "verify = \"no-hostname\"\n")
        let result = try sandbox.run(
            ["show", "--format", "json"], environment: ["SSL_CERT_FILE": sandbox.path + "/ca.pem"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let settings = try #require(json["settings"] as? [String: [String: Any]])
        let verify = try #require(settings["verify"]?["origin"] as? [String: Any])
        #expect(verify["kind"] as? String == "file")
        #expect(verify["path"] as? String == sandbox.path + "/tlsconfig.toml")
        #expect(verify["line"] as? Int == 1)
        #expect(verify["column"] as? Int == 10)
        let caFile = try #require(settings["ca-file"])
        #expect(caFile["value"] as? [String] == [sandbox.path + "/ca.pem"])
        #expect((caFile["origin"] as? [String: Any])?["variable"] as? String == "SSL_CERT_FILE")
        #expect(json["errors"] as? Int == 0)
    }

    @Test func jsonCarriesDiagnostics() throws {
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "verfy = \"full\"\n")
        let result = try sandbox.run(["show", "--format", "json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["unknown-key"])
        #expect(diagnostics.first?["help"] as? String == "did you mean \"verify\"?")
    }

    @Test(arguments: [
        (["show", "--format", "xml"], Int32(2)),
        (["show", "--bogus"], Int32(2)),
        (["frobnicate"], Int32(2)),
        (["show", "--help"], Int32(0)),
        (["show", "--host", "bad host"], Int32(1)),
    ])
    func exitCodes(arguments: [String], status: Int32) throws {
        let sandbox = Sandbox()
        #expect(try sandbox.run(arguments).status == status)
    }

    /// Said once, in the root help (issue 18: the subcommands no longer repeat it).
    @Test func helpNamesVariablesAndFiles() throws {
        let output = try Sandbox().run(["--help"]).stdout
        for name in [
            "SSL_CERT_FILE", "SSL_CLIENT_CERT", "TLSCONFIG_CA_FILE", "NAME_CONFIG", "XDG_CONFIG_HOME", "/etc/NAME",
        ] {
            #expect(output.contains(name), "\(name)")
        }
    }

    @Test func appResolvesAsThatTool() throws {
        let sandbox = Sandbox()
        sandbox.write("mytool.toml", "alpn = \"h2\"\n")
        sandbox.write("tlsconfig.toml", "alpn = \"other\"\n")
        let result = try sandbox.run(
            ["show", "--app", "mytool", "--format", "json"], environment: ["MYTOOL_VERIFY": "no-hostname"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let settings = try #require(json["settings"] as? [String: [String: Any]])
        #expect(settings["alpn"]?["value"] as? [String] == ["h2"])
        #expect(settings["verify"]?["value"] as? String == "no-hostname")
        #expect(json["environmentPrefix"] as? String == "MYTOOL")
    }

    @Test func colorFollowsTheFlagAndNoColor() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.run(["show", "--color", "always"]).stdout.contains("\u{1B}["))
        #expect(!(try sandbox.run(["show", "--color", "never"]).stdout.contains("\u{1B}[")))
        #expect(!(try sandbox.run(["show"]).stdout.contains("\u{1B}[")), "not a terminal")
    }
}
