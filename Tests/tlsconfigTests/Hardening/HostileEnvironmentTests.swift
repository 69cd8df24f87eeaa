import Foundation
import Testing

/// Hostile environment values: each error must name the variable.
@Suite struct HostileEnvironmentTests {
    static func env(
        _ variable: String, _ value: String, command: String = "show", extra: [String: String] = [:],
        codes: Set<String> = []
    ) -> HardeningCase {
        HardeningCase(
            name: "\(variable)=\(value.prefix(40).debugDescription)\(value.count > 40 ? "…" : "")",
            environment: extra.merging([variable: value]) { $1 }, arguments: [command], origin: variable, codes: codes
        )
    }

    static let invalid: Set<String> = ["invalid-value"]
    static let notFound: Set<String> = ["path-not-found"]

    static let cases: [HardeningCase] = [
        env("TLSCONFIG_VERIFY", "sometimes", codes: invalid),
        env("TLSCONFIG_VERIFY", "FULL ", codes: invalid),
        env("TLSCONFIG_VERIFY", "true", codes: invalid),
        env("TLSCONFIG_VERIFY", "\u{1B}[2J\u{1B}]0;owned\u{07}", codes: invalid),
        env("TLSCONFIG_VERIFY", String(repeating: "v", count: 100_000), codes: invalid),
        env("TLSCONFIG_TRUST", "everything", codes: invalid),
        env("TLSCONFIG_TRUST", "system,custom", codes: invalid),
        env("TLSCONFIG_MIN_VERSION", "1.4", codes: invalid),
        env("TLSCONFIG_MIN_VERSION", "tls1.2", codes: invalid),
        env("TLSCONFIG_MIN_VERSION", "-1", codes: invalid),
        env("TLSCONFIG_MIN_VERSION", "1.2.3", codes: invalid),
        env("TLSCONFIG_MAX_VERSION", "99999999999999999999999", codes: invalid),
        env("TLSCONFIG_MAX_VERSION", "1.2", extra: ["TLSCONFIG_MIN_VERSION": "1.3"]),
        env("TLSCONFIG_CA_FILE", "$TMP/missing.pem", codes: notFound),
        env("TLSCONFIG_CA_FILE", "/dev/null", codes: ["not-a-regular-file"]),
        env("TLSCONFIG_CA_FILE", "/dev/zero", codes: ["not-a-regular-file"]),
        env("TLSCONFIG_CA_FILE", "/dev/stdin", codes: ["not-a-regular-file"]),
        env(
            "TLSCONFIG_CA_FILE", "/proc/self/mem",
            codes: ["file-empty", "not-a-regular-file", "path-unreadable", "file-too-large"]),
        env(
            "TLSCONFIG_CA_FILE", "$TMP/" + String(repeating: "x", count: 5_000),
            codes: ["path-unreadable", "path-not-found"]),
        env(
            "TLSCONFIG_CA_FILE", "$TMP/" + Array(repeating: "d", count: 3_000).joined(separator: "/"),
            codes: ["path-unreadable", "path-not-found"]),
        env("TLSCONFIG_CA_FILE", ":::", codes: []),
        env("TLSCONFIG_CA_DIR", "$TMP/missing", codes: notFound),
        env("TLSCONFIG_CA_DIR", "/dev/null", codes: ["not-a-directory"]),
        env("SSL_CERT_DIR", "$TMP/missing:$TMP/also-missing", codes: notFound),
        env("SSL_CERT_FILE", "$TMP/missing.pem", codes: notFound),
        env("SSL_CERT_FILE", "/", codes: ["not-a-regular-file"]),
        env("SSL_CLIENT_CERT", "$TMP/missing.pem", codes: notFound),
        env("SSL_CLIENT_CERT", "/dev/zero", codes: ["not-a-regular-file"]),
        env("TLSCONFIG_CLIENT_CERT", "/etc", codes: ["not-a-regular-file"]),
        env(
            "TLSCONFIG_CLIENT_KEY", "$TMP/missing.key", extra: ["TLSCONFIG_CLIENT_CERT": "$PKI/client-chain.pem"],
            codes: notFound),
        env("TLSCONFIG_CLIENT_KEY_PASSPHRASE", "hunter2", codes: ["invalid-passphrase-source"]),
        env("TLSCONFIG_CLIENT_KEY_PASSPHRASE", "env:", codes: ["invalid-passphrase-source"]),
        env("TLSCONFIG_CLIENT_KEY_PASSPHRASE", "env:NOT-A-NAME", codes: ["invalid-passphrase-source"]),
        env("TLSCONFIG_CLIENT_KEY_PASSPHRASE", "file:", codes: ["invalid-passphrase-source"]),
        env("TLSCONFIG_PINNED_PUBLIC_KEYS", "sha1//AAAA", codes: ["invalid-pin"]),
        env("TLSCONFIG_PINNED_PUBLIC_KEYS", "sha256//!!!not base64!!!", codes: ["invalid-pin"]),
        env("TLSCONFIG_PINNED_PUBLIC_KEYS", "sha256//", codes: ["invalid-pin"]),
        env("TLSCONFIG_PINNED_PUBLIC_KEYS", "sha256//AAAA", codes: ["invalid-pin"]),
        env("TLSCONFIG_ALPN", String(repeating: "p", count: 256), codes: invalid),
        env("TLSCONFIG_ALPN", "h2,\u{7F}", codes: invalid),
        env("TLSCONFIG_SERVER_NAME", "bad name", codes: []),
        env("TLSCONFIG_SERVER_NAME", "\u{1B}[2Jevil", codes: []),
        env("TLSCONFIG_CIPHERS", "NOPE-NOT-A-CIPHER", command: "check"),
        env("TLSCONFIG_CIPHERSUITES", "TLS_NOPE", command: "check"),
        env("TLSCONFIG_CRL_FILE", "$TMP/missing.crl", codes: notFound),
        env("TLSCONFIG_CONFIG", "$TMP/missing.toml", codes: ["config-file-not-found"]),
        env("TLSCONFIG_CONFIG", "/dev/zero", codes: ["config-file-unreadable"]),
        env("TLSCONFIG_CONFIG", "$TMP", codes: ["config-file-unreadable"]),
    ]

    @Test(arguments: cases)
    func environmentValues(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }
}
