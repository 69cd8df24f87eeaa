import Foundation
import Testing

/// Hostile PEM, key and PKCS#12 files through `tlsconfig check`: each error must name the
/// variable that configured the file. The server CA is trusted from the test PKI so no
/// case pays for loading the system store.
@Suite struct HostileMaterialTests {
    static let trust = ["SSL_CERT_FILE": "$PKI/server-ca.pem"]
    static let passphrase = ["TLS_PASS": "correct horse battery", "TLS_WRONG": "not it"]

    /// `SSL_CLIENT_CERT` names `file`.
    static func clientCert(
        _ name: String, _ file: HardeningFile, variable: String = "SSL_CLIENT_CERT", extra: [String: String] = [:],
        origin: String? = nil, codes: Set<String> = []
    ) -> HardeningCase {
        HardeningCase(
            name: "client cert: " + name, files: [renamed(file, "bad-cert")],
            environment: trust.merging(extra) { $1 }.merging([variable: "$TMP/bad-cert"]) { $1 },
            arguments: ["check"], origin: origin ?? variable, codes: codes
        )
    }

    /// `TLSCONFIG_CLIENT_KEY` names `file`, next to the good client certificate chain.
    static func clientKey(
        _ name: String, _ file: HardeningFile, extra: [String: String] = [:], origin: String = "TLSCONFIG_CLIENT_KEY",
        codes: Set<String> = []
    ) -> HardeningCase {
        HardeningCase(
            name: "client key: " + name, files: [renamed(file, "bad-key")],
            environment: trust.merging(extra) { $1 }.merging([
                "TLSCONFIG_CLIENT_CERT": "$PKI/client-chain.pem", "TLSCONFIG_CLIENT_KEY": "$TMP/bad-key",
            ]) { $1 },
            arguments: ["check"], origin: origin, codes: codes
        )
    }

    /// `TLSCONFIG_CA_FILE` names `file`.
    static func caFile(_ name: String, _ file: HardeningFile, codes: Set<String> = []) -> HardeningCase {
        HardeningCase(
            name: "CA file: " + name, files: [renamed(file, "bad-ca")],
            environment: ["TLSCONFIG_CA_FILE": "$TMP/bad-ca"],
            arguments: ["check"], origin: "TLSCONFIG_CA_FILE", codes: codes
        )
    }

    /// `TLSCONFIG_CLIENT_CERT` names a PKCS#12 `file`.
    static func pkcs12(
        _ name: String, _ file: HardeningFile, extra: [String: String] = [:], origin: String = "TLSCONFIG_CLIENT_CERT",
        codes: Set<String> = []
    ) -> HardeningCase {
        HardeningCase(
            name: "PKCS#12: " + name, files: [renamed(file, "bad.p12")],
            environment: trust.merging(passphrase) { $1 }.merging(extra) { $1 }.merging([
                "TLSCONFIG_CLIENT_CERT": "$TMP/bad.p12"
            ]) { $1 },
            arguments: ["check"], origin: origin, codes: codes
        )
    }

    static func renamed(_ file: HardeningFile, _ name: String) -> HardeningFile {
        var copy = file
        copy.name = name
        return copy
    }

    static func pki(_ source: String, _ edit: HardeningEdit = .none) -> HardeningFile {
        HardeningFile(name: "", kind: .pki(source, edit))
    }

    static func text(_ text: String) -> HardeningFile {
        HardeningFile.text("", text)
    }

    static func openssl(_ arguments: String...) -> HardeningFile {
        HardeningFile(name: "", kind: .openssl(arguments))
    }

    static let megabyteLine =
        "-----BEGIN CERTIFICATE-----\n" + String(repeating: "A", count: 1 << 20) + "\n-----END CERTIFICATE-----\n"

