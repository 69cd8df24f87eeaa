import TestSupport
import Foundation
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// Discovery against real files, with HOME, XDG_CONFIG_HOME and the system folder injected.
@Suite struct DiscoveryTests {
    /// A machine in a temporary directory: home, project tree, /etc stand-in.
    struct Machine {
        let root = TemporaryDirectory()
        var home: String { root.path + "/home" }
        var project: String { root.path + "/project" }
        var etc: String { root.path + "/etc" }

        init() {
            _ = root.makeDirectory("home")
            _ = root.makeDirectory("project/src/deep")
            _ = root.makeDirectory("etc")
            root.write("project/ca.pem", FakePEM.certificate)
        }

        func resolve(
            environment: [String: String] = [:], cwd: String? = nil, configFile: String? = nil,
            discovery: ConfigFileDiscovery? = nil, app: String = "tlsconfig", host: String? = nil,
            trustingProjectFiles: Bool = true
        ) -> Resolution {
            var env = ["HOME": home]
            env.merge(environment) { $1 }
            // These tests are about where files are found; the trust rule has its own suite.
            var configuration = ResolverConfiguration(
                appName: app, environment: env, workingDirectory: cwd ?? project + "/src/deep",
                configFile: configFile, documents: discovery ?? ConfigFileDiscovery(systemDirectory: etc)
            )
            configuration.trustsProjectFiles = trustingProjectFiles
            let resolver = SettingsResolver(configuration)
            return host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
        }
    }

