public import Foundation

/// A complete test PKI made by the real `openssl` command once per test process: server and
/// client CAs (with a client intermediate), server certificates for localhost and
/// 127.0.0.1, good, expired, untrusted and odd client certificates, keys in every layout,
/// PKCS#12 files and a CRL.
public struct TestPKI: Sendable {
    public let directory: URL

    public static let passphrase = "correct horse battery"
    public static let pkcs12Passphrase = "p12 secret"

    /// Generated on first use; every test shares it.
    public static func shared() throws -> TestPKI {
        try generated.get()
    }

    private static let generated: Result<TestPKI, any Error> = Result { try TestPKI.generate() }

    public func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    public func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// The server certificate's SPKI pin, computed by the openssl command (not by the code under test).
    /// `openssl s_server` presenting `server.pem` and requiring a client certificate from the
    /// client CA, as the connect tests use it.
    public func clientCertificateServer() throws -> OpenSSLServerProcess {
        try OpenSSLServerProcess(
            [
                "-cert", "server.pem", "-key", "server.key", "-CAfile", "client-ca.pem", "-Verify", "1",
                "-verify_return_error",
            ], in: directory
        )
    }

    /// Runs `body` with the shared PKI and a client-certificate server, stopped afterwards.
    public static func withClientCertificateServer<T>(_ body: (TestPKI, OpenSSLServerProcess) throws -> T) throws -> T {
        let pki = try shared()
        let server = try pki.clientCertificateServer()
        defer { server.stop() }
        return try body(pki, server)
    }

