import Foundation
import TestSupport
import Testing

/// `tlsconfig connect` against one local server per way a connection fails, asserting the
/// failure, its cause and its next step; where the step is something to change, it is
/// followed and the connection then succeeds (or fails differently, for the better).
@Suite(.serialized) struct ConnectFailureMatrixTests {
    struct Outcome {
        var status: Int32
        var document: [String: Any]
        var text: CLI.Result

        var code: String? { (document["failure"] as? [String: Any])?["code"] as? String }
        var message: String { (document["failure"] as? [String: Any])?["message"] as? String ?? "" }
        var nextStep: String { document["nextStep"] as? String ?? "" }
        var succeeded: Bool { document["succeeded"] as? Bool == true }
    }

    /// Runs `connect` twice, JSON (for assertions) and text (it must say the same).
    private func connect(
        _ port: Int, host: String = "localhost", _ environment: [String: String], sandbox: Sandbox = Sandbox(),
        _ extra: [String] = []
    ) throws -> Outcome {
        let arguments = ["connect", "\(host):\(port)", "--timeout", "5"] + extra
        let json = try sandbox.run(arguments + ["--format", "json"], environment: environment)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any],
            "\(json.stdout)\(json.stderr)")
        let text = try sandbox.run(arguments, environment: environment)
        #expect(text.status == json.status)
        return Outcome(status: json.status, document: document, text: text)
    }

    private func server(
        _ matrix: FailureMatrixPKI, _ certificate: String, key: String = "server.key", _ extra: [String] = []
    ) throws -> OpenSSLServerProcess {
        try OpenSSLServerProcess(["-cert", certificate, "-key", key] + extra, in: matrix.directory)
    }

    private func expectFailure(
        _ outcome: Outcome, code: String, message: String? = nil, step: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(outcome.status == 1, "\(outcome.document)", sourceLocation: sourceLocation)
        #expect(outcome.code == code, "\(outcome.message) / \(outcome.nextStep)", sourceLocation: sourceLocation)
        if let message {
            #expect(outcome.message.contains(message), "\(outcome.message)", sourceLocation: sourceLocation)
        }
        #expect(outcome.nextStep.contains(step), "\(outcome.nextStep)", sourceLocation: sourceLocation)
        #expect(outcome.text.stdout.contains("Next step: "), "the text says it too", sourceLocation: sourceLocation)
    }

    // MARK: The server's certificate

    @Test func goodServerConnects() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        #expect(outcome.succeeded, "\(outcome.message)")
    }

    @Test func expired() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "expired.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(
            outcome, code: "server-certificate-not-trusted", message: "expired", step: "expired on 2021-01-01")
        #expect(outcome.nextStep.contains("this machine's clock says"))
        #expect(!outcome.nextStep.contains("Add that CA"), "the root is trusted: adding it changes nothing")
    }

    @Test func notYetValid() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "not-yet-valid.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(outcome, code: "server-certificate-not-trusted", step: "is not valid until 2040-01-01")
        #expect(outcome.nextStep.contains("days from now") && outcome.nextStep.contains("clock"))
    }

    @Test func wrongHost() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem")
        defer { server.stop() }
        let outcome = try connect(
            server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_SERVER_NAME": "other.example"])
        expectFailure(
            outcome, code: "hostname-mismatch", message: "other.example", step: "set server-name to one of them")
        // Followed: a name the certificate lists.
        #expect(
            try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_SERVER_NAME": "localhost"])
                .succeeded)
    }

    @Test func selfSigned() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "self-signed.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(outcome, code: "server-certificate-not-trusted", step: "is self-signed")
        #expect(
            try connect(server.port, ["SSL_CERT_FILE": matrix.path("self-signed.pem")]).succeeded,
            "followed: its certificate as ca-file")
    }

    @Test func unknownIssuer() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "untrusted.pem", ["-cert_chain", "other.pem"])
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(
            outcome, code: "server-certificate-not-trusted",
            step: "ends at CN=Matrix Other CA, which is not among the CAs trusted")
        #expect(
            !outcome.nextStep.contains("system+custom"), "the root is in neither store: the system store cannot help")
        #expect(
            outcome.nextStep.contains(
                "append its certificate to the ca-file (now \(matrix.path("root.pem")), from standard environment"),
            "\(outcome.nextStep)")
        #expect(
            try connect(server.port, ["SSL_CERT_FILE": matrix.path("other.pem")]).succeeded,
            "followed: that CA as ca-file")
        // Followed as written: appended to the file in use.
        let directory = TemporaryDirectory(prefix: "appended")
        let both = directory.write(
            "both.pem",
            String(
                decoding: try Data(contentsOf: URL(fileURLWithPath: matrix.path("root.pem")))
                    + Data(contentsOf: URL(fileURLWithPath: matrix.path("other.pem"))), as: UTF8.self))
        #expect(try connect(server.port, ["SSL_CERT_FILE": both]).succeeded)
    }

    @Test func trustSystemKeepsTheConfiguredCAOut() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem")
        defer { server.stop() }
        // The CA is in SSL_CERT_FILE, but the project's file says trust = "system".
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "trust = \"system\"\n")
        let environment = ["SSL_CERT_FILE": matrix.path("root.pem")]
        let outcome = try connect(server.port, environment, sandbox: sandbox)
        expectFailure(
            outcome, code: "server-certificate-not-trusted",
            step: "SSL_CERT_FILE = \(matrix.path("root.pem")) is set but not used: trust = \"system\"")
        #expect(!outcome.nextStep.contains("add it with ca-file"), "\(outcome.nextStep)")
        let check = try sandbox.run(["check"], environment: environment)
        #expect(
            check.output.contains("warning[ca-not-in-effect]") && check.output.contains("SSL_CERT_FILE"),
            "\(check.output)")
        #expect(outcome.text.output.contains("ca-not-in-effect"), "connect prints the warning too")
        // Followed: trust = "system" removed, SSL_CERT_FILE is used.
        sandbox.write("tlsconfig.toml", "")
        #expect(try connect(server.port, environment, sandbox: sandbox).succeeded)

        // The CA in ca-file beside trust = "system".
        sandbox.write("tlsconfig.toml", "trust = \"system\"\nca-file = \"\(matrix.path("root.pem"))\"\n")
        let inFile = try connect(server.port, [:], sandbox: sandbox)
        expectFailure(inFile, code: "server-certificate-not-trusted", step: "ca-file = \(matrix.path("root.pem"))")
        #expect(inFile.nextStep.contains("change trust to \"system+custom\""))
        sandbox.write("tlsconfig.toml", "trust = \"system+custom\"\nca-file = \"\(matrix.path("root.pem"))\"\n")
        #expect(try connect(server.port, [:], sandbox: sandbox).succeeded, "followed: system+custom")
    }

    @Test func pipAndCurlBundlesAreNamedWhenNotRead() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem")
        defer { server.stop() }
        for variable in ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"] {
            let outcome = try connect(server.port, [variable: matrix.path("root.pem")])
            expectFailure(
                outcome, code: "server-certificate-not-trusted", step: "\(variable) is set but not read by tlsconfig")
            #expect(
                outcome.nextStep.contains("move the value to SSL_CERT_FILE=\(matrix.path("root.pem"))"),
                "\(outcome.nextStep)")
            #expect(
                try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")]).succeeded,
                "followed: the value moved")
        }
    }

    @Test func missingIntermediate() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "behind-intermediate.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(
            outcome, code: "server-certificate-not-trusted",
            step: "issued by CN=Matrix Intermediate CA, which it did not send")
        #expect(outcome.nextStep.contains("the server must send it"))
        // Followed on the server side: it sends the intermediate.
        let fixed = try self.server(matrix, "behind-intermediate.pem", ["-cert_chain", "intermediate.pem"])
        defer { fixed.stop() }
        #expect(try connect(fixed.port, ["SSL_CERT_FILE": matrix.path("root.pem")]).succeeded)
    }

    @Test func revoked() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "revoked.pem")
        defer { server.stop() }
        let outcome = try connect(
            server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_CRL_FILE": matrix.path("root.crl")])
        expectFailure(
            outcome, code: "server-certificate-not-trusted", message: "revoked",
            step: "is revoked by the CRL in crl-file (from tool environment TLSCONFIG_CRL_FILE)")
    }

    @Test func crlFromAnotherIssuer() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem")
        defer { server.stop() }
        let outcome = try connect(
            server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_CRL_FILE": matrix.path("other.crl")])
        expectFailure(outcome, code: "server-certificate-not-trusted", step: "holds no CRL from CN=Matrix Root CA")
        #expect(
            try connect(
                server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_CRL_FILE": matrix.path("root.crl")]
            ).succeeded, "followed: the issuer's CRL")
    }

    @Test func weakKey() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "weak-key.pem", key: "weak.key", ["-cipher", "DEFAULT:@SECLEVEL=0"])
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(outcome, code: "server-certificate-not-trusted", step: "a key too weak for security level 2")
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "[hosts.\"localhost\"]\nciphers = \"DEFAULT:@SECLEVEL=1\"\n")
        #expect(
            try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")], sandbox: sandbox).succeeded,
            "followed: the stopgap")
    }

    @Test func sha1Signature() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "sha1.pem", ["-cipher", "DEFAULT:@SECLEVEL=0"])
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(outcome, code: "server-certificate-not-trusted", step: "signed with a digest too weak")
        #expect(outcome.nextStep.contains("reissued with SHA-256"))
    }

    @Test func noServerAuthUsage() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "no-server-auth.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(outcome, code: "server-certificate-not-trusted", step: "its extended key usage lacks serverAuth")
    }

    @Test func nameConstraintViolation() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "constraint-violation.pem", ["-cert_chain", "constrained.pem"])
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(
            outcome, code: "server-certificate-not-trusted", step: "a name constraint of a CA in the chain forbids")
        // Connected by address with server-name set: the step names the name checked.
        let named = try connect(
            server.port, host: "127.0.0.1",
            ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_SERVER_NAME": "localhost"])
        expectFailure(named, code: "server-certificate-not-trusted", step: "checked for localhost")
        #expect(named.nextStep.contains("allowed to issue for localhost") && !named.nextStep.contains("127.0.0.1"))
    }

    @Test func leafSignedByANonCA() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "behind-not-a-ca.pem", ["-cert_chain", "not-a-ca.pem"])
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(
            outcome, code: "server-certificate-not-trusted",
            step: "CN=Matrix Not A CA, at depth 1 of the chain, issued a certificate but is not a CA")
        #expect(
            outcome.nextStep.contains("the server sends it in its chain") && !outcome.nextStep.contains("check"),
            "\(outcome.nextStep)")
        // `check` finds nothing wrong with these settings: the step must not send the user there.
        #expect(try Sandbox().run(["check"], environment: ["SSL_CERT_FILE": matrix.path("root.pem")]).status == 0)
        // Followed on the server side: a certificate from a real CA.
        let fixed = try self.server(matrix, "good.pem")
        defer { fixed.stop() }
        #expect(try connect(fixed.port, ["SSL_CERT_FILE": matrix.path("root.pem")]).succeeded)
    }

    @Test func commonNameOnlyIsRefused() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "cn-only.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(
            outcome, code: "server-certificate-without-san", message: "no subjectAltName",
            step: "subjectAltName = DNS:localhost")
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "[hosts.\"localhost\"]\nverify = \"no-hostname\"\n")
        #expect(
            try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem")], sandbox: sandbox).succeeded,
            "followed: no-hostname for this host")
        // By address, the name to add is an IP subjectAltName of that address.
        let byAddress = try connect(server.port, host: "127.0.0.1", ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(byAddress, code: "server-certificate-without-san", step: "subjectAltName = IP:127.0.0.1")
        // With server-name set, that is the name checked, and the one to add.
        let named = try connect(
            server.port, host: "127.0.0.1",
            ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_SERVER_NAME": "api.example"])
        expectFailure(named, code: "server-certificate-without-san", step: "subjectAltName = DNS:api.example")
    }

    @Test func addressWrittenAsADNSName() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "dns-ip.pem")
        defer { server.stop() }
        let outcome = try connect(server.port, host: "127.0.0.1", ["SSL_CERT_FILE": matrix.path("root.pem")])
        expectFailure(
            outcome, code: "hostname-mismatch",
            step: "an address matches only an IP subjectAltName; it lists DNS:127.0.0.1")
        #expect(outcome.nextStep.contains("subjectAltName = IP:127.0.0.1"))
        #expect(!outcome.nextStep.contains("set server-name"), "server-name = 127.0.0.1 fails the same way")
        #expect(
            !outcome.nextStep.contains("connect with a DNS name"), "the certificate lists no DNS name to connect with")
        let renamed = try connect(
            server.port, host: "127.0.0.1",
            ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_SERVER_NAME": "127.0.0.1"])
        #expect(renamed.code == "hostname-mismatch")
        // Followed on the server side: a certificate with IP:127.0.0.1.
        let fixed = try self.server(matrix, "good.pem")
        defer { fixed.stop() }
        #expect(try connect(fixed.port, host: "127.0.0.1", ["SSL_CERT_FILE": matrix.path("root.pem")]).succeeded)
    }

    @Test func partialWildcardIsNotHonoured() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "partial-wildcard.pem")
        defer { server.stop() }
        let environment = ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_SERVER_NAME": "foo.example.com"]
        let outcome = try connect(server.port, environment)
        expectFailure(
            outcome, code: "hostname-mismatch",
            step: "the certificate names DNS:f*.example.com, a partial wildcard, which TLSConfig does not honour")
        #expect(outcome.nextStep.contains("*.example.com") && outcome.nextStep.contains("DNS:foo.example.com"))
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "[hosts.\"localhost\"]\nverify = \"no-hostname\"\n")
        #expect(
            try connect(server.port, environment, sandbox: sandbox).succeeded, "followed: the stopgap for this host")
    }

    // MARK: Negotiation

    @Test func versionMismatch() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem", ["-tls1_2"])
        defer { server.stop() }
        let outcome = try connect(
            server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_MIN_VERSION": "1.3"])
        expectFailure(
            outcome, code: "no-common-protocol-version",
            step: "min-version is 1.3 (from tool environment TLSCONFIG_MIN_VERSION)")
        #expect(
            try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_MIN_VERSION": "1.2"])
                .succeeded)
    }

    @Test func serverThatSpeaksOnlyTLS10() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem", ["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"])
        defer { server.stop() }
        let environment = ["SSL_CERT_FILE": matrix.path("root.pem")]
        let outcome = try connect(server.port, environment)
        expectFailure(outcome, code: "no-common-protocol-version", step: "the server speaks only TLS 1.0")
        #expect(
            outcome.nextStep.contains("legacy signature algorithms")
                && outcome.nextStep.contains("ciphers = \"DEFAULT:@SECLEVEL=0\""))
        // min-version alone is not enough, as the step says.
        let sandbox = Sandbox()
        sandbox.write("tlsconfig.toml", "[hosts.\"localhost\"]\nmin-version = \"1.0\"\n")
        #expect(try connect(server.port, environment, sandbox: sandbox).succeeded == false)
        // Followed whole: the section allows TLS 1.0 at security level 0.
        sandbox.write(
            "tlsconfig.toml", "[hosts.\"localhost\"]\nmin-version = \"1.0\"\nciphers = \"DEFAULT:@SECLEVEL=0\"\n")
        #expect(try connect(server.port, environment, sandbox: sandbox).succeeded)
    }

    @Test func alpnMismatch() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem", ["-alpn", "imap"])
        defer { server.stop() }
        let outcome = try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_ALPN": "h2"])
        expectFailure(outcome, code: "no-common-alpn", step: "the server speaks none of alpn = [h2]")
        #expect(
            try connect(server.port, ["SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_ALPN": "imap"]).succeeded)
    }

    @Test func cipherMismatch() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem", ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"])
        defer { server.stop() }
        let environment = [
            "SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_MAX_VERSION": "1.2",
            "TLSCONFIG_CIPHERS": "ECDHE-ECDSA-AES256-GCM-SHA384",
        ]
        let outcome = try connect(server.port, environment)
        expectFailure(outcome, code: "no-common-cipher", step: "widen them, or remove ciphers and ciphersuites")
        var followed = environment
        followed["TLSCONFIG_CIPHERS"] = nil
        #expect(
            try connect(server.port, followed).code != "no-common-cipher",
            "followed: the defaults include a cipher it shares")
    }

    // MARK: Client certificates (the test PKI's server, asking for one from the client CA)

    @Test func clientCertificateRejectedForAnUnknownCA() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let outcome = try connect(
                server.port,
                [
                    "SSL_CERT_FILE": pki.path("server-ca.pem"),
                    "SSL_CLIENT_CERT": pki.path("client-untrusted-combined.pem"),
                ])
            expectFailure(
                outcome, code: "client-certificate-rejected",
                step: "the server accepts certificates issued by CN=Test Client CA")
            #expect(
                try connect(
                    server.port,
                    ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client-combined.pem")]
                ).succeeded)
        }
    }

    @Test func clientCertificateMissingItsIntermediate() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let directory = TemporaryDirectory(prefix: "leaf-only")
            let leafOnly = directory.write(
                "leaf.pem", String(decoding: try pki.bytes("client.pem") + pki.bytes("client.key"), as: UTF8.self))
            let outcome = try connect(
                server.port, ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": leafOnly])
            expectFailure(
                outcome, code: "client-certificate-rejected",
                step: "append its certificate to your client certificate file")
            #expect(outcome.nextStep.contains("CN=Test Client CA"))
            // Followed: the intermediate appended.
            let withChain = directory.write(
                "chain.pem",
                String(decoding: try pki.bytes("client-chain.pem") + pki.bytes("client.key"), as: UTF8.self))
            #expect(
                try connect(server.port, ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": withChain])
                    .succeeded)
        }
    }

    @Test func clientCertificateRejectedByAServerThatNamesNoCA() throws {
        let pki = try TestPKI.shared()
        // -verifyCAfile checks client certificates without sending CA names.
        let server = try OpenSSLServerProcess(
            [
                "-cert", "server.pem", "-key", "server.key", "-verifyCAfile", "client-ca.pem", "-Verify", "1",
                "-verify_return_error",
            ], in: pki.directory
        )
        defer { server.stop() }
        let outcome = try connect(
            server.port,
            ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client-untrusted-combined.pem")])
        expectFailure(outcome, code: "client-certificate-rejected", step: "named no CA it accepts")
        #expect(outcome.nextStep.contains("ask its operator whether it trusts CN=Untrusted CA"), "\(outcome.nextStep)")
        #expect(
            try connect(
                server.port,
                ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client-combined.pem")]
            ).succeeded,
            "followed: a certificate from the CA it trusts")
    }

    @Test func emptyClientCertificateVariableIsNamed() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let outcome = try connect(server.port, ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": ""])
            expectFailure(outcome, code: "client-certificate-required", step: "SSL_CLIENT_CERT is set but empty")
            #expect(
                try connect(
                    server.port,
                    ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client-combined.pem")]
                ).succeeded)
        }
    }

    @Test func clientChainTooLongForTheServer() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            // The certificate and key, then 300 unrelated CA certificates: far above the
            // 100 KiB OpenSSL servers take in one certificate message.
            let directory = TemporaryDirectory(prefix: "long-chain")
            let extra = String(repeating: String(decoding: try pki.bytes("server-ca.pem"), as: UTF8.self), count: 300)
            let file = directory.write(
                "client.pem", String(decoding: try pki.bytes("client-combined.pem"), as: UTF8.self) + extra)
            let outcome = try connect(
                server.port, ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": file])
            #expect(outcome.status == 1)
            #expect(
                outcome.nextStep.contains("your client certificate file holds 30"),
                "\(outcome.message) / \(outcome.nextStep)")
            #expect(outcome.nextStep.contains("Keep only your certificate and the intermediates that issued it"))
            #expect(
                try connect(
                    server.port,
                    ["SSL_CERT_FILE": pki.path("server-ca.pem"), "SSL_CLIENT_CERT": pki.path("client-combined.pem")]
                ).succeeded,
                "followed: only the chain")
        }
    }

    @Test func expiredClientCertificateIsFoundBeforeConnecting() throws {
        try TestPKI.withClientCertificateServer { pki, server in
            let outcome = try connect(
                server.port,
                [
                    "SSL_CERT_FILE": pki.path("server-ca.pem"),
                    "SSL_CLIENT_CERT": pki.path("client-expired-combined.pem"),
                ])
            #expect(outcome.code == "configuration-error")
            let expired = (outcome.document["diagnostics"] as? [[String: Any]] ?? []).first {
                $0["code"] as? String == "client-certificate-expired"
            }
            #expect((expired?["message"] as? String)?.contains("expired on 2021-01-01") == true)
            #expect((expired?["origin"] as? [String: Any])?["variable"] as? String == "SSL_CLIENT_CERT")
            #expect(outcome.text.stderr.contains("error[client-certificate-expired]"))
        }
    }

    // MARK: Not TLS at all

    @Test func plainTextPort() throws {
        let listener = try LoopbackListener(
            .respond(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8)))
        defer { listener.stop() }
        let outcome = try connect(listener.port, host: "127.0.0.1", [:])
        expectFailure(outcome, code: "not-tls", step: "does not speak TLS")
    }

    @Test func closeAfterAccept() throws {
        let listener = try LoopbackListener(.closeImmediately)
        defer { listener.stop() }
        let outcome = try connect(listener.port, host: "127.0.0.1", [:])
        expectFailure(
            outcome, code: "closed-during-handshake", step: "accepted the connection and closed it without answering")
    }

    @Test func refused() throws {
        let outcome = try connect(try Sockets.freePort(), host: "127.0.0.1", [:])
        expectFailure(outcome, code: "connection-refused", step: "nothing accepts connections")
    }

    @Test func silentServerTimesOut() throws {
        let listener = try LoopbackListener(.silent)
        defer { listener.stop() }
        let outcome = try connect(listener.port, host: "127.0.0.1", [:], sandbox: Sandbox(), ["--timeout", "1"])
        expectFailure(outcome, code: "timed-out", step: "raise --timeout")
    }

    // MARK: Through a proxy

    @Test func unknownIssuerThroughAConnectProxy() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "untrusted.pem", ["-cert_chain", "other.pem"])
        defer { server.stop() }
        let proxy = try LoopbackListener(.connectProxy)
        defer { proxy.stop() }
        let environment = [
            "SSL_CERT_FILE": matrix.path("root.pem"), "HTTPS_PROXY": "http://alice:s3cr3t-pw@127.0.0.1:\(proxy.port)",
        ]
        let outcome = try connect(server.port, host: "127.0.0.1", environment)
        expectFailure(
            outcome, code: "server-certificate-not-trusted",
            step: "came through the proxy http://127.0.0.1:\(proxy.port) (from HTTPS_PROXY)")
        #expect(
            outcome.nextStep.contains("was signed by CN=Matrix Other CA")
                && outcome.nextStep.contains("the proxy may be intercepting TLS"))
        // Followed as the step shows: the proxy's CA trusted for the hosts behind it.
        let trustingProxy = Sandbox()
        trustingProxy.write(
            "tlsconfig.toml",
            "[hosts.\"127.0.0.1\"]\nca-file = \"\(matrix.path("other.pem"))\"\ntrust = \"system+custom\"\n")
        #expect(try connect(server.port, host: "127.0.0.1", environment, sandbox: trustingProxy).succeeded)
        #expect(outcome.text.stdout.contains("through the proxy http://127.0.0.1:\(proxy.port)"))
        #expect(
            !outcome.text.output.contains("s3cr3t-pw") && !"\(outcome.document)".contains("s3cr3t-pw"),
            "credentials are never printed")
        #expect(proxy.receivedRequests.first?.contains("CONNECT 127.0.0.1:\(server.port) HTTP/1.1") == true)
        #expect(
            proxy.receivedRequests.first?.contains(
                "Proxy-Authorization: Basic \(Data("alice:s3cr3t-pw".utf8).base64EncodedString())") == true)
        // Followed: the proxy's CA trusted, the same tunnel connects.
        var trusting = environment
        trusting["SSL_CERT_FILE"] = matrix.path("other.pem")
        #expect(try connect(server.port, host: "127.0.0.1", trusting).succeeded)
        // NO_PROXY and --no-proxy connect directly.
        var bypass = environment
        bypass["NO_PROXY"] = "127.0.0.1"
        let direct = try connect(server.port, host: "127.0.0.1", bypass)
        #expect(direct.document["proxy"] is NSNull && !direct.nextStep.contains("proxy"))
        #expect(
            try connect(server.port, host: "127.0.0.1", environment, sandbox: Sandbox(), ["--no-proxy"]).document[
                "proxy"] is NSNull)
    }

    @Test func closedProxyPortIsNamed() throws {
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem")
        defer { server.stop() }
        let closed = try Sockets.freePort()
        let environment = ["SSL_CERT_FILE": matrix.path("root.pem"), "HTTPS_PROXY": "http://127.0.0.1:\(closed)"]
        let outcome = try connect(server.port, host: "127.0.0.1", environment)
        expectFailure(
            outcome, code: "connection-refused",
            step: "nothing accepts connections at the proxy http://127.0.0.1:\(closed) (from HTTPS_PROXY)")
        #expect(!outcome.nextStep.contains("on 127.0.0.1:\(server.port)"), "the target is up; the proxy refused")
        #expect(
            try connect(server.port, host: "127.0.0.1", environment, sandbox: Sandbox(), ["--no-proxy"]).succeeded,
            "followed: --no-proxy")
    }

    // MARK: Found at resolution, before any connection

    @Test func alpnThatOpenSSLCannotFitIsFoundAtResolution() throws {
        // 65,358 bytes passed the old 65,533 check and then failed inside OpenSSL.
        func names(wire: Int) -> String {
            var items: [String] = [], left = wire, index = 0
            while left > 0 {
                let length = min(255, left - 1)
                items.append(String(repeating: "a", count: max(1, length - String(index).count)) + String(index))
                left -= items.last!.utf8.count + 1
                index += 1
            }
            return items.joined(separator: ",")
        }
        let refused = try Sandbox().run(["check"], environment: ["TLSCONFIG_ALPN": names(wire: 65_358)])
        #expect(refused.status == 1 && refused.output.contains("above the 65,118"), "\(refused.output)")
        // At the limit, the longest server name still fits: the handshake gets past the ClientHello.
        let matrix = try FailureMatrixPKI.shared()
        let server = try server(matrix, "good.pem")
        defer { server.stop() }
        let longest = [
            String(repeating: "a", count: 63), String(repeating: "b", count: 63), String(repeating: "c", count: 63),
            String(repeating: "d", count: 61),
        ]
        .joined(separator: ".")
        let outcome = try connect(
            server.port,
            [
                "SSL_CERT_FILE": matrix.path("root.pem"), "TLSCONFIG_ALPN": names(wire: 65_118),
                "TLSCONFIG_SERVER_NAME": longest,
            ])
        #expect(outcome.code == "hostname-mismatch", "\(outcome.message)")
    }

    @Test func alpnBeyondTheWireLimitIsAConfigurationError() throws {
        let names = (0..<300).map { "p\($0)-" + String(repeating: "x", count: 240) }.joined(separator: ",")
        let result = try Sandbox().run(["check", "--format", "json"], environment: ["TLSCONFIG_ALPN": names])
        #expect(result.status == 1)
        let diagnostics =
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["diagnostics"]
            as? [[String: Any]] ?? []
        let error = diagnostics.first { $0["code"] as? String == "invalid-value" }
        #expect(
            (error?["message"] as? String)?.contains("above the 65,118 a TLS ClientHello has room for") == true,
            "\(diagnostics)")
        #expect((error?["origin"] as? [String: Any])?["variable"] as? String == "TLSCONFIG_ALPN")
    }

    @Test func derFilesAreNamedWithTheConversion() throws {
        let pki = try TestPKI.shared()
        let directory = TemporaryDirectory(prefix: "der")
        _ = try OpenSSLTool.run(
            ["x509", "-in", pki.path("server-ca.pem"), "-outform", "DER", "-out", directory.path + "/ca.der"],
            in: URL(fileURLWithPath: directory.path))
        _ = try OpenSSLTool.run(
            ["x509", "-in", pki.path("client.pem"), "-outform", "DER", "-out", directory.path + "/client.der"],
            in: URL(fileURLWithPath: directory.path))
        let sandbox = Sandbox()
        let ca = try sandbox.run(
            ["check", "--format", "json"], environment: ["SSL_CERT_FILE": directory.path + "/ca.der"])
        #expect(ca.stdout.contains("openssl x509 -inform DER -in \(directory.path)/ca.der"), "\(ca.stdout)")
        let client = try sandbox.run(
            ["check", "--format", "json"], environment: ["SSL_CLIENT_CERT": directory.path + "/client.der"])
        #expect(client.stdout.contains("is a DER certificate"), "\(client.stdout)")
        #expect(client.stdout.contains("openssl x509 -inform DER -in \(directory.path)/client.der -out client.pem"))
        // Followed: converted, the CA file works.
        _ = try OpenSSLTool.run(
            ["x509", "-inform", "DER", "-in", directory.path + "/ca.der", "-out", directory.path + "/ca.der.pem"],
            in: URL(fileURLWithPath: directory.path))
        #expect(try sandbox.run(["check"], environment: ["SSL_CERT_FILE": directory.path + "/ca.der.pem"]).status == 0)
    }

    @Test func ipv6IsWrittenInBrackets() throws {
        let port = try Sockets.freePort()
        let result = try Sandbox().run(["connect", "[::1]:\(port)", "--timeout", "2"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Connecting to [::1]:\(port)"), "\(result.stdout)")
    }
}
