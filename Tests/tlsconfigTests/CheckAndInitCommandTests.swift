import Foundation
import TestSupport
import Testing

@Suite struct CheckAndInitCommandTests {
    @Test func checkPassesForAGoodIdentityAndFailsForAnExpiredOne() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let good = try sandbox.run(
            ["check"],
            environment: [
                "SSL_CLIENT_CERT": pki.path("client-combined.pem"), "SSL_CERT_FILE": pki.path("server-ca.pem"),
            ])
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.hasSuffix("check passed: 1 warning(s)\n"), "the test PKI's key is mode 644: \(good.stdout)")
        #expect(good.stderr.contains("warning[private-key-permissions]"))

        let expired = try sandbox.run(
            ["check"], environment: ["SSL_CLIENT_CERT": pki.path("client-expired-combined.pem")])
        #expect(expired.status == 1)
        #expect(expired.stderr.contains("error[client-certificate-expired]"), "\(expired.stdout)")
        #expect(
            expired.stderr.contains(
                "error[client-certificate-expired]: client certificate \"\(pki.path("client-expired-combined.pem"))\" (CN=Expired Client) expired on 2021-01-01T00:00:00Z\n --> environment variable SSL_CLIENT_CERT\n"
            ))
        #expect(expired.stdout.hasSuffix("check failed: 1 error(s), 1 warning(s)\n"), "\(expired.stdout)")
    }

    @Test func checkReportsEachProblemOnce() throws {
        let sandbox = Sandbox()
        let result = try sandbox.run(
            ["check", "--format", "json"], environment: ["SSL_CERT_FILE": sandbox.path + "/nope.pem"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let codes = (json["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes == ["path-not-found"])
    }

    @Test(arguments: [false, true])
    func initTemplateIsAcceptedByCheck(yaml: Bool) throws {
        let sandbox = Sandbox()
        let name = yaml ? "tlsconfig.yaml" : "tlsconfig.toml"
        let written = try sandbox.run(["init", name] + (yaml ? ["--yaml"] : []))
        #expect(written.status == 0)
        let template = try String(contentsOfFile: sandbox.path + "/" + name, encoding: .utf8)
        for key in ["ca-file", "client-key-passphrase", "pinned-public-keys", "hosts"] {
            #expect(template.contains(key), "\(key)")
        }
        let check = try sandbox.run(["check"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("found     $TMP/\(name)".replacingOccurrences(of: "$TMP", with: sandbox.path)))
    }

    @Test func uncommentedTemplateValuesAreAllKnownKeys() throws {
        let sandbox = Sandbox()
        let template = try sandbox.run(["init"]).stdout
        // Uncomment every "# key = value" line: every key must be known (paths need not exist).
        let active = template.split(separator: "\n").map { line -> String in
            let text = String(line)
            guard text.hasPrefix("# "), text.contains(" = "), !text.contains("[hosts") else {
                return text.hasPrefix("#") ? "" : text
            }
            return String(text.dropFirst(2))
        }.joined(separator: "\n")
        sandbox.write("tlsconfig.toml", active + "\n")
        let result = try sandbox.run(["show", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let codes = (json["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(!codes.contains("unknown-key"))
        #expect(!codes.contains("wrong-type"))
        #expect(!codes.contains("invalid-value"))
    }

    @Test func initNeverOverwritesWithoutForce() throws {
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "verify = \"full\"\n")
        let refused = try sandbox.run(["init", "tlsconfig.toml"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists; pass --force"))
        #expect(try String(contentsOfFile: sandbox.path + "/tlsconfig.toml", encoding: .utf8) == "verify = \"full\"\n")
        #expect(try sandbox.run(["init", "tlsconfig.toml", "--force"]).status == 0)
        #expect(
            try String(contentsOfFile: sandbox.path + "/tlsconfig.toml", encoding: .utf8).hasPrefix(
                "# TLS settings for tlsconfig"))
    }
}

/// Golden text of `check` for the main scenarios; the OpenSSL section is left out (it names the machine's OpenSSL).
@Suite struct CheckGoldenTests {
    @Test func fileAndEnvironment() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        sandbox.write("client.pem", try String(contentsOfFile: pki.path("client-combined.pem"), encoding: .utf8))
        sandbox.write(
            "tlsconfig.toml",
            """
            client-cert = "client.pem"
            min-version = "1.3"

            """)
        let result = try sandbox.run(["check"], environment: ["SSL_CERT_FILE": pki.path("server-ca.pem")])
        #expect(result.status == 0, "\(result.stdout)")
        let text = sandbox.normalize(result.stdout.withoutOpenSSLSection + result.standardErrorSection)
            .replacingOccurrences(of: pki.directory.path, with: "$PKI")
        try Golden.check(text, named: "check-file-and-env")
    }

    @Test func errorWithCaretSnippet() throws {
        let sandbox = Sandbox()
        sandbox.write(
            "tlsconfig.yaml",
            """
            verify: full
            hosts:
              "*.example.com":
                min-version: "1.3"
                max-version: "1.2"

            """)
        let result = try sandbox.run(["check", "--host", "api.example.com"])
        #expect(result.status == 1)
        try Golden.check(
            sandbox.normalize(result.stdout.withoutOpenSSLSection + result.standardErrorSection),
            named: "check-error-snippet")
    }
}
