public import Foundation

/// Server certificates for every way a chain can fail, made once per test process with the
/// `openssl` command under a temporary directory: expired, not yet valid, an RSA-1024 key, a
/// SHA-1 signature, no serverAuth, a name-constraint violation, CN only, a leaf whose
/// intermediate is not sent, self-signed, revoked (with its CRL), a CRL from another CA, a
/// partial wildcard, an address written as a DNS name, and a leaf signed by a non-CA.
/// Every server certificate names localhost and 127.0.0.1 (except the CN-only one).
public struct FailureMatrixPKI: Sendable {
    public let directory: URL

    public func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private static let built = Result { try FailureMatrixPKI(building: ()) }

    public static func shared() throws -> FailureMatrixPKI {
        try built.get()
    }

    private init(building: Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlsconfig-matrix-pki-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        try build()
    }

    private func openssl(_ arguments: String...) throws {
        _ = try OpenSSLTool.run(arguments, in: directory)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func build() throws {
        try write(
            "ext.cnf",
            """
            [ca]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            [constrained]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            nameConstraints = critical, permitted;DNS:example.org
            [server]
            basicConstraints = CA:FALSE
            subjectAltName = DNS:localhost, IP:127.0.0.1
            extendedKeyUsage = serverAuth
            [noserverauth]
            basicConstraints = CA:FALSE
            subjectAltName = DNS:localhost, IP:127.0.0.1
            extendedKeyUsage = clientAuth
            [cnonly]
            basicConstraints = CA:FALSE
            extendedKeyUsage = serverAuth
            [dnsip]
            basicConstraints = CA:FALSE
            subjectAltName = DNS:127.0.0.1
            extendedKeyUsage = serverAuth
            [partial]
            basicConstraints = CA:FALSE
            subjectAltName = DNS:f*.example.com
            extendedKeyUsage = serverAuth
            [notca]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyCertSign

            """)
        for ca in ["root", "other"] {
            try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "\(ca).key")
            try openssl(
                "req", "-x509", "-new", "-key", "\(ca).key", "-subj", "/CN=Matrix \(ca.capitalized) CA", "-days",
                "3650",
                "-config", "ext.cnf", "-extensions", "ca", "-out", "\(ca).pem")
            try database(ca)
        }
        try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "server.key")
        try openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "weak.key")
        try openssl("req", "-new", "-key", "server.key", "-subj", "/CN=localhost", "-out", "server.csr")
        try openssl("req", "-new", "-key", "weak.key", "-subj", "/CN=localhost", "-out", "weak.csr")

        try sign("good", csr: "server.csr", by: "root", extensions: "server")
        try sign(
            "expired", csr: "server.csr", by: "root", extensions: "server", start: "20200101000000Z",
            end: "20210101000000Z")
        try sign(
            "not-yet-valid", csr: "server.csr", by: "root", extensions: "server", start: "20400101000000Z",
            end: "20410101000000Z")
        try sign("weak-key", csr: "weak.csr", by: "root", extensions: "server")
        try sign("sha1", csr: "server.csr", by: "root", extensions: "server", digest: "sha1")
        try sign("no-server-auth", csr: "server.csr", by: "root", extensions: "noserverauth")
        try sign("cn-only", csr: "server.csr", by: "root", extensions: "cnonly")
        try sign("dns-ip", csr: "server.csr", by: "root", extensions: "dnsip")  // an address written as a DNS name
        try sign("partial-wildcard", csr: "server.csr", by: "root", extensions: "partial")  // f*.example.com
        try sign("untrusted", csr: "server.csr", by: "other", extensions: "server")
        try sign("revoked", csr: "server.csr", by: "root", extensions: "server")

        // An intermediate under root; the leaf it signs is served without it.
        try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "intermediate.key")
        try openssl(
            "req", "-new", "-key", "intermediate.key", "-subj", "/CN=Matrix Intermediate CA", "-out", "intermediate.csr"
        )
        try sign("intermediate", csr: "intermediate.csr", by: "root", extensions: "ca")
        try database("intermediate")
        try sign("behind-intermediate", csr: "server.csr", by: "intermediate", extensions: "server")

        // A CA allowed only example.org, issuing for localhost; served with its CA.
        try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "constrained.key")
        try openssl(
            "req", "-new", "-key", "constrained.key", "-subj", "/CN=Matrix Constrained CA", "-out", "constrained.csr")
        try sign("constrained", csr: "constrained.csr", by: "root", extensions: "constrained")
        try database("constrained")
        try sign("constraint-violation", csr: "server.csr", by: "constrained", extensions: "server")  // served with -cert_chain constrained.pem

        // A certificate without CA:TRUE that signs the leaf anyway (X509 error 79); served with it.
        try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "not-a-ca.key")
        try openssl("req", "-new", "-key", "not-a-ca.key", "-subj", "/CN=Matrix Not A CA", "-out", "not-a-ca.csr")
        try sign("not-a-ca", csr: "not-a-ca.csr", by: "root", extensions: "notca")
        try database("not-a-ca")
        try sign("behind-not-a-ca", csr: "server.csr", by: "not-a-ca", extensions: "server")

        try openssl(
            "req", "-x509", "-new", "-key", "server.key", "-subj", "/CN=localhost", "-days", "365",
            "-config", "ext.cnf", "-extensions", "server", "-out", "self-signed.pem")

        try openssl(
            "ca", "-batch", "-config", "root.cnf", "-cert", "root.pem", "-keyfile", "root.key", "-revoke", "revoked.pem"
        )
        try openssl(
            "ca", "-batch", "-config", "root.cnf", "-cert", "root.pem", "-keyfile", "root.key", "-gencrl", "-out",
            "root.crl")
        try openssl(
            "ca", "-batch", "-config", "other.cnf", "-cert", "other.pem", "-keyfile", "other.key", "-gencrl", "-out",
            "other.crl")
    }

    private func sign(
        _ name: String, csr: String, by ca: String, extensions: String, start: String? = nil, end: String? = nil,
        digest: String = "sha256"
    ) throws {
        var arguments = [
            "ca", "-batch", "-config", "\(ca).cnf", "-cert", "\(ca).pem", "-keyfile", "\(ca).key", "-in", csr, "-out",
            "\(name).pem",
            "-md", digest, "-extfile", "ext.cnf", "-extensions", extensions, "-notext",
        ]
        if let start, let end {
            arguments += ["-startdate", start, "-enddate", end]
        } else {
            arguments += ["-days", "365"]
        }
        _ = try OpenSSLTool.run(arguments, in: directory)
    }

    private func database(_ ca: String) throws {
        // Random first serials: the two roots must not issue certificates with the same serial.
        try OpenSSLCADatabase.create(
            ca, in: directory, firstSerial: String(format: "%04X", Int.random(in: 0x1000...0xFFFF)))
    }
}
