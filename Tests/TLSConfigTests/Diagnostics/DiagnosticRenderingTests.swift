import TestSupport
import Foundation
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// Each diagnostic code, provoked by a real configuration and real files, with its exact text.
@Suite struct DiagnosticRenderingTests {
    static let scenarios: [(DiagnosticScenario, String)] = [
        (
            .file(.unknownKey) { _, b in b.set("ca-fiel", "x.pem") },
            """
            error[unknown-key]: unknown key "ca-fiel"
             --> $TMP/tlsconfig.toml:1:1
              |
            1 | ca-fiel = "x.pem"
              | ^^^^^^^
              = help: did you mean "ca-file"?

            """
        ),
        (
            .file(.wrongType) { _, b in b.set("min-version", node: .float(1.2), text: "1.2") },
            """
            error[wrong-type]: min-version must be "1.0" | "1.1" | "1.2" | "1.3", found a float
             --> $TMP/tlsconfig.toml:1:15
              |
            1 | min-version = 1.2
              |               ^^^
              = help: quote the version: "1.2" or "1.3"

            """
        ),
        (
            .file(.invalidValue) { _, b in b.set("verify", "ful") },
            """
            error[invalid-value]: "ful" is not a valid verify
             --> $TMP/tlsconfig.toml:1:10
              |
            1 | verify = "ful"
              |          ^^^^^
              = help: did you mean "full"? allowed values: "full", "no-hostname", "none"

            """
        ),
        (
            .file(.invalidHostPattern) { _, b in
                b.section("a.*.example.com"); b.set("alpn", "h2")
            },
            """
            error[invalid-host-pattern]: invalid host pattern "a.*.example.com": "*" may only stand as the whole leftmost label, as in "*.example.com"
             --> $TMP/tlsconfig.toml:1:8
              |
            1 | [hosts."a.*.example.com"]
              |        ^^^^^^^^^^^^^^^^^
              = help: patterns are host, host:port, *.suffix, *.suffix:port, an IPv4 address or [IPv6], optionally with :port

            """
        ),
        (
            .file(.invalidPassphraseSource) { _, b in b.set("client-key-passphrase", "hunter2") },
            """
            error[invalid-passphrase-source]: client-key-passphrase must name where the passphrase is, not hold it
             --> $TMP/tlsconfig.toml:1:25
              = help: write "env:VARIABLE" or "file:/path/to/passphrase"

            """
        ),
        (
            .environment(.invalidPin) { _ in ["TLSCONFIG_PINNED_PUBLIC_KEYS": "sha256//short"] },
            """
            error[invalid-pin]: "sha256//short" is not a public-key pin
             --> environment variable TLSCONFIG_PINNED_PUBLIC_KEYS
              = help: write "sha256//" followed by the base64 SHA-256 of the certificate's public key (curl's --pinnedpubkey syntax)

            """
        ),
        (
            .file(.pathNotFound) { _, b in b.set("ca-file", "../certs/ca.pem") },
            """
            error[path-not-found]: CA file not found: "../certs/ca.pem"
             --> $TMP/tlsconfig.toml:1:11
              |
            1 | ca-file = "../certs/ca.pem"
              |           ^^^^^^^^^^^^^^^^^
              = note: resolved relative to $TMP: $PARENT/certs/ca.pem
              = help: fix the path, or remove ca-file to use the system trust store

            """
        ),
        (
            .environment(.notARegularFile) { _ in ["SSL_CERT_FILE": "/dev/zero"] },
            """
            error[not-a-regular-file]: CA file "/dev/zero" is a character device, not a regular file
             --> environment variable SSL_CERT_FILE
              = help: fix the path, or remove ca-file to use the system trust store

            """
        ),
        (
            .environment(.notADirectory) { d in ["SSL_CERT_DIR": d.write("ca.pem", FakePEM.certificate)] },
            """
            error[not-a-directory]: CA directory "$TMP/ca.pem" is not a directory
             --> environment variable SSL_CERT_DIR
              = help: use ca-file for a PEM bundle

            """
        ),
        (
            .environment(.fileEmpty) { d in ["SSL_CERT_FILE": d.write("empty.pem", "")] },
            """
            error[file-empty]: CA file "$TMP/empty.pem" is empty
             --> environment variable SSL_CERT_FILE
              = help: fix the path, or remove ca-file to use the system trust store

            """
        ),
        (
            .environment(.caFileWithoutCertificates) { d in ["SSL_CERT_FILE": d.write("key.pem", FakePEM.key)] },
            """
            error[ca-file-without-certificates]: CA file "$TMP/key.pem" holds no PEM certificate
             --> environment variable SSL_CERT_FILE
              = note: it holds 1 private key(s)
              = help: point ca-file at a PEM bundle ("-----BEGIN CERTIFICATE-----" blocks)

            """
        ),
        (
            .environment(.caDirectoryNotHashed) { d in
                d.write("cas/one.pem", FakePEM.certificate)
                return ["SSL_CERT_DIR": d.path + "/cas"]
            },
            """
            note[ca-dir-not-hashed]: CA directory "$TMP/cas" has no OpenSSL hash links; its 1 certificate(s) will be loaded one by one
             --> environment variable SSL_CERT_DIR
              = help: run `openssl rehash $TMP/cas` to let OpenSSL look certificates up lazily

            """
        ),
        (
            .environment(.caDirectoryWithoutCertificates) { d in ["SSL_CERT_DIR": d.makeDirectory("empty")] },
            """
            error[ca-dir-without-certificates]: CA directory "$TMP/empty" holds no PEM certificate, and nothing else in the trust group does
             --> environment variable SSL_CERT_DIR
              = help: put PEM CA certificates in it, or point ca-file at a PEM bundle

            """
        ),
        (
            .environment(.clientCertificateWithoutCertificate) { d in
                ["TLSCONFIG_CLIENT_CERT": d.write("only-key.pem", FakePEM.key)]
            },
            """
            error[client-cert-without-certificate]: client certificate file "$TMP/only-key.pem" holds no PEM certificate
             --> environment variable TLSCONFIG_CLIENT_CERT
              = note: it holds 1 private key(s)
              = help: client-cert must hold the certificate (leaf first, then intermediates), optionally followed by its key

            """
        ),
        (
            .environment(.clientKeyMissing) { d in ["SSL_CLIENT_CERT": d.write("cert.pem", FakePEM.certificate)] },
            """
            error[client-key-missing]: no private key for the client certificate "$TMP/cert.pem"
             --> environment variable SSL_CLIENT_CERT
              = note: client-key is not set, and the certificate file holds no key
              = help: SSL_CLIENT_CERT must name one PEM file holding the certificate and its key (as uv reads it); append the key to it

            """
        ),
        (
            .file(.keyFileWithoutKey) { d, b in
                b.set("client-cert", d.write("cert.pem", FakePEM.certificate))
                b.set("client-key", "cert.pem")
            },
            """
            error[key-file-without-key]: key file "cert.pem" holds no PEM private key
             --> $TMP/tlsconfig.toml:2:14
              |
            2 | client-key = "cert.pem"
              |              ^^^^^^^^^^
              = note: resolved relative to $TMP: $TMP/cert.pem
              = note: it holds 1 certificate(s)
              = help: client-key must be a PEM private key (PKCS#8, PKCS#1 or SEC1, encrypted or not)

            """
        ),
        (
            .environment(.encryptedKeyWithoutPassphrase) { d in
                ["SSL_CLIENT_CERT": d.write("combined.pem", FakePEM.legacyEncryptedKey + FakePEM.certificate)]
            },
            """
            error[encrypted-key-without-passphrase]: the private key in "$TMP/combined.pem" is encrypted and no passphrase source is set
             --> environment variable SSL_CLIENT_CERT
              = note: TLSConfig never prompts for a passphrase
              = help: SSL_CLIENT_CERT cannot carry a passphrase: set TLSCONFIG_CLIENT_KEY_PASSPHRASE=env:VARIABLE (or file:/path/to/passphrase), or client-key-passphrase in a config file

            """
        ),
        (
            .environment(.passphraseUnavailable) { d in
                [
                    "TLSCONFIG_CLIENT_CERT": d.write("combined.pem", FakePEM.certificate + FakePEM.encryptedKey),
                    "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:MY_KEY_PASS",
                ]
            },
            """
            error[passphrase-unavailable]: the passphrase variable MY_KEY_PASS is unset or empty
             --> environment variable TLSCONFIG_CLIENT_KEY_PASSPHRASE
              = help: export MY_KEY_PASS before running, or point client-key-passphrase at a file

            """
        ),
        (
            .environment(.privateKeyPermissions) { d in
                ["SSL_CLIENT_CERT": d.write("combined.pem", FakePEM.certificate + FakePEM.key, mode: 0o644)]
            },
            """
            warning[private-key-permissions]: private key "$TMP/combined.pem" is readable by everyone (mode 644)
             --> environment variable SSL_CLIENT_CERT
              = help: chmod 600 $TMP/combined.pem

            """
        ),
        (
            .environment(.crlFileWithoutCRL) { d in ["TLSCONFIG_CRL_FILE": d.write("crl.pem", FakePEM.certificate)] },
            """
            error[crl-file-without-crl]: CRL file "$TMP/crl.pem" holds no PEM CRL
             --> environment variable TLSCONFIG_CRL_FILE
              = note: it holds 1 certificate(s)
              = help: point crl-file at a PEM file with "-----BEGIN X509 CRL-----" blocks

            """
        ),
        (
            .file(.versionRangeInverted, environment: ["TLSCONFIG_MAX_VERSION": "1.2"]) { _, b in
                b.set("min-version", "1.3")
            },
            """
            error[version-range-inverted]: min-version 1.3 is above max-version 1.2
             --> $TMP/tlsconfig.toml:1:15
              |
            1 | min-version = "1.3"
              |               ^^^^^
             ::: environment variable TLSCONFIG_MAX_VERSION: max-version 1.2 set here
              = help: raise max-version or lower min-version

            """
        ),
        (
            .environment(.deprecatedVersion) { _ in ["TLSCONFIG_MIN_VERSION": "1.0"] },
            """
            warning[deprecated-tls-version]: min-version allows TLS 1.0, which is deprecated (RFC 8996) and disabled by many servers
             --> environment variable TLSCONFIG_MIN_VERSION
              = help: use "1.2" or "1.3"

            """
        ),
        (
            .file(.verificationDisabled) { _, b in b.set("verify", "none") },
            """
            warning[verification-disabled]: certificate verification is off: any server, or anyone in between, is accepted
             --> $TMP/tlsconfig.toml:1:10
              |
            1 | verify = "none"
              |          ^^^^^^
              = help: use verify = "full" and add the server's CA with ca-file instead

            """
        ),
        (
            .file(.customTrustWithoutCAs) { _, b in b.set("trust", "custom") },
            """
            error[custom-trust-without-cas]: trust is "custom" but no ca-file or ca-dir is set in the same place
             --> $TMP/tlsconfig.toml:1:9
              |
            1 | trust = "custom"
              |         ^^^^^^^^
              = note: trust, ca-file and ca-dir are one group, taken together from the highest-ranked place that sets any of them
              = help: set ca-file or ca-dir next to it, or use trust = "system"

            """
        ),
        (
            .environment(.identityWithoutCertificate) { d in ["TLSCONFIG_CLIENT_KEY": d.write("key.pem", FakePEM.key)]
            },
            """
            error[identity-without-certificate]: client-key is set but client-cert is not
             --> environment variable TLSCONFIG_CLIENT_KEY
              = note: client-cert, client-key and client-key-passphrase are one group, taken together from one place
              = help: set client-cert in the same place, or remove client-key

            """
        ),
    ]

