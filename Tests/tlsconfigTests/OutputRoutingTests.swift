import Foundation
import TestSupport
import Testing

/// Text mode: reports on standard output, diagnostics on standard error (as git and cargo
/// do), so `2>/dev/null` hides them and scripts can tell them apart. JSON mode: one document
/// on standard output, for `connect` too, in the same diagnostic shape as `show` and `check`.
@Suite struct OutputRoutingTests {
    @Test(arguments: [["show"], ["check"]])
    func diagnosticsGoToStandardErrorInText(_ command: [String]) throws {
        let sandbox = Sandbox()
        let result = try sandbox.run(command, environment: ["SSL_CERT_FILE": sandbox.path + "/missing.pem"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[path-not-found]"), "\(result.stderr)")
        #expect(!result.stdout.contains("error["), "\(result.stdout)")
        #expect(result.stdout.contains("TLS settings for any host"))
    }

    @Test func connectJSONCarriesTheResolutionDiagnostics() throws {
        let sandbox = Sandbox()
        let port = try Sockets.freePort()
        let broken = try sandbox.run(
            ["connect", "127.0.0.1:\(port)", "--format", "json"],
            environment: ["SSL_CERT_FILE": sandbox.path + "/missing.pem"])
        #expect(broken.status == 1)
        #expect(broken.stderr.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any])
        #expect(document["succeeded"] as? Bool == false)
        #expect((document["failure"] as? [String: Any])?["code"] as? String == "configuration-error")
        #expect(document["port"] as? Int == port)
        let diagnostics = document["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.first?["code"] as? String == "path-not-found")
        #expect(
            (diagnostics.first?["origin"] as? [String: Any])?["variable"] as? String == "SSL_CERT_FILE",
            "the same shape as show")

        // A refused connection with a warning: the warning is in the same document.
        let warned = try sandbox.run(
            ["connect", "127.0.0.1:\(port)", "--format", "json"], environment: ["TLSCONFIG_VERIFY": "none"])
        let refused = try #require(try JSONSerialization.jsonObject(with: Data(warned.stdout.utf8)) as? [String: Any])
        #expect((refused["failure"] as? [String: Any])?["code"] as? String == "connection-refused")
        #expect(
            (refused["diagnostics"] as? [[String: Any]] ?? []).contains {
                $0["code"] as? String == "verification-disabled"
            })
    }
}
