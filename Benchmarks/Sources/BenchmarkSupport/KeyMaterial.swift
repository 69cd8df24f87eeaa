/// Client certificates and keys generated with the `openssl` command at setup time: an
/// RSA 2048 and an EC P-256 self-signed certificate with unencrypted PKCS#8 keys, the P-256
/// key again as encrypted PKCS#8 (PBES2, AES-256-CBC, OpenSSL's default PBKDF2 iterations),
/// and a small CA certificate for a custom trust source.
public struct KeyMaterial: Sendable {
    public static let passphraseVariable = "TLSCONFIG_BENCH_KEY_PASSPHRASE"
    public static let passphrase = "benchmark-passphrase"

    public let rsaCertificate: String
    public let rsaKey: String
    public let ecCertificate: String
    public let ecKey: String
    public let encryptedECKey: String
    public let caCertificate: String

    /// Generates everything under `directory/keys`.
    public init(in scratch: ScratchDirectory) throws {
        let directory = scratch.file("keys")
        try runCommand(["mkdir", "-p", directory])
        func selfSigned(_ name: String, _ keyArguments: [String], subject: String) throws -> (String, String) {
            let certificate = "\(directory)/\(name).pem"
            let key = "\(directory)/\(name).key"
            try runCommand(
                [
                    "openssl", "req", "-x509", "-new", "-nodes", "-days", "30", "-subj", subject, "-keyout", key,
                    "-out", certificate,
                ]
                    + keyArguments
            )
            return (certificate, key)
        }
        (rsaCertificate, rsaKey) = try selfSigned("rsa2048", ["-newkey", "rsa:2048"], subject: "/CN=bench-client-rsa")
        (ecCertificate, ecKey) = try selfSigned(
            "p256", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"], subject: "/CN=bench-client-ec"
        )
        encryptedECKey = "\(directory)/p256-encrypted.key"
        try runCommand([
            "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", ecKey, "-out", encryptedECKey,
            "-passout", "pass:\(Self.passphrase)",
        ])
        let ca = try selfSigned(
            "ca",
            [
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-addext",
                "basicConstraints=critical,CA:TRUE",
            ],
            subject: "/CN=bench-internal-ca"
        )
        caCertificate = ca.0
    }
}
