import Foundation
import TestSupport
import Testing

/// Trust is decided once, in the resolution, and what `show` says is what a connection uses:
/// a CA that `trust = "system"` makes unused is a warning and marked "not in effect"; custom
/// trust of either kind without a CA is an error; a standard-environment CA that lost its group
/// says so on its own row.
@Suite struct TrustDecisionTests {
    private func json(_ result: CLI.Result) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stdout)\(result.stderr)")
    }

    private func diagnostics(_ document: [String: Any]) -> [[String: Any]] {
        document["diagnostics"] as? [[String: Any]] ?? []
    }

    @Test func caFileUnderSystemTrustIsAWarningAndNotInEffect() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "trust = \"system\"\nca-file = \"\(pki.path("server-ca.pem"))\"\n")
        let show = try sandbox.run(["show", "--format", "json"])
        #expect(show.status == 0, "a warning is not an error: \(show.stdout)")
        let document = try json(show)
        let warning = try #require(diagnostics(document).first { $0["code"] as? String == "ca-not-in-effect" })
        #expect(warning["severity"] as? String == "warning")
        #expect((warning["related"] as? [[String: Any]])?.isEmpty == false, "names where trust = system was set")
        let caFile = (document["settings"] as? [String: Any])?["ca-file"] as? [String: Any]
        #expect((caFile?["note"] as? String)?.hasPrefix("not in effect") == true, "\(caFile ?? [:])")

        // `check` builds the store: the warning stands, and no CA file is loaded into it.
        let check = try sandbox.run(["check"])
        #expect(check.stderr.contains("warning[ca-not-in-effect]"), "\(check.stderr)")
        #expect(!check.stdout.contains("server-ca.pem ("), "the CA file must not be in the store: \(check.stdout)")
    }

    @Test(arguments: ["custom", "system+custom"])
    func customTrustWithoutACAIsTheSameError(mode: String) throws {
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "trust = \"\(mode)\"\n")
        let show = try sandbox.run(["show", "--format", "json"])
        #expect(show.status == 1)
        #expect(diagnostics(try json(show)).map { $0["code"] as? String } == ["custom-trust-without-cas"])
    }

    @Test func standardCAFileThatLostItsGroupIsVisible() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let environment = ["TLSCONFIG_TRUST": "system+custom", "SSL_CERT_FILE": pki.path("server-ca.pem")]
        let show = try sandbox.run(["show"], environment: environment)
        #expect(show.status == 1, "system+custom with no CA of its own is an error")
        // Without --all, the ca-file row says why SSL_CERT_FILE changed nothing.
        #expect(
            show.stdout.contains(
                "SSL_CERT_FILE (\(pki.path("server-ca.pem"))) is not used: the trust group was taken whole from"),
            "\(show.stdout)")
        let error = try #require(
            diagnostics(try json(try sandbox.run(["show", "--format", "json"], environment: environment))).first)
        #expect(error["code"] as? String == "custom-trust-without-cas")
        let related = (error["related"] as? [[String: Any]]) ?? []
        #expect(
            related.contains { ($0["origin"] as? [String: Any])?["variable"] as? String == "SSL_CERT_FILE" },
            "\(related)")
    }
}
