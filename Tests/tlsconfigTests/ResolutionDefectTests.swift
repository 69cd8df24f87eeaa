import Foundation
import TestSupport
import Testing

/// Defects found from outside (round 2), each pinned through the real binary; where the tool
/// prints advice, the advice is followed literally and must change the outcome.
@Suite(.serialized) struct ResolutionDefectTests {
    private func json(_ result: CLI.Result) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stdout)\(result.stderr)")
    }

    private func diagnostics(_ result: CLI.Result) throws -> [[String: Any]] {
        try json(result)["diagnostics"] as? [[String: Any]] ?? []
    }

    private func codes(_ result: CLI.Result, _ severity: String? = nil) throws -> [String] {
        try diagnostics(result).filter { severity == nil || $0["severity"] as? String == severity }.compactMap {
            $0["code"] as? String
        }
    }

    private func help(_ result: CLI.Result, code: String) throws -> String {
        try #require(
            try diagnostics(result).first { $0["code"] as? String == code }?["help"] as? String,
            "no \(code): \(result.stdout)")
    }

    // MARK: 1. Empty CA directories

    @Test func emptyCertDirectoryBesideAGoodCAFileConnects() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let sandbox = Sandbox()
            let empty = sandbox.path + "/empty"
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            let environment = [
                "SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CERT_DIR": empty,
                "SSL_CLIENT_CERT": pki.path("client-combined.pem"),
            ]
            let connect = try sandbox.run(["connect", "localhost:\(server.port)"], environment: environment)
            #expect(connect.status == 0, "\(connect.stdout)\(connect.stderr)")
            let show = try sandbox.run(["show", "--format", "json"], environment: environment)
            #expect(show.status == 0)
            #expect(try codes(show, "warning").contains("ca-dir-without-certificates"))
            #expect(try codes(show, "error").isEmpty)
            // The advice: drop it from SSL_CERT_DIR. Followed, the warning is gone.
            let advice = try help(show, code: "ca-dir-without-certificates")
            #expect(advice.contains("drop \(empty) from SSL_CERT_DIR"), "\(advice)")
            var followed = environment
            followed["SSL_CERT_DIR"] = nil
            #expect(
                try !codes(try sandbox.run(["show", "--format", "json"], environment: followed)).contains(
                    "ca-dir-without-certificates"))
        }
    }

    @Test func emptyDirectoryInAListWithAGoodOneIsAWarningAloneAnError() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path + "/empty", withIntermediateDirectories: true)
        sandbox.write("tlsconfig.toml", "ca-dir = [\"\(pki.path("unhashed"))\", \"empty\"]\n")
        let mixed = try sandbox.run(["check", "--format", "json"])
        #expect(mixed.status == 0, "\(mixed.stdout)")
        #expect(
            try diagnostics(mixed).contains {
                $0["code"] as? String == "ca-dir-without-certificates" && $0["severity"] as? String == "warning"
            })
        sandbox.write("tlsconfig.toml", "ca-dir = [\"empty\"]\n")
        let alone = try sandbox.run(["check", "--format", "json"])
        #expect(alone.status == 1)
        #expect(try codes(alone, "error") == ["ca-dir-without-certificates"])
    }

    // MARK: 2. Encrypted keys in SSL_CLIENT_CERT

    @Test func encryptedSSLClientCertTakesItsPassphraseFromTheToolAsTheHelpSays() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let sandbox = Sandbox()
            var environment = [
                "SSL_CERT_FILE": pki.path("server-ca.pem"),
                "SSL_CLIENT_CERT": pki.path("client-encrypted-combined.pem"), "PW": TestPKI.passphrase,
            ]
            let refused = try sandbox.run(["check", "--format", "json"], environment: environment)
            #expect(refused.status == 1)
            // Follow the help literally: it names a variable to set to env:VARIABLE.
            let advice = try help(refused, code: "encrypted-key-without-passphrase")
            let variable = try #require(
                advice.split(separator: " ").first { $0.hasSuffix("=env:VARIABLE") }.map {
                    String($0.dropLast("=env:VARIABLE".count))
                }, "\(advice)")
            #expect(variable == "TLSCONFIG_CLIENT_KEY_PASSPHRASE")
            environment[variable] = "env:PW"
            let check = try sandbox.run(["check"], environment: environment)
            #expect(check.status == 0, "\(check.stdout)")
            let connect = try sandbox.run(["connect", "localhost:\(server.port)"], environment: environment)
            #expect(connect.status == 0, "\(connect.stdout)")
            #expect(connect.stdout.contains("client certificate: requested; sent CN=Test Client"))

            // The same from a config file that sets only the passphrase (the help's other way).
            environment[variable] = nil
            sandbox.write("tlsconfig.toml", "client-key-passphrase = \"env:PW\"\n")
            let fromFile = try sandbox.run(["connect", "localhost:\(server.port)"], environment: environment)
            #expect(fromFile.status == 0, "\(fromFile.stdout)")
        }
    }

    @Test func passwordProtectedPKCS12InSSLClientCert() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let sandbox = Sandbox()
            var environment = [
                "SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client.p12"),
                "P12": TestPKI.pkcs12Passphrase,
            ]
            let refused = try sandbox.run(["check", "--format", "json"], environment: environment)
            let advice = try help(refused, code: "pkcs12-without-passphrase")
            #expect(advice.contains("TLSCONFIG_CLIENT_KEY_PASSPHRASE=env:VARIABLE"), "\(advice)")
            environment["TLSCONFIG_CLIENT_KEY_PASSPHRASE"] = "env:P12"
            let connect = try sandbox.run(["connect", "localhost:\(server.port)"], environment: environment)
            #expect(connect.status == 0, "\(connect.stdout)")
        }
    }

    @Test func aKeyIsStillNeverPairedAcrossLayers() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        // A key from the tool's variables is not a passphrase: SSL_CLIENT_CERT's group loses whole.
        let result = try sandbox.run(
            ["show", "--format", "json"],
            environment: [
                "SSL_CLIENT_CERT": pki.path("client-combined.pem"), "TLSCONFIG_CLIENT_KEY": pki.path("client.key"),
            ])
        #expect(try codes(result, "error") == ["identity-without-certificate"])
    }

    @Test func orphanPassphraseHelpFollowed() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let orphan = try sandbox.run(
            ["show", "--format", "json"],
            environment: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:PW", "PW": TestPKI.passphrase])
        let advice = try help(orphan, code: "identity-without-certificate")
        #expect(advice.contains("SSL_CLIENT_CERT"), "\(advice)")
        let followed = try sandbox.run(
            ["check"],
            environment: [
                "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:PW", "PW": TestPKI.passphrase,
                "SSL_CLIENT_CERT": pki.path("client-encrypted-combined.pem"),
            ])
        #expect(followed.status == 0, "\(followed.stdout)")
    }

    @Test func unavailablePassphraseHelpFollowed() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        var environment = [
            "TLSCONFIG_CLIENT_CERT": pki.path("client-encrypted-combined.pem"),
            "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:MY_PASS",
        ]
        let missing = try sandbox.run(["check", "--format", "json"], environment: environment)
        #expect(try help(missing, code: "passphrase-unavailable").hasPrefix("export MY_PASS before running"))
        environment["MY_PASS"] = TestPKI.passphrase
        #expect(try sandbox.run(["check"], environment: environment).status == 0)
    }

    // MARK: 3, 4. --app

    @Test(arguments: ["", "..", "../../etc", "a/b", "my tool", "tab\tname", "bell\u{7}", "x..y"])
    func appMustBeAPlainName(_ name: String) throws {
        let result = try Sandbox().run(["show", "--app", name])
        #expect(result.status == 2, "\(name): \(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("--app"))
    }

    @Test func appWithItsOwnFileAndTable() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        sandbox.write(
            "mytool.toml",
            "name = \"mytool\"\n\n[tls]\nca-file = \"\(pki.path("server-ca.pem"))\"\nmin-version = \"1.3\"\n")
        // Without the table, mytool.toml is not read at all (it is not a tlsconfig file name).
        let plain = try json(try sandbox.run(["show", "--app", "mytool", "--format", "json"]))
        #expect(((plain["settings"] as? [String: Any])?["min-version"] as? [String: Any])?["value"] as? String == "1.2")
        let result = try sandbox.run(
            ["show", "--app", "mytool", "--project-file", "mytool.toml", "--table", "tls", "--format", "json"],
            environment: ["MYTOOL_TRUSTED_CONFIG_PATHS": sandbox.path])
        #expect(result.status == 0, "\(result.stdout)")
        let settings = try json(result)["settings"] as? [String: Any]
        #expect((settings?["min-version"] as? [String: Any])?["value"] as? String == "1.3")
        let origin = (settings?["ca-file"] as? [String: Any])?["origin"] as? [String: Any]
        #expect((origin?["path"] as? String)?.hasSuffix("/mytool.toml") == true)
        #expect(try Sandbox().run(["show", "--app", "mytool", "--table", "tls..x"]).status == 2)
    }

    // MARK: 5. Unknown tool variables

    @Test func misspeltToolVariableIsAWarningWithTheFix() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let typo = try sandbox.run(
            ["show", "--format", "json"],
            environment: [
                "TLSCONFIG_CA_FIEL": pki.path("server-ca.pem"), "TLSCONFIG_CLIENT_KEY_PASWORD": "hunter2-secret",
            ])
        #expect(try codes(typo, "warning").sorted() == ["unknown-variable", "unknown-variable"])
        #expect(try help(typo, code: "unknown-variable") == "rename it to TLSCONFIG_CA_FILE")
        #expect(!typo.stdout.contains("hunter2-secret"), "a misspelt variable's value is never shown")
        let text = try sandbox.run(["show"], environment: ["TLSCONFIG_CLIENT_KEY_PASWORD": "hunter2-secret"])
        #expect(!text.stdout.contains("hunter2-secret") && !text.stderr.contains("hunter2-secret"))
        #expect(text.stdout.contains("TLSCONFIG_CLIENT_KEY_PASWORD") && text.stdout.contains("(value hidden)"))
        // Followed: renamed, the warning is gone and the CA file is used.
        let fixed = try sandbox.run(
            ["show", "--format", "json"], environment: ["TLSCONFIG_CA_FILE": pki.path("server-ca.pem")])
        #expect(try codes(fixed).isEmpty)
        #expect(
            ((try json(fixed)["settings"] as? [String: Any])?["ca-file"] as? [String: Any])?["value"] as? [String] == [
                pki.path("server-ca.pem")
            ])
        // TLSCONFIG_CONFIG is the prefix's own variable, not a typo.
        sandbox.write("other.toml", "verify = \"full\"\n")
        #expect(
            try codes(
                try sandbox.run(
                    ["show", "--format", "json"], environment: ["TLSCONFIG_CONFIG": sandbox.path + "/other.toml"])
            ).isEmpty)
    }

    // MARK: 6. Relative HOME and XDG_CONFIG_HOME

    @Test func relativeBaseDirectoriesAreIgnoredAndSaidSo() throws {
        let sandbox = Sandbox()
        let result = try sandbox.run(
            ["show", "--format", "json"], environment: ["XDG_CONFIG_HOME": "relative/xdg", "HOME": "relative-home"])
        let document = try json(result)
        let environment = document["environment"] as? [[String: Any]] ?? []
        for name in ["XDG_CONFIG_HOME", "HOME"] {
            let entry = environment.first { $0["name"] as? String == name }
            #expect(entry?["status"] as? String == "ignored", "\(name): \(entry ?? [:])")
        }
        let files = (document["configFiles"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(!files.contains { $0.contains("relative") }, "\(files)")
        #expect(files.contains("/etc/tlsconfig/config.toml"))
    }

    // MARK: 7. Unknown working directory

    @Test(arguments: [false, true])
    func unknownWorkingDirectoryIsReportedNotSearchedAsRoot(deep: Bool) throws {
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "min-version = \"1.3\"\n")
        let script =
            deep
            ? "cd \"$1\" && for i in $(seq 1 230); do mkdir d0123456789abcdefghi && cd d0123456789abcdefghi || exit 9; done && exec \"$2\" show --format json"
            : "mkdir \"$1/gone\" && cd \"$1/gone\" && rmdir \"$1/gone\" && exec \"$2\" show --format json"
        let data = Data(
            try CLI.runWrapped(
                "/bin/bash", ["-c", script, "bash", sandbox.path, CLI.executable], in: sandbox.path,
                home: sandbox.path + "/home"
            ).utf8)
        let document = try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
        let warning = (document["diagnostics"] as? [[String: Any]] ?? []).first {
            $0["code"] as? String == "project-discovery-skipped"
        }
        #expect(
            (warning?["message"] as? String)?.contains(deep ? "deeper than PATH_MAX" : "was deleted") == true,
            "\(String(describing: document["diagnostics"]))")
        let projectFiles = (document["configFiles"] as? [[String: Any]] ?? []).filter {
            $0["scope"] as? String == "project"
        }
        #expect(projectFiles.isEmpty, "nothing is searched in the wrong place: \(projectFiles)")
    }

    // MARK: 8. Files under /proc

    @Test func procFilesAreReadNotCalledEmpty() throws {
        let sandbox = Sandbox()
        let config = try sandbox.run(["show", "--config", "/proc/self/status", "--format", "json"])
        #expect(config.status == 1, "a file that is not TOML is an error: \(config.stdout)")
        #expect(try codes(config, "error") == ["config-syntax"])
        let caFile = try sandbox.run(
            ["show", "--format", "json"], environment: ["TLSCONFIG_CA_FILE": "/proc/self/status"])
        #expect(try codes(caFile, "error") == ["ca-file-without-certificates"])
    }

    // MARK: 9. Floods

    @Test func oneBadPathRepeatedIsOneError() throws {
        try oneBadPathRepeated()
    }

    private func oneBadPathRepeated() throws {
        let sandbox = Sandbox()
        let value = Array(repeating: "/x", count: 40_000).joined(separator: ":")
        let result = try sandbox.run(["show"], environment: ["TLSCONFIG_CA_DIR": value])
        #expect(result.status == 1)
        #expect(
            result.stderr.components(separatedBy: "error[path-not-found]").count - 1 == 1,
            "\(result.stderr.prefix(2000))")
        #expect(result.output.utf8.count < 200_000)
    }

    @Test func twentyThousandUnknownKeysAreCappedWithACount() throws {
        try twentyThousandUnknownKeys()
    }

    /// The first 1,000 are listed, the rest counted in one summary of the same severity: a
    /// misnamed data file costs what is shown, not a diagnostic per line.
    private func twentyThousandUnknownKeys() throws {
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", (0..<20_000).map { "unknown-key-\($0) = 1\n" }.joined())
        let text = try sandbox.run(["show"])
        #expect(text.status == 1)
        #expect(text.stderr.components(separatedBy: "error[unknown-key]").count - 1 == 1_001)
        #expect(
            text.stderr.contains("tlsconfig.toml:1000:1") && !text.stderr.contains("tlsconfig.toml:1001:1"),
            "the first 1,000 are cited")
        #expect(
            text.stderr.contains(
                "error[unknown-key]: 19000 more unknown-key finding(s) in \"\(sandbox.path)/tlsconfig.toml\" are not listed"
            ), "\(text.stderr.suffix(600))")
        #expect(
            !text.stderr.contains("unknown-key-999 = 1"),
            "a key like no setting is named, its line not shown (a .env file holds secrets that way)")
        #expect(!text.stdout.contains("error["), "the report is on standard output, the errors on standard error")
    }

    // MARK: 10. Legacy PKCS#12

    @Test func legacyPKCS12IsDecoded() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let directory = TemporaryDirectory(prefix: "legacy-p12")
            let out = URL(fileURLWithPath: directory.path)
            _ = try OpenSSLTool.run(
                [
                    "pkcs12", "-export", "-legacy", "-in", pki.path("client-chain.pem"), "-inkey",
                    pki.path("client.key"),
                    "-passout", "pass:legacy", "-out", directory.path + "/legacy.p12",
                ], in: out)
            let sandbox = Sandbox()
            let result = try sandbox.run(
                ["connect", "localhost:\(server.port)"],
                environment: [
                    "SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": directory.path + "/legacy.p12",
                    "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:P", "P": "legacy",
                ])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("sent CN=Test Client"))
        }
    }

    // MARK: 11. Small ones

    @Test func smallOnes() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let version = try sandbox.run(["show", "--format", "json"], environment: ["TLSCONFIG_MIN_VERSION": "1.4"])
        #expect(try help(version, code: "invalid-value").hasPrefix("did you mean \"1.3\"?"))

        let notNeeded = try sandbox.run(
            ["show", "--format", "json"],
            environment: [
                "TLSCONFIG_CLIENT_CERT": pki.path("client-combined.pem"), "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:PW",
                "PW": "x",
            ])
        #expect(try codes(notNeeded, "note").contains("passphrase-not-needed"))

        sandbox.write(
            "tlsconfig.toml", "[hosts.\"*.com\"]\nverify = \"full\"\n[hosts.\"*.example.com\"]\nverify = \"full\"\n")
        let broad = try sandbox.run(["show", "--format", "json"])
        #expect(try codes(broad) == ["broad-host-pattern"])

        sandbox.write("tlsconfig.yaml", "min-version: 1.3\n")
        try FileManager.default.removeItem(atPath: sandbox.path + "/tlsconfig.toml")
        let yaml = try json(try sandbox.run(["show", "--format", "json"]))
        #expect(
            ((yaml["settings"] as? [String: Any])?["min-version"] as? [String: Any])?["value"] as? String == "1.3",
            "unquoted versions are read as written in YAML")
    }
}