    static let pemCases: [HardeningCase] = [
        clientCert("empty", text(""), codes: ["file-empty"]),
        clientCert("plain text", text("just some text\n")),
        clientCert("truncated PEM (300 bytes)", pki("client-combined.pem", .prefix(300))),
        clientCert("truncated PEM (last line cut)", pki("client-combined.pem", .dropLast(20))),
        clientCert("BEGIN line only", text("-----BEGIN CERTIFICATE-----\n")),
        clientCert(
            "END label mismatch",
            pki("client-combined.pem", .replace("-----END CERTIFICATE-----", with: "-----END PRIVATE KEY-----"))),
        clientCert("corrupted base64", pki("client-combined.pem", .replace("MI", with: "!!"))),
        clientCert("flipped byte in the certificate", pki("client-combined.pem", .flip(200))),
        clientCert("NUL bytes inside", pki("client-combined.pem", .insert([0, 0, 0, 0], at: 100))),
        clientCert("invalid UTF-8 inside", pki("client-combined.pem", .insert([0xFF, 0xFE, 0xC0], at: 100))),
        clientCert("a 1 MiB base64 line", text(megabyteLine)),
        clientCert("a 1 MiB line of text", text(String(repeating: "x", count: 1 << 20) + "\n")),
        clientCert(
            "10,000 empty certificate blocks",
            text(String(repeating: "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", count: 10_000))),
        clientCert("certificate without its key", pki("client.pem"), codes: ["client-key-missing"]),
        clientCert(
            "certificate with the wrong key", pki("client-wrong-key.pem"), codes: ["key-does-not-match-certificate"]),
        clientCert("key without a certificate", pki("client.key")),
        clientCert("public key only", pki("server.pub")),
        clientCert("a CRL", pki("server-ca.crl")),
        clientCert("DER certificate", openssl("x509", "-in", "$PKI/client.pem", "-outform", "DER", "-out", "$OUT")),
        clientCert(
            "encrypted key, no passphrase source", pki("client-encrypted-combined.pem"),
            codes: ["encrypted-key-without-passphrase"]),
        clientCert(
            "encrypted key, wrong passphrase", pki("client-encrypted-combined.pem"), variable: "TLSCONFIG_CLIENT_CERT",
            extra: passphrase.merging(["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_WRONG"]) { $1 },
            origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE", codes: ["wrong-passphrase"]
        ),
        clientCert(
            "encrypted key, passphrase variable unset", pki("client-encrypted-combined.pem"),
            variable: "TLSCONFIG_CLIENT_CERT",
            extra: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_UNSET"], origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE",
            codes: ["passphrase-unavailable"]
        ),
        clientCert("expired certificate", pki("client-expired-combined.pem"), codes: ["client-certificate-expired"]),
        clientCert("intermediate first", pki("client-intermediate-first.pem")),
        caFile("plain text", text("not a certificate\n")),
        caFile("truncated PEM", pki("server-ca.pem", .prefix(200))),
        caFile("damaged certificate", pki("damaged-ca.pem")),
        caFile("a private key", pki("client.key")),
        caFile("NUL bytes only", HardeningFile.bytes("", [UInt8](repeating: 0, count: 4096))),
        caFile("a 1 MiB base64 line", text(megabyteLine)),
        caFile(
            "random binary", HardeningFile.bytes("", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })),
        HardeningCase(
            name: "CRL file: a certificate", files: [renamed(pki("client.pem"), "bad.crl")],
            environment: trust.merging(["TLSCONFIG_CRL_FILE": "$TMP/bad.crl"]) { $1 }, arguments: ["check"],
            origin: "TLSCONFIG_CRL_FILE"
        ),
        HardeningCase(
            name: "CRL file: truncated", files: [renamed(pki("server-ca.crl", .prefix(150)), "bad.crl")],
            environment: trust.merging(["TLSCONFIG_CRL_FILE": "$TMP/bad.crl"]) { $1 }, arguments: ["check"],
            origin: "TLSCONFIG_CRL_FILE"
        ),
    ]

    static let keyCases: [HardeningCase] = [
        clientKey("a certificate given as the key", pki("client.pem"), codes: ["key-file-without-key"]),
        clientKey("empty", text(""), codes: ["file-empty"]),
        clientKey("truncated key", pki("client.key", .prefix(400))),
        clientKey("corrupted base64", pki("client.key", .replace("MI", with: "**"))),
        clientKey("flipped byte", pki("client.key", .flip(300))),
        clientKey("the wrong key", pki("server.key"), codes: ["key-does-not-match-certificate"]),
        clientKey("public key", pki("server.pub")),
        clientKey(
            "OpenSSH key format",
            text(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n"
            )),
        clientKey(
            "Ed448 key", openssl("genpkey", "-algorithm", "ED448", "-out", "$OUT"),
            codes: ["key-does-not-match-certificate"]),
        clientKey("X25519 key (cannot sign)", openssl("genpkey", "-algorithm", "X25519", "-out", "$OUT")),
        clientKey("DSA key", openssl("dsaparam", "-genkey", "-out", "$OUT", "1024")),
        clientKey(
            "DH parameters",
            openssl("genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "dh_paramgen_prime_len:512", "-out", "$OUT")
        ),
        clientKey(
            "encrypted PKCS#8, no passphrase", pki("client-encrypted-pkcs8.key"),
            codes: ["encrypted-key-without-passphrase"]),
        clientKey(
            "encrypted legacy PEM, no passphrase", pki("client-encrypted-legacy.key"),
            codes: ["encrypted-key-without-passphrase"]),
        clientKey(
            "encrypted, wrong passphrase", pki("client-encrypted-pkcs8.key"),
            extra: passphrase.merging(["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_WRONG"]) { $1 },
            origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE", codes: ["wrong-passphrase"]),
        clientKey(
            "encrypted, passphrase file missing", pki("client-encrypted-pkcs8.key"),
            extra: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "file:$TMP/missing-pass"],
            origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE"),
        clientKey(
            "encrypted, passphrase file is /dev/zero", pki("client-encrypted-pkcs8.key"),
            extra: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "file:/dev/zero"], origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE"),
        clientKey(
            "encrypted, passphrase file is a directory", pki("client-encrypted-pkcs8.key"),
            extra: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "file:$TMP"], origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE"),
        clientKey(
            "encrypted, 100 KiB passphrase", pki("client-encrypted-pkcs8.key"),
            extra: [
                "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_HUGE", "TLS_HUGE": String(repeating: "p", count: 100 << 10),
            ], origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE"),
    ]

    static let pkcs12Cases: [HardeningCase] = [
        pkcs12(
            "garbage that starts like DER",
            HardeningFile.bytes("", [0x30, 0x82, 0x10, 0x00] + [UInt8](repeating: 0x41, count: 2000))),
        pkcs12("indefinite length garbage", HardeningFile.bytes("", [0x30, 0x80] + [UInt8](repeating: 0, count: 64))),
        pkcs12(
            "length beyond the end", HardeningFile.bytes("", [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x03])),
        pkcs12("truncated", pki("client.p12", .prefix(900)), codes: ["pkcs12-unreadable"]),
        pkcs12("last bytes cut", pki("client.p12", .dropLast(10)), codes: ["pkcs12-unreadable"]),
        pkcs12("flipped byte in the middle", pki("client.p12", .flip(700))),
        pkcs12(
            "wrong passphrase", pki("client.p12"), extra: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_WRONG"],
            origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE", codes: ["wrong-passphrase"]),
        pkcs12("no passphrase source", pki("client.p12")),
        pkcs12(
            "passphrase variable unset", pki("client.p12"), extra: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_UNSET"],
            origin: "TLSCONFIG_CLIENT_KEY_PASSPHRASE"),
        pkcs12("DER certificate instead", openssl("x509", "-in", "$PKI/client.pem", "-outform", "DER", "-out", "$OUT")),
        pkcs12("DER key instead", openssl("pkey", "-in", "$PKI/client.key", "-outform", "DER", "-out", "$OUT")),
        pkcs12(
            "certificates only, no key",
            openssl(
                "pkcs12", "-export", "-nokeys", "-in", "$PKI/client.pem", "-passout", "pass:not it", "-out", "$OUT"),
            extra: ["TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_WRONG"], codes: ["pkcs12-without-key"]),
    ]

    @Test(arguments: pemCases)
    func pemFiles(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }

    @Test(arguments: keyCases)
    func keyFiles(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }

    @Test(arguments: pkcs12Cases)
    func pkcs12Files(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }
}
