import Foundation
import TestSupport
import Testing

/// `tlsconfig connect` against the real `openssl s_server -Verify 1` on 127.0.0.1.
@Suite(.serialized) struct ConnectCommandTests {
    @Test func mutualTLSSucceeds() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let sandbox = Sandbox()
            let result = try sandbox.run(
                ["connect", "localhost:\(server.port)", "--timeout", "10"],
                environment: [
                    "SSL_CERT_FILE": pki.path("server-ca.pem"),
                    "SSL_CLIENT_CERT": pki.path("client-combined.pem"),
                ])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("  connected: TLS 1.3, TLS_"))
            #expect(result.stdout.contains("  verification: passed"))
            #expect(result.stdout.contains("  client certificate: requested; sent CN=Test Client"))
            #expect(result.stdout.contains("  0 subject: CN=localhost"))
            #expect(!result.stdout.contains("Next step"))
        }
    }

    @Test func missingClientCertificateIsExplained() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let sandbox = Sandbox()
            let result = try sandbox.run(
                ["connect", "localhost:\(server.port)"], environment: ["SSL_CERT_FILE": pki.path("server-ca.pem")])
            #expect(result.status == 1)
            #expect(
                result.stdout.contains("failed: the server requires a client certificate and none is configured"),
                "\(result.stdout)")
            #expect(
                result.stdout.contains(
                    "Next step: the server wants a client certificate issued by CN=Test Client CA: set SSL_CLIENT_CERT"),
                "the CA names the server sent")
        }
    }

    @Test func untrustedServerCAIsExplained() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let sandbox = Sandbox()
            let result = try sandbox.run(
                ["connect", "localhost:\(server.port)", "--format", "json"],
                environment: [
                    "SSL_CERT_FILE": pki.path("other-ca.pem"),
                    "SSL_CLIENT_CERT": pki.path("client-combined.pem"),
                ])
            #expect(result.status == 1)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let failure = try #require(json["failure"] as? [String: Any])
            #expect(failure["code"] as? String == "server-certificate-not-trusted")
            let step = try #require(json["nextStep"] as? String)
            #expect(step.contains("CN=Test Server CA"), "names the issuer to trust: \(step)")
            #expect(step.contains("SSL_CERT_FILE"), "names where the trust came from: \(step)")
        }
    }

    @Test func showCertsPrintsTheChainInFull() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let result = try Sandbox().run(
                ["connect", "127.0.0.1:\(server.port)", "--show-certs"],
                environment: [
                    "SSL_CERT_FILE": pki.path("server-ca.pem"),
                    "SSL_CLIENT_CERT": pki.path("client-combined.pem"),
                ])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("server name (SNI): not sent (IP address)"))
            #expect(
                result.stdout.contains("names:   DNS:localhost, IP:127.0.0.1")
                    || result.stdout.contains("IP Address:127.0.0.1"), "\(result.stdout)")
            #expect(result.stdout.contains("pin:     sha256//"))
        }
    }

    @Test func refusedConnectionAndConfigurationErrors() throws {
        let sandbox = Sandbox()
        let port = try Sockets.freePort()
        let refused = try sandbox.run(["connect", "127.0.0.1:\(port)", "--timeout", "5"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("failed: connection refused"))
        let broken = try sandbox.run(
            ["connect", "127.0.0.1:\(port)"], environment: ["SSL_CERT_FILE": sandbox.path + "/missing.pem"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("error[path-not-found]"), "configuration errors stop before connecting")
        #expect(broken.stdout.isEmpty, "no connection report for a connection never attempted: \(broken.stdout)")
        #expect(try sandbox.run(["connect", "localhost:1", "--timeout", "0"]).status == 2)
    }
}
