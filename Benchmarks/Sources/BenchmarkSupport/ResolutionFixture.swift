import Foundation

/// The two-file resolution case: a project file (`tlsconfig.toml` in the working directory)
/// and a user file (`$XDG_CONFIG_HOME/tlsconfig/config.toml`) with 20 host sections between
/// them, under a scratch directory. The resolved host matches an exact section, a wildcard
/// section and the global keys of both files, and its CA file is read by the resolver's
/// checks, so the case covers discovery, parsing, schema decoding, selection and checks.
public struct ResolutionFixture: Sendable {
    public static let hostSections = 20
    /// Matches `[hosts."api-7.example.com"]` (project), `[hosts."*.example.com"]` (user) and
    /// the global keys of both files.
    public static let host = "api-7.example.com:443"

    public let workingDirectory: String
    public let environment: [String: String]
    public let projectFile: String
    public let userFile: String

    public init(in scratch: ScratchDirectory, caFile: String) throws {
        workingDirectory = scratch.file("project/src")
        try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
        environment = [
            "HOME": scratch.file("home"),
            "XDG_CONFIG_HOME": scratch.file("home/.config"),
            "PATH": "/usr/bin:/bin",
            // The project file sets trust: trusted as a user would trust their own checkout.
            "TLSCONFIG_TRUSTED_CONFIG_PATHS": scratch.file("project"),
        ]
        let quotedCA = "\"\(caFile)\""
        var project = """
            # Project settings: 15 host sections.
            min-version = "1.2"
            alpn = ["h2", "http/1.1"]

            """
        for index in 0..<15 {
            project += """

                [hosts."api-\(index).example.com"]
                trust = "system+custom"
                ca-file = \(quotedCA)
                min-version = "1.3"
                server-name = "api-\(index).internal.example.com"

                """
        }
        var user = """
            # User settings: 5 host sections.
            verify = "full"
            ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"

            [hosts."*.example.com"]
            alpn = ["h2"]
            max-version = "1.3"

            """
        for index in 0..<4 {
            user += """

                [hosts."db-\(index).example.net:5432"]
                verify = "no-hostname"
                min-version = "1.2"

                """
        }
        projectFile = try scratch.write("project/tlsconfig.toml", project)
        userFile = try scratch.write("home/.config/tlsconfig/config.toml", user)
    }
}
