import Foundation
import Testing

/// Hostile TOML and YAML files and host patterns, through the real binary: each must end
/// promptly with exit status 1 and an error that cites the file.
@Suite struct HostileConfigFileTests {
    static func toml(_ name: String, _ text: String, codes: Set<String> = []) -> HardeningCase {
        HardeningCase(
            name: "TOML: " + name, files: [.text("tlsconfig.toml", text)], arguments: ["show"],
            origin: "tlsconfig.toml", codes: codes)
    }

    static func tomlBytes(_ name: String, _ bytes: [UInt8], codes: Set<String> = []) -> HardeningCase {
        HardeningCase(
            name: "TOML: " + name, files: [.bytes("tlsconfig.toml", bytes)], arguments: ["show"],
            origin: "tlsconfig.toml", codes: codes)
    }

    static func yaml(_ name: String, _ text: String, codes: Set<String> = []) -> HardeningCase {
        HardeningCase(
            name: "YAML: " + name, files: [.text("tlsconfig.yaml", text)], arguments: ["show"],
            origin: "tlsconfig.yaml", codes: codes)
    }

    static func yamlBytes(_ name: String, _ bytes: [UInt8], codes: Set<String> = []) -> HardeningCase {
        HardeningCase(
            name: "YAML: " + name, files: [.bytes("tlsconfig.yaml", bytes)], arguments: ["show"],
            origin: "tlsconfig.yaml", codes: codes)
    }

    static let syntax: Set<String> = ["config-syntax"]
    static let megabyte = String(repeating: "a", count: 1 << 20)