    @Test(arguments: scenarios)
    func rendersExactly(scenario: DiagnosticScenario, expected: String) {
        let directory = TemporaryDirectory()
        let resolution = scenario.build(directory)
        #expect(resolution.diagnostics.map(\.code) == [scenario.code])
        let renderer = DiagnosticRenderer(sources: resolution.sources)
        let parent = PathName.directory(of: directory.path)
        let text = renderer.render(resolution.diagnostics)
            .replacingOccurrences(of: directory.path, with: "$TMP")
            .replacingOccurrences(of: parent + "/", with: "$PARENT/")
        #expect(text == expected)
    }

    @Test func invalidHostIsReported() {
        let resolution = makeResolver().resolve(host: "exa mple.com")
        #expect(
            DiagnosticRenderer().render(resolution.diagnostics) == """
                error[invalid-host]: invalid host "exa mple.com": it contains white space
                  = help: write HOST, HOST:PORT, an IPv4 address, [IPv6]:PORT or a URL such as https://HOST:PORT

                """)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let directory = TemporaryDirectory()
        var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
        builder.set("ca-file", "missing.pem")
        builder.set("verify", "nope")
        builder.set("colour", "red")
        let resolution = makeResolver(
            environment: ["SSL_CLIENT_CERT": directory.path + "/none.pem"], documents: [builder.document]
        ).resolve()
        #expect(Set(resolution.diagnostics.map(\.code)) == [.pathNotFound, .invalidValue, .unknownKey])
        #expect(resolution.diagnostics.count == 4)
    }

    @Test func colourOnlyWhenAsked() {
        let diagnostic = Diagnostic(.error, .pathNotFound, "CA file not found", help: "fix it")
        #expect(!DiagnosticRenderer(style: .plain).render(diagnostic).contains("\u{1B}["))
        #expect(DiagnosticRenderer(style: TextStyle(color: true)).render(diagnostic).contains("\u{1B}[1;31merror"))
        #expect(TextStyle.automatic(isTerminal: true, environment: ["NO_COLOR": "1"]) == .plain)
        #expect(TextStyle.automatic(isTerminal: false, environment: [:]) == .plain)
        #expect(TextStyle.automatic(isTerminal: true, environment: [:]).color)
    }

    @Test func jsonCarriesOriginAndNeverTheSecret() throws {
        let directory = TemporaryDirectory()
        var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
        builder.set("client-key-passphrase", "correct horse battery staple")
        let resolution = makeResolver(documents: [builder.document]).resolve()
        let json = DiagnosticRenderer().json(resolution.diagnostics).rendered()
        #expect(!json.contains("correct horse"))
        #expect(!DiagnosticRenderer(sources: [:]).render(resolution.diagnostics).contains("correct horse"))
        // Nor with the file's text at hand: the line holding the secret is not quoted.
        #expect(
            !DiagnosticRenderer(sources: resolution.sources).render(resolution.diagnostics).contains("correct horse"))
        #expect(json.contains("\"code\": \"invalid-passphrase-source\""))
        #expect(json.contains("\"line\": 1"))
        #expect(json.contains("\"column\": 25"))
    }
}
