import Foundation
import Testing

/// Files that are not what they claim: huge, special, looping, unreadable. None may block
/// or be read whole; each is refused with an error naming where it was configured.
@Suite struct HostileFileSystemTests {
    static let hundredMiB = 100 << 20

    /// `variable` names `file` (written at `name`); `extra` adds variables.
    static func named(
        _ what: String, _ variable: String, _ file: HardeningFile?, path: String? = nil, extra: [String: String] = [:],
        arguments: [String] = ["show"], codes: Set<String> = [], unprivileged: Bool = false
    ) -> HardeningCase {
        HardeningCase(
            name: "\(variable): \(what)", files: file.map { [$0] } ?? [],
            environment: extra.merging([variable: path ?? "$TMP/\(file?.name ?? "missing")"]) { $1 },
            arguments: arguments, origin: variable, codes: codes, needsUnprivilegedUser: unprivileged
        )
    }

    static let sparse = HardeningFile(name: "huge", kind: .sparse(hundredMiB))
    static let fifo = HardeningFile(name: "fifo", kind: .fifo)
    static let socket = HardeningFile(name: "socket", kind: .socket)
    static let directory = HardeningFile(name: "folder", kind: .directory)
    static let loop = [
        HardeningFile(name: "loop-a", kind: .symlink(to: "$TMP/loop-b")),
        HardeningFile(name: "loop-b", kind: .symlink(to: "$TMP/loop-a")),
    ]
    static let dangling = HardeningFile(name: "dangling", kind: .symlink(to: "$TMP/nowhere"))
    static let unreadable = HardeningFile(name: "secret", kind: .unreadable(Array("verify = \"full\"\n".utf8)))

    static let tooLarge: Set<String> = ["file-too-large", "config-file-too-large"]
    static let special: Set<String> = ["not-a-regular-file", "config-file-unreadable"]