    static let tomlCases: [HardeningCase] = [
        toml("unterminated string", "verify = \"full\n", codes: syntax),
        toml("unterminated multi-line string", "ciphers = \"\"\"ECDHE\n", codes: syntax),
        toml("unterminated array", "alpn = [\"h2\"\n", codes: syntax),
        toml("unterminated inline table", "hosts = { \"a.example\" = { verify = \"full\" }\n", codes: syntax),
        toml("missing value", "verify =\n", codes: syntax),
        toml("missing equals", "verify \"full\"\n", codes: syntax),
        toml("duplicate key", "verify = \"full\"\nverify = \"none\"\n", codes: syntax),
        toml(
            "duplicate table", "[hosts.\"a.example\"]\nverify = \"full\"\n[hosts.\"a.example\"]\nalpn = \"h2\"\n",
            codes: syntax),
        toml("bare key with a space", "ver ify = \"full\"\n", codes: syntax),
        toml("invalid escape", "server-name = \"a\\qb\"\n", codes: syntax),
        toml("surrogate escape", "server-name = \"\\uD800\"\n", codes: syntax),
        toml("escape beyond Unicode", "server-name = \"\\U00110000\"\n", codes: syntax),
        toml("control character in a string", "server-name = \"a\u{07}b\"\n", codes: syntax),
        toml("escape sequence in a string", "verify = \"\u{1B}[2J\u{1B}]0;owned\u{07}\"\n", codes: syntax),
        toml("carriage return alone", "verify = \"full\"\r", codes: syntax),
        toml("byte order mark mid-file", "verify = \"full\"\n\u{FEFF}alpn = \"h2\"\n", codes: syntax),
        toml("table header unterminated", "[hosts.\"a.example\"\nverify = \"full\"\n", codes: syntax),
        toml("array of tables for hosts", "[[hosts]]\nverify = \"full\"\n"),
        toml("key redefined as table", "hosts = 1\n[hosts.\"a.example\"]\n", codes: syntax),
        toml("leading zero integer", "verify = 007\n", codes: syntax),
        toml("integer overflow", "verify = 99999999999999999999999\n", codes: syntax),
        toml("invalid date", "verify = 2024-13-45T25:61:61Z\n", codes: syntax),
        toml(
            "deeply nested arrays",
            "alpn = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
            codes: syntax),
        toml(
            "deeply nested inline tables",
            "hosts = " + String(repeating: "{ a = ", count: 50_000) + "1" + String(repeating: " }", count: 50_000)
                + "\n"),
        toml("deeply dotted key", (0..<20_000).map { "k\($0)" }.joined(separator: ".") + " = 1\n"),
        toml("a 1 MiB value", "verify = \"\(megabyte)\"\n", codes: ["invalid-value"]),
        toml("a 1 MiB key", "\(megabyte) = 1\n", codes: ["unknown-key"]),
        toml("a 1 MiB comment, then an error", "# \(megabyte)\nverify = \"bogus\"\n", codes: ["invalid-value"]),
        toml("unknown key", "ca-fiel = \"ca.pem\"\n", codes: ["unknown-key"]),
        toml("boolean for verify", "verify = true\n", codes: ["wrong-type", "invalid-value"]),
        toml("bogus verify", "verify = \"sometimes\"\n", codes: ["invalid-value"]),
        toml("float version", "min-version = 1.2\n", codes: ["wrong-type", "invalid-value"]),
        toml("unknown version", "min-version = \"1.4\"\n", codes: ["invalid-value"]),
        toml("inverted version range", "min-version = \"1.3\"\nmax-version = \"1.2\"\n"),
        toml("trust as a list", "trust = [\"system\"]\n", codes: ["wrong-type", "invalid-value"]),
        toml("ca-file as an integer", "ca-file = 42\n", codes: ["wrong-type"]),
        toml("ca-file as a table", "ca-file = { path = \"x\" }\n", codes: ["wrong-type"]),
        toml("ca-file list of integers", "ca-file = [1, 2]\n", codes: ["wrong-type"]),
        toml("ca-file with a NUL escape", "ca-file = \"ca\\u0000.pem\"\n"),
        toml("ca-file missing", "ca-file = \"does/not/exist.pem\"\n", codes: ["path-not-found"]),
        toml("nested alpn list", "alpn = [[\"h2\"]]\n", codes: ["wrong-type"]),
        toml(
            "ALPN longer than 255 bytes", "alpn = \"\(String(repeating: "p", count: 300))\"\n", codes: ["invalid-value"]
        ),
        toml("bad pin", "pinned-public-keys = \"sha1//AAAA\"\n", codes: ["invalid-pin"]),
        toml(
            "passphrase instead of a source", "client-key-passphrase = \"hunter2\"\n",
            codes: ["invalid-passphrase-source"]),
        toml("hosts as a string", "hosts = \"a.example\"\n", codes: ["wrong-type"]),
        toml("host section as a string", "[hosts]\n\"a.example\" = \"full\"\n", codes: ["wrong-type"]),
        toml("date-time value", "server-name = 1979-05-27T07:32:00Z\n", codes: ["wrong-type"]),
        toml(
            "10,000 host sections, the last one bad",
            (0..<10_000).map { "[hosts.\"h\($0).example.com\"]\nalpn = \"p\($0)\"\n" }.joined()
                + "[hosts.\"last.example.com\"]\nverify = \"bogus\"\n", codes: ["invalid-value"]),
        toml(
            "10,000 host sections, one pattern twice",
            (0..<10_000).map { "[hosts.\"h\($0).example.com\"]\nalpn = \"p\($0)\"\n" }.joined()
                + "[hosts.\"H9999.EXAMPLE.COM.\"]\nalpn = \"x\"\n"),
        tomlBytes("NUL byte", Array("verify = \"full\"\u{0}\n".utf8), codes: syntax),
        tomlBytes("NUL byte in a key", Array("ver\u{0}ify = \"full\"\n".utf8), codes: syntax),
        tomlBytes(
            "invalid UTF-8", Array("verify = \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8),
            codes: ["config-file-invalid-utf8"]),
        tomlBytes(
            "overlong UTF-8", Array("verify = \"".utf8) + [0xC0, 0xAF] + Array("\"\n".utf8),
            codes: ["config-file-invalid-utf8"]),
        tomlBytes(
            "UTF-16 file",
            [0xFF, 0xFE] + Array("verify = \"full\"\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            codes: ["config-file-invalid-utf8", "config-syntax"]),
        tomlBytes(
            "truncated UTF-8 at the end", Array("verify = \"full\"\n# \u{E9}".utf8).dropLast(),
            codes: ["config-file-invalid-utf8"]),
    ]

    static let yamlCases: [HardeningCase] = {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in "bcdefghij" {
            bomb +=
                "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = String(level)
        }
        return [
            yaml("alias bomb", bomb, codes: syntax),
            yaml("self-referencing alias", "alpn: &a [*a]\n", codes: syntax),
            yaml("undefined alias", "verify: *nope\n", codes: syntax),
            yaml(
                "deeply nested flow sequences",
                "alpn: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
                codes: syntax),
            yaml(
                "deeply nested flow mappings",
                "hosts: " + String(repeating: "{a: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000)
                    + "\n", codes: syntax),
            yaml(
                "deeply nested block mappings",
                (0..<5_000).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()
                    + String(repeating: " ", count: 5_000) + "v: 1\n"),
            yaml("tab indentation", "hosts:\n\ta.example:\n\t\tverify: full\n", codes: syntax),
            yaml("unterminated quote", "verify: \"full\n", codes: syntax),
            yaml("unterminated flow sequence", "alpn: [h2, http/1.1\n", codes: syntax),
            yaml("unknown tag", "ca-file: !include other.yaml\n", codes: syntax),
            yaml("binary tag", "ca-file: !!binary aGVsbG8=\n"),
            yaml("two documents", "verify: full\n---\nverify: none\n", codes: syntax),
            yaml("duplicate key", "verify: full\nverify: none\n", codes: syntax),
            yaml("merge key", "base: &b {verify: full}\n<<: *b\n"),
            yaml("complex key", "? [a, b]\n: full\n"),
            yaml("top-level sequence", "- verify: full\n"),
            yaml("top-level scalar", "just text\n"),
            yaml("boolean for verify", "verify: true\n", codes: ["wrong-type", "invalid-value"]),
            yaml("null for verify", "verify: null\n", codes: ["wrong-type", "invalid-value"]),
            yaml("yes for verify", "verify: yes\n", codes: ["invalid-value", "wrong-type"]),
            yaml("mapping for ca-file", "ca-file: {a: 1}\n", codes: ["wrong-type"]),
            yaml(
                "huge integer", "min-version: 99999999999999999999999999999\n", codes: ["wrong-type", "invalid-value"]),
            yaml("escape sequence in a value", "verify: \"\\e[2J\"\n", codes: ["invalid-value"]),
            yaml("raw control character", "verify: \"\u{1B}[31mred\"\n", codes: syntax),
            yaml("unknown key", "ca_file: ca.pem\n", codes: ["unknown-key"]),
            yaml(
                "passphrase instead of a source", "client-key-passphrase: hunter2\n",
                codes: ["invalid-passphrase-source"]),
            yaml("a 1 MiB value", "verify: \(megabyte)\n", codes: ["invalid-value"]),
            yaml("a 1 MiB anchor name", "verify: &\(megabyte) bogus\n"),
            yaml(
                "10,000 host sections, the last one bad",
                "hosts:\n" + (0..<10_000).map { "  h\($0).example.com:\n    alpn: p\($0)\n" }.joined()
                    + "  last.example.com:\n    verify: bogus\n", codes: ["invalid-value"]),
            yaml(
                "10,000 anchors and aliases",
                (0..<10_000).map { "k\($0): &a\($0) v\n" }.joined() + "alpn: ["
                    + (0..<10_000).map { "*a\($0)" }.joined(separator: ", ") + "]\n"),
            yamlBytes("NUL byte", Array("verify: full\u{0}\n".utf8), codes: syntax),
            yamlBytes(
                "invalid UTF-8", Array("verify: ".utf8) + [0xFF, 0xFE, 0x0A], codes: ["config-file-invalid-utf8"]),
            yamlBytes(
                "lone continuation byte", Array("alpn: h".utf8) + [0x80, 0x0A], codes: ["config-file-invalid-utf8"]),
        ]
    }()

    static func hostPattern(_ pattern: String) -> HardeningCase {
        HardeningCase(
            name: "host pattern \(pattern.debugDescription)",
            files: [.text("tlsconfig.toml", "[hosts.\(pattern.debugDescription)]\nverify = \"full\"\n")],
            arguments: ["show"], origin: "tlsconfig.toml"
        )
    }

    static let hostPatternCases: [HardeningCase] =
        [
            "", " ", "*", "*.", "**.example.com", "*.*.example.com", "a.*.example.com", "*example.com", "a..b",
            ".example.com",
            "example.com:0", "example.com:65536", "example.com:abc", "example.com:", "example.com:-1",
            "example.com:1:2",
            "[::1", "[zz::1]", "[::1]x", "[::1]:", "[::1]:99999", "1.2.3.999", "-bad.example", "bad-.example",
            "a b.example", "ex\tample.com", "h\u{E9}llo.example", String(repeating: "a", count: 64) + ".example",
            (0..<130).map { _ in "a" }.joined(separator: "."), "exa_mple.com/path", "user@example.com",
            "http://example.com",
        ].map(hostPattern) + [
            HardeningCase(
                name: "host pattern twice after normalising",
                files: [
                    .text(
                        "tlsconfig.toml",
                        "[hosts.\"Example.COM.\"]\nverify = \"full\"\n[hosts.\"example.com\"]\nalpn = \"h2\"\n")
                ],
                arguments: ["show"], origin: "tlsconfig.toml"
            ),
            HardeningCase(
                name: "host pattern twice across TOML and YAML spellings",
                files: [
                    .text(
                        "tlsconfig.yaml",
                        "hosts:\n  \"[::1]:443\": {verify: full}\n  \"[0:0::1]:443\": {verify: none}\n")
                ],
                arguments: ["show"], origin: "tlsconfig.yaml"
            ),
            HardeningCase(
                name: "host given to --host with a space", arguments: ["show", "--host", "a b"], origin: "a b"),
            HardeningCase(
                name: "host given to --host with a wildcard", arguments: ["show", "--host", "*.example.com"],
                origin: "*.example.com"),
            HardeningCase(
                name: "host given to connect, empty port", arguments: ["connect", "example.com:"],
                origin: "example.com:"),
        ]

    @Test(arguments: tomlCases)
    func toml(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }

    @Test(arguments: yamlCases)
    func yaml(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }

    @Test(arguments: hostPatternCases)
    func hostPatterns(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }
}