    /// A fresh server key and certificate (`DNS:localhost, IP:127.0.0.1`) from the server CA,
    /// written as `NAME.pem` and `NAME.key` into `directory`, for rotation tests. A random serial
    /// keeps parallel tests off the CA's serial file.
    public func issueServerCertificate(_ name: String, subject: String, in directory: URL, days: Int = 30) throws {
        let key = directory.appendingPathComponent("\(name).key").path
        let request = directory.appendingPathComponent("\(name).csr").path
        try OpenSSLTool.run(
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key], in: self.directory)
        try OpenSSLTool.run(["req", "-new", "-key", key, "-subj", subject, "-out", request], in: self.directory)
        try OpenSSLTool.run(
            [
                "x509", "-req", "-in", request, "-CA", "server-ca.pem", "-CAkey", "server-ca.key", "-set_serial",
                String(UInt32.random(in: 1...UInt32.max)),
                "-days", String(days), "-extfile", "ext.cnf", "-extensions", "server", "-out",
                directory.appendingPathComponent("\(name).pem").path,
            ], in: self.directory)
    }

    public func serverPin() throws -> String {
        "sha256//" + (try bytes("server.pin")).base64EncodedString()
    }

    // MARK: - Generation

    private static func generate() throws -> TestPKI {
        let root = FileManager.default.temporaryDirectory
        removeStaleDirectories(in: root)
        let directory = root.appendingPathComponent(
            "tlsconfig-ossl-pki-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pki = TestPKI(directory: directory)
        try pki.build()
        return pki
    }

    private static func removeStaleDirectories(in root: URL) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: root.path) else { return }
        for name in names where name.hasPrefix("tlsconfig-ossl-pki-") {
            let url = root.appendingPathComponent(name)
            if let modified = (try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
                modified < Date().addingTimeInterval(-3600)
            {
                try? manager.removeItem(at: url)
            }
        }
    }

    private func openssl(_ arguments: String...) throws {
        try OpenSSLTool.run(arguments, in: directory)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func concatenate(_ parts: [String], into name: String) throws {
        var data = Data()
        for part in parts { data += try bytes(part) }
        try data.write(to: directory.appendingPathComponent(name))
    }

    private func ecKey(_ name: String) throws {
        try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name)
    }

    private func selfSignedCA(_ name: String, subject: String) throws {
        try ecKey("\(name).key")
        try openssl(
            "req", "-x509", "-new", "-key", "\(name).key", "-subj", subject, "-days", "3650",
            "-config", "ext.cnf", "-extensions", "ca", "-out", "\(name).pem")
    }

    /// A certificate for `key` signed by `ca` with the `extensions` section of ext.cnf.
    private func issue(
        _ name: String, key: String, subject: String, ca: String, extensions: String, days: Int = 365
    ) throws {
        try openssl("req", "-new", "-key", key, "-subj", subject, "-out", "\(name).csr")
        try openssl(
            "x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-CAcreateserial",
            "-days", String(days), "-extfile", "ext.cnf", "-extensions", extensions, "-out", "\(name).pem")
    }

    /// Like `issue`, with explicit validity dates (`openssl x509` cannot backdate).
    private func issueDated(_ name: String, key: String, subject: String, ca: String, start: String, end: String) throws
    {
        try openssl("req", "-new", "-key", key, "-subj", subject, "-out", "\(name).csr")
        try openssl(
            "ca", "-batch", "-config", "\(ca).cnf", "-cert", "\(ca).pem", "-keyfile", "\(ca).key", "-in", "\(name).csr",
            "-out", "\(name).pem", "-startdate", start, "-enddate", end, "-extfile", "ext.cnf", "-extensions", "client",
            "-notext")
    }

    private func caDatabase(_ ca: String) throws {
        try OpenSSLCADatabase.create(ca, in: directory)
    }

    private func build() throws {
        try write(
            "ext.cnf",
            """
            [req]
            distinguished_name = dn
            [dn]
            [ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            [intermediate]
            basicConstraints = critical,CA:TRUE,pathlen:0
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [server]
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:localhost,IP:127.0.0.1
            authorityKeyIdentifier = keyid
            [client]
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = clientAuth
            [serverauthonly]
            basicConstraints = CA:FALSE
            extendedKeyUsage = serverAuth

            """)
        // Authorities.
        try selfSignedCA("server-ca", subject: "/CN=Test Server CA")
        try selfSignedCA("client-ca", subject: "/CN=Test Client CA")
        try selfSignedCA("other-ca", subject: "/CN=Untrusted CA")
        try ecKey("client-int.key")
        try issue(
            "client-int", key: "client-int.key", subject: "/CN=Test Client Intermediate", ca: "client-ca",
            extensions: "intermediate", days: 3650)
        try caDatabase("server-ca")
        try caDatabase("client-int")

        // Servers.
        try ecKey("server.key")
        try issue("server", key: "server.key", subject: "/CN=localhost", ca: "server-ca", extensions: "server")
        try ecKey("revoked-server.key")
        try issue(
            "revoked-server", key: "revoked-server.key", subject: "/CN=revoked localhost", ca: "server-ca",
            extensions: "server")
        try ecKey("untrusted-server.key")
        try issue(
            "untrusted-server", key: "untrusted-server.key", subject: "/CN=untrusted localhost", ca: "other-ca",
            extensions: "server")
        try openssl(
            "ca", "-config", "server-ca.cnf", "-cert", "server-ca.pem", "-keyfile", "server-ca.key", "-revoke",
            "revoked-server.pem")
        try openssl(
            "ca", "-config", "server-ca.cnf", "-cert", "server-ca.pem", "-keyfile", "server-ca.key", "-gencrl", "-out",
            "server-ca.crl")
        // A CRL whose nextUpdate has passed: the builds load it, the deep checks refuse it.
        try openssl(
            "ca", "-config", "server-ca.cnf", "-cert", "server-ca.pem", "-keyfile", "server-ca.key", "-gencrl",
            "-crl_lastupdate", "20200101000000Z", "-crl_nextupdate", "20200102000000Z", "-out", "server-ca-expired.crl")
        try openssl("x509", "-in", "server.pem", "-pubkey", "-noout", "-out", "server.pub")
        try openssl("pkey", "-pubin", "-in", "server.pub", "-outform", "DER", "-out", "server.pub.der")
        try openssl("dgst", "-sha256", "-binary", "-out", "server.pin", "server.pub.der")

        // The client identity in every layout.
        try openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "client.key")
        try issue("client", key: "client.key", subject: "/CN=Test Client", ca: "client-int", extensions: "client")
        try concatenate(["client.pem", "client-int.pem"], into: "client-chain.pem")
        try concatenate(["client.pem", "client-int.pem", "client.key"], into: "client-combined.pem")
        try concatenate(["client.key", "client.pem", "client-int.pem"], into: "client-keyfirst.pem")
        try openssl("pkey", "-in", "client.key", "-traditional", "-out", "client-pkcs1.key")
        try openssl(
            "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "client.key", "-passout", "pass:\(Self.passphrase)", "-out",
            "client-encrypted-pkcs8.key")
        try openssl(
            "rsa", "-in", "client.key", "-aes256", "-traditional", "-passout", "pass:\(Self.passphrase)", "-out",
            "client-encrypted-legacy.key")
        try concatenate(["client-chain.pem", "client-encrypted-pkcs8.key"], into: "client-encrypted-combined.pem")
        try openssl(
            "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-certfile", "client-int.pem",
            "-name", "client", "-passout", "pass:\(Self.pkcs12Passphrase)", "-out", "client.p12")
        try openssl(
            "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-certfile", "client-int.pem",
            "-name", "client", "-passout", "pass:", "-out", "client-nopass.p12")
        try ecKey("client-ec-pkcs8.key")
        try openssl("ec", "-in", "client-ec-pkcs8.key", "-out", "client-ec.key")
        try issue(
            "client-ec", key: "client-ec.key", subject: "/CN=Test EC Client", ca: "client-int", extensions: "client")
        try concatenate(["client-ec.pem", "client-int.pem"], into: "client-ec-chain.pem")

        // Client certificates that should be refused or warned about.
        try issueDated(
            "client-expired", key: "client.key", subject: "/CN=Expired Client", ca: "client-int",
            start: "20200101000000Z", end: "20210101000000Z")
        try concatenate(["client-expired.pem", "client-int.pem", "client.key"], into: "client-expired-combined.pem")
        try issueDated(
            "client-future", key: "client.key", subject: "/CN=Future Client", ca: "client-int",
            start: "20990101000000Z", end: "20991231000000Z")
        try issue(
            "client-expiring", key: "client.key", subject: "/CN=Expiring Client", ca: "client-int",
            extensions: "client", days: 10)
        try issue(
            "client-serverauth", key: "client.key", subject: "/CN=Server-Auth-Only Client", ca: "client-int",
            extensions: "serverauthonly")
        try issue(
            "client-untrusted", key: "client.key", subject: "/CN=Untrusted Client", ca: "other-ca", extensions: "client"
        )
        try concatenate(["client-untrusted.pem", "client.key"], into: "client-untrusted-combined.pem")
        try concatenate(
            ["client.pem", "server-ca.pem", "client-int.pem", "client.key"], into: "client-out-of-order.pem")
        try concatenate(["client-int.pem", "client.pem", "client.key"], into: "client-intermediate-first.pem")
        try concatenate(["client.pem", "server.key"], into: "client-wrong-key.pem")

        // Trust material.
        try concatenate(["server-ca.pem", "client-ca.pem"], into: "both-cas.pem")
        let serverCA = try String(decoding: bytes("server-ca.pem"), as: UTF8.self)
        let damaged = serverCA.replacingOccurrences(of: "\n", with: "\n", options: [], range: nil)
            .components(separatedBy: "\n").enumerated().map {
                $0.offset == 3 ? String($0.element.reversed()) : $0.element
            }.joined(separator: "\n")
        try write("damaged-ca.pem", try String(decoding: bytes("client-ca.pem"), as: UTF8.self) + damaged)
        try write("not-a-cert.pem", "just some text\n")
        for name in ["unhashed", "hashed"] {
            let folder = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try bytes("server-ca.pem").write(to: folder.appendingPathComponent("server-ca.crt"))
            try Data("not a certificate\n".utf8).write(to: folder.appendingPathComponent("README"))
        }
        try openssl("rehash", "hashed")
    }
}