    static let cases: [HardeningCase] = {
        var cases: [HardeningCase] = []
        // Every file-valued variable, against every kind of hostile file.
        let fileVariables = [
            "SSL_CERT_FILE", "TLSCONFIG_CA_FILE", "SSL_CLIENT_CERT", "TLSCONFIG_CRL_FILE", "TLSCONFIG_CONFIG",
        ]
        for variable in fileVariables {
            let command = variable == "TLSCONFIG_CONFIG" ? ["show"] : ["check"]
            cases.append(named("100 MiB sparse file", variable, sparse, arguments: command, codes: tooLarge))
            cases.append(named("FIFO", variable, fifo, arguments: command, codes: special))
            cases.append(named("socket", variable, socket, arguments: command, codes: special))
            cases.append(named("/dev/zero", variable, nil, path: "/dev/zero", arguments: command, codes: special))
            cases.append(named("directory", variable, directory, arguments: command, codes: special))
            cases.append(
                HardeningCase(
                    name: "\(variable): symlink loop", files: loop, environment: [variable: "$TMP/loop-a"],
                    arguments: command, origin: variable,
                    codes: ["path-unreadable", "config-file-unreadable"]
                ))
            cases.append(
                named(
                    "dangling symlink", variable, dangling, arguments: command,
                    codes: ["path-not-found", "config-file-not-found"]))
            cases.append(
                named(
                    "unreadable file", variable, unreadable, arguments: command,
                    codes: ["path-unreadable", "config-file-unreadable"], unprivileged: true))
        }
        // A client key and a passphrase file next to a good certificate.
        let certificate = ["TLSCONFIG_CLIENT_CERT": "$PKI/client-chain.pem"]
        for (what, file, path) in [
            ("FIFO", fifo, nil), ("socket", socket, nil), ("/dev/zero", nil, "/dev/zero"),
            ("directory", directory, nil), ("100 MiB sparse file", sparse, nil),
        ] as [(String, HardeningFile?, String?)] {
            cases.append(
                named(what, "TLSCONFIG_CLIENT_KEY", file, path: path, extra: certificate, arguments: ["check"]))
        }
        // CA directories.
        cases.append(named("FIFO", "TLSCONFIG_CA_DIR", fifo, codes: ["not-a-directory"]))
        cases.append(named("socket", "TLSCONFIG_CA_DIR", socket, codes: ["not-a-directory"]))
        cases.append(named("/dev/zero", "SSL_CERT_DIR", nil, path: "/dev/zero", codes: ["not-a-directory"]))
        // The passphrase source and the trust records.
        let encrypted = ["TLSCONFIG_CLIENT_CERT": "$PKI/client-encrypted-combined.pem"]
        for (what, file, path) in [("FIFO", fifo, nil), ("socket", socket, nil), ("/dev/zero", nil, "/dev/zero")]
            as [(String, HardeningFile?, String?)]
        {
            cases.append(
                named(
                    what, "TLSCONFIG_CLIENT_KEY_PASSPHRASE", file, path: "file:" + (path ?? "$TMP/\(file!.name)"),
                    extra: encrypted, arguments: ["check"]))
        }
        cases.append(
            HardeningCase(
                name: "trust records: a FIFO",
                files: [
                    HardeningFile(name: "xdg/tlsconfig/trusted-files", kind: .fifo),
                    .text("tlsconfig.toml", "verify = \"none\"\n"),
                ],
                environment: ["TLSCONFIG_TRUSTED_CONFIG_PATHS": ""], arguments: ["show"], origin: "trusted-files",
                codes: ["trust-records-unusable"]
            ))
        cases.append(
            HardeningCase(
                name: "--config: socket", files: [socket], arguments: ["show", "--config", "$TMP/socket"],
                origin: "socket", codes: special))
        cases.append(
            HardeningCase(
                name: "project file: tlsconfig.toml is a socket",
                files: [HardeningFile(name: "tlsconfig.toml", kind: .socket)], arguments: ["show"],
                origin: "tlsconfig.toml", codes: special))
        cases.append(
            HardeningCase(
                name: "TLSCONFIG_CA_DIR: symlink loop", files: loop, environment: ["TLSCONFIG_CA_DIR": "$TMP/loop-a"],
                arguments: ["check"], origin: "TLSCONFIG_CA_DIR"))
        cases.append(
            HardeningCase(
                name: "TLSCONFIG_CA_DIR: holds only a FIFO, a loop and a huge file",
                files: [
                    HardeningFile(name: "cas/x.pem", kind: .fifo),
                    HardeningFile(name: "cas/y.pem", kind: .symlink(to: "$TMP/cas/y.pem")),
                    HardeningFile(name: "cas/z.pem", kind: .sparse(hundredMiB)),
                ],
                environment: ["TLSCONFIG_CA_DIR": "$TMP/cas"], arguments: ["check"], origin: "TLSCONFIG_CA_DIR"
            ))
        // Config files found or named other ways.
        cases.append(
            HardeningCase(
                name: "--config: 100 MiB sparse file", files: [sparse], arguments: ["show", "--config", "$TMP/huge"],
                origin: "huge", codes: tooLarge))
        cases.append(
            HardeningCase(
                name: "--config: FIFO", files: [fifo], arguments: ["show", "--config", "$TMP/fifo"], origin: "fifo",
                codes: special))
        cases.append(
            HardeningCase(
                name: "project file: 100 MiB sparse tlsconfig.toml",
                files: [HardeningFile(name: "tlsconfig.toml", kind: .sparse(hundredMiB))], arguments: ["show"],
                origin: "tlsconfig.toml", codes: tooLarge))
        cases.append(
            HardeningCase(
                name: "project file: tlsconfig.toml is a FIFO",
                files: [HardeningFile(name: "tlsconfig.toml", kind: .fifo)], arguments: ["show"],
                origin: "tlsconfig.toml", codes: special))
        cases.append(
            HardeningCase(
                name: "project file: tlsconfig.yaml is a symlink loop",
                files: [HardeningFile(name: "tlsconfig.yaml", kind: .symlink(to: "$TMP/tlsconfig.yaml"))],
                arguments: ["show"], origin: "tlsconfig.yaml"))
        cases.append(
            HardeningCase(
                name: "project file: tlsconfig.toml is a directory",
                files: [HardeningFile(name: "tlsconfig.toml", kind: .directory)], arguments: ["show"],
                origin: "tlsconfig.toml"))
        cases.append(
            HardeningCase(
                name: "user file: config.toml is /dev/zero",
                files: [HardeningFile(name: "xdg/tlsconfig/config.toml", kind: .symlink(to: "/dev/zero"))],
                arguments: ["show"], origin: "config.toml", codes: special))
        cases.append(
            HardeningCase(
                name: "config file names a FIFO as ca-file",
                files: [fifo, .text("tlsconfig.toml", "ca-file = \"fifo\"\n")], arguments: ["check"],
                origin: "tlsconfig.toml", codes: ["not-a-regular-file"]))
        cases.append(
            HardeningCase(
                name: "config file names /dev/zero as client-cert",
                files: [.text("tlsconfig.toml", "client-cert = \"/dev/zero\"\n")], arguments: ["check"],
                origin: "tlsconfig.toml", codes: ["not-a-regular-file"]))
        return cases
    }()

    @Test(arguments: cases)
    func specialFiles(_ hostile: HardeningCase) throws {
        try HardeningRunner.run(hostile)
    }
}
