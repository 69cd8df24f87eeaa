import Foundation
import TestSupport
import Testing

/// `show --server`, `check --server` and `init --server` through the real binary.
@Suite struct ServerCommandTests {
    @Test func showAndCheckResolveAsAServer() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        sandbox.write(
            "tlsconfig.toml",
            """
            cert = "\(pki.path("server.pem"))"
            key = "\(pki.path("server.key"))"
            client-auth = "required"
            ca-file = "\(pki.path("client-ca.pem"))"

            """)
        let environment = [
            "SSL_CLIENT_CERT": pki.path("client-combined.pem"), "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt",
        ]
        let show = try sandbox.run(["show", "--server"], environment: environment)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("TLS server settings for any host"))
        for line in ["  cert ", "  key ", "  client-auth            required"] {
            #expect(show.stdout.contains(line), "\(line): \(show.stdout)")
        }
        #expect(!show.stdout.contains("  client-cert "), "a client's keys are not listed for a server")
        #expect(show.stdout.contains("SSL_CLIENT_CERT                 ignored"), "\(show.stdout)")
        let check = try sandbox.run(["check", "--server"], environment: environment)
        #expect(check.status == 0, "\(check.stderr)")
        // The same file read as a client's is wrong, and says what to use.
        let asClient = try sandbox.run(["show"])
        #expect(asClient.status == 1)
        #expect(asClient.stderr.contains("error[setting-not-for-role]: cert is a server setting"))
    }

    @Test func checkRefusesAnExpiredServerCertificate() throws {
        let pki = try TestPKI.shared()
        let sandbox = Sandbox()
        let result = try sandbox.run(
            ["check", "--server"],
            environment: [
                "TLSCONFIG_CERT": pki.path("client-expired.pem"), "TLSCONFIG_KEY": pki.path("client.key"),
            ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[server-certificate-expired]: server certificate"), "\(result.stderr)")
        #expect(result.stderr.contains("environment variable TLSCONFIG_CERT"))
    }

    @Test func initWritesAServerTemplateThatReadsBack() throws {
        let sandbox = Sandbox()
        let result = try sandbox.run(["init", "--server"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("# cert = \"certs/server.pem\""))
        #expect(result.stdout.contains("# client-auth = \"required\""))
        #expect(!result.stdout.contains("client-cert"))
        // Uncommented, every key of the template is a server's key.
        let uncommented = result.stdout.components(separatedBy: "\n").filter {
            $0.hasPrefix("# ") && $0.contains(" = ") && !$0.contains("[hosts") && !$0.hasPrefix("# Default")
        }
        .map { String($0.dropFirst(2)) }.filter { !$0.contains("#") }
        sandbox.write("server.toml", uncommented.joined(separator: "\n") + "\n")
        let show = try sandbox.run(["show", "--server", "--config", sandbox.path + "/server.toml"])
        #expect(!show.stderr.contains("setting-not-for-role") && !show.stderr.contains("unknown-key"), "\(show.stderr)")
    }
}