    @Test func projectFileIsFoundWalkingUp() {
        let machine = Machine()
        let path = machine.root.write("project/tlsconfig.toml", "verify = \"no-hostname\"\n")
        let resolution = machine.resolve()
        #expect(resolution.settings.verification == .noHostname)
        #expect(
            resolution.origin(of: .verify)
                == .file(FileLocation(path: path, span: SourceSpan(line: 1, column: 10, length: 13), scope: .project)))
        var found = ConfigFileCandidate(path: path, scope: .project, exists: true, reason: "nearest project file")
        found.trust = .trusted(by: "the tool accepts project files")
        #expect(resolution.configFiles.contains(found))
    }

    @Test func nearestProjectFileWins() {
        let machine = Machine()
        machine.root.write("project/tlsconfig.toml", "verify = \"none\"\n")
        machine.root.write("project/src/.tlsconfig.yaml", "verify: no-hostname\n")
        let resolution = machine.resolve()
        #expect(resolution.settings.verification == .noHostname)
        #expect(resolution.origin(of: .verify).fileLocation?.path == machine.project + "/src/.tlsconfig.yaml")
    }

    @Test func twoFilesInOneScopeAreAnErrorNamingBoth() {
        let machine = Machine()
        let toml = machine.root.write("project/tlsconfig.toml", "verify = \"none\"\n")
        let yaml = machine.root.write("project/tlsconfig.yaml", "verify: none\n")
        let resolution = machine.resolve()
        #expect(resolution.diagnostics.map(\.code) == [.conflictingConfigFiles])
        let message = resolution.diagnostics.first?.message ?? ""
        #expect(message.contains(toml) && message.contains(yaml))
        #expect(resolution.settings.verification == .full)
    }

    @Test func userFileFromXDGOrHome() {
        let machine = Machine()
        let homeFile = machine.root.write("home/.config/tlsconfig/config.yaml", "alpn: [h2]\n")
        #expect(machine.resolve().origin(of: .alpn).fileLocation?.path == homeFile)
        let xdgFile = machine.root.write("xdg/tlsconfig/config.toml", "alpn = \"http/1.1\"\n")
        let resolution = machine.resolve(environment: ["XDG_CONFIG_HOME": machine.root.path + "/xdg"])
        #expect(resolution.settings.alpn == ["http/1.1"])
        #expect(resolution.origin(of: .alpn).fileLocation?.path == xdgFile)
        #expect(resolution.origin(of: .alpn).fileLocation?.scope == .user)
    }

    @Test func scopesMergeAndRankExplicitProjectUserSystem() {
        let machine = Machine()
        machine.root.write(
            "etc/tlsconfig/config.toml",
            "alpn = \"system\"\nmin-version = \"1.3\"\nserver-name = \"sys.test\"\nciphersuites = \"TLS_AES_128_GCM_SHA256\"\n"
        )
        machine.root.write(
            "home/.config/tlsconfig/config.toml",
            "alpn = \"user\"\nmin-version = \"1.2\"\nserver-name = \"user.test\"\n")
        machine.root.write("project/tlsconfig.toml", "alpn = \"project\"\nmin-version = \"1.3\"\n")
        let explicit = machine.root.write("explicit.toml", "alpn = \"explicit\"\n")
        let resolution = machine.resolve(configFile: explicit)
        #expect(resolution.settings.alpn == ["explicit"])
        #expect(resolution.value(.minVersion).origin.fileLocation?.scope == .project)
        #expect(resolution.value(.serverName).origin.fileLocation?.scope == .user)
        #expect(resolution.value(.ciphersuites).origin.fileLocation?.scope == .system)
        #expect(resolution.value(.alpn).losers.map(\.candidate.display) == ["project", "user", "system"])
    }

    @Test func configFlagOutranksConfigVariable() {
        let machine = Machine()
        let flag = machine.root.write("flag.toml", "alpn = \"flag\"\n")
        let variable = machine.root.write("variable.toml", "alpn = \"variable\"\n")
        let both = machine.resolve(environment: ["TLSCONFIG_CONFIG": variable], configFile: flag)
        #expect(both.settings.alpn == ["flag"])
        #expect(
            both.environment.first { $0.name == "TLSCONFIG_CONFIG" }?.status
                == .ignored(variable, reason: "--config was given and takes precedence"))
        let onlyVariable = machine.resolve(environment: ["TLSCONFIG_CONFIG": variable])
        #expect(onlyVariable.settings.alpn == ["variable"])
    }

    @Test func missingExplicitFileIsAnErrorMissingDiscoveredOneIsNot() {
        let machine = Machine()
        let none = machine.resolve()
        #expect(none.diagnostics.isEmpty)
        #expect(none.configFiles.contains { !$0.exists && $0.scope == .user })
        #expect(none.configFiles.contains { !$0.exists && $0.scope == .system })
        let missing = machine.resolve(environment: ["TLSCONFIG_CONFIG": "nope.toml"])
        #expect(missing.diagnostics.map(\.code) == [.configFileNotFound])
        #expect(missing.diagnostics.first?.origin == .environment(variable: "TLSCONFIG_CONFIG"))
        #expect(
            DiagnosticRenderer().render(missing.diagnostics) == """
                error[config-file-not-found]: configuration file "nope.toml" not found
                 --> environment variable TLSCONFIG_CONFIG
                  = note: resolved to \(machine.project)/src/deep/nope.toml
                  = help: fix the path, or drop the option that names it

                """)
    }

    @Test func appNameChoosesFilesAndPrefix() {
        let machine = Machine()
        machine.root.write("project/mytool.toml", "alpn = \"mine\"\n")
        machine.root.write("project/tlsconfig.toml", "alpn = \"other\"\n")
        let resolution = machine.resolve(environment: ["MYTOOL_ALPN": "env"], app: "mytool")
        #expect(resolution.settings.alpn == ["env"])
        #expect(resolution.value(.alpn).losers.map(\.candidate.display) == ["mine"])
    }

    @Test func hostToolTableInsideItsOwnFile() {
        let machine = Machine()
        let pyproject = machine.root.write(
            "project/pyproject.toml",
            """
            [project]
            name = "demo"

            [tool.mytool.tls]
            ca-file = "ca.pem"

            [tool.mytool.tls.hosts."*.internal"]
            verify = "no-hostname"

            """)
        let discovery = ConfigFileDiscovery(
            projectFileNames: ["pyproject.toml"], tablePath: ["tool", "mytool", "tls"], systemDirectory: machine.etc)
        let resolution = machine.resolve(discovery: discovery, app: "mytool", host: "db.internal")
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
        #expect(resolution.settings.trust.caFiles == [machine.project + "/ca.pem"])
        #expect(resolution.settings.verification == .noHostname)
        #expect(
            resolution.origin(of: .caFile).fileLocation
                == FileLocation(path: pyproject, span: SourceSpan(line: 5, column: 11, length: 8), scope: .project))

        machine.root.write("project/pyproject.toml", "[project]\nname = \"no tls table\"\n")
        #expect(machine.resolve(discovery: discovery, app: "mytool").diagnostics.isEmpty)

        machine.root.write("project/pyproject.toml", "[tool.mytool]\ntls = 3\n")
        #expect(machine.resolve(discovery: discovery, app: "mytool").diagnostics.map(\.code) == [.wrongType])
    }

    @Test func invalidUTF8IsAnErrorWithTheByteOffset() throws {
        let machine = Machine()
        let path = machine.project + "/tlsconfig.toml"
        try Data("alpn = \"h2\"\n# caf".utf8 + [0xC3, 0x28] + Array("\n".utf8)).write(to: URL(fileURLWithPath: path))
        let resolution = machine.resolve()
        #expect(resolution.diagnostics.map(\.code) == [.configFileInvalidUTF8])
        #expect(resolution.diagnostics.first?.message.contains("byte offset 17, line 2, column 6") == true)
    }

    @Test func oversizedFileIsRefused() {
        let machine = Machine()
        machine.root.write("project/tlsconfig.toml", String(repeating: "# padding\n", count: 2000))
        let discovery = ConfigFileDiscovery(systemDirectory: machine.etc, maximumSize: 1024)
        let resolution = machine.resolve(discovery: discovery)
        #expect(resolution.diagnostics.map(\.code) == [.configFileTooLarge])
    }

    /// A discovered file anyone can write is not read; one you named is read, with a warning.
    @Test func worldWritableConfigIsRefusedWhenFoundAndWarnedWhenNamed() {
        let machine = Machine()
        let path = machine.root.write("project/tlsconfig.toml", "alpn = \"h2\"\n", mode: 0o666)
        let found = machine.resolve()
        #expect(found.diagnostics.map(\.code) == [.configFileWorldWritable])
        #expect(found.diagnostics.first?.severity == .error)
        #expect(found.settings.alpn == [], "a refused file is not read")
        #expect(found.diagnostics.first?.help?.contains("chmod o-w \(path)") == true)
        let named = machine.resolve(cwd: machine.root.path, configFile: path)
        #expect(named.diagnostics.map(\.code) == [.configFileWorldWritable])
        #expect(named.diagnostics.first?.severity == .warning)
        #expect(named.settings.alpn == ["h2"])
    }

    /// Parsed files are cached by identity: an edited file is read again, a replaced one too.
    @Test func editedFileIsReadAgain() throws {
        let machine = Machine()
        let path = machine.root.write("project/tlsconfig.toml", "alpn = \"h2\"\n")
        #expect(machine.resolve().settings.alpn == ["h2"])
        #expect(machine.resolve().settings.alpn == ["h2"], "served from the cache")
        machine.root.write("project/tlsconfig.toml", "alpn = \"http/1.1\"\n")
        #expect(machine.resolve().settings.alpn == ["http/1.1"])
        try FileManager.default.removeItem(atPath: path)
        machine.root.write("project/tlsconfig.toml", "alpn = \"h3\"\n")
        #expect(machine.resolve().settings.alpn == ["h3"])
        // The same file seen with another HOME decodes `~` again.
        machine.root.write("project/tlsconfig.toml", "ca-file = \"~/ca.pem\"\n")
        #expect(machine.resolve().settings.trust.caFiles == [machine.home + "/ca.pem"])
        #expect(machine.resolve(environment: ["HOME": "/elsewhere"]).settings.trust.caFiles == ["/elsewhere/ca.pem"])
    }

    @Test func directoryGivenAsConfigFileIsRefused() {
        let machine = Machine()
        let resolution = machine.resolve(configFile: machine.project)
        #expect(resolution.diagnostics.map(\.code) == [.configFileUnreadable])
        #expect(resolution.diagnostics.first?.message.contains("is a directory") == true)
    }
}
