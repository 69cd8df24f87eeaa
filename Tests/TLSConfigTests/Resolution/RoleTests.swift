import Testing
@_spi(Plumbing) @testable import TLSConfig

/// The role decides which keys apply: each key of the other role is an error naming what to
/// write instead, from a file, a variable or code.
@Suite struct RoleTests {
    static let values: [SettingKey: String] = [
        .clientCert: "c.pem", .clientKey: "c.key", .clientKeyPassphrase: "env:X", .verify: "none",
        .serverName: "a.example",
        .pinnedPublicKeys: "sha256//" + String(repeating: "A", count: 43) + "=",
        .cert: "s.pem", .key: "s.key", .keyPassphrase: "env:X", .clientAuth: "required",
    ]

    func resolve(_ key: SettingKey, role: TLSRole, inFile: Bool) -> Resolution {
        var builder = DocumentBuilder(path: "/work/tlsconfig.toml", scope: .explicit)
        var environment: [String: String] = [:]
        if inFile {
            builder.set(key.rawValue, Self.values[key]!)
        } else {
            environment[key.environmentVariable(prefix: "TLSCONFIG")] = Self.values[key]!
        }
        let resolver = makeResolver(environment: environment, documents: inFile ? [builder.document] : [])
        var configuration = resolver.configuration
        configuration.role = role
        return SettingsResolver(configuration).resolve()
    }

    static let clientOnly = SettingKey.allCases.filter { $0.roles == [.client] }
    static let serverOnly = SettingKey.allCases.filter { $0.roles == [.server] }

    @Test(arguments: clientOnly, [true, false])
    func aClientKeyInAServersSettingsIsAnError(_ key: SettingKey, inFile: Bool) throws {
        let resolution = resolve(key, role: .server, inFile: inFile)
        let error = try #require(resolution.diagnostics.first { $0.code == .settingNotForRole }, "\(key)")
        #expect(error.severity == .error)
        #expect(error.message == "\(key) is a client setting, and these settings are for a server")
        if let replacement = key.counterpart(in: .server).key {
            let spelled = inFile ? replacement.rawValue : replacement.environmentVariable(prefix: "TLSCONFIG")
            #expect(error.help?.hasPrefix("did you mean \(spelled)?") == true, "\(error.help ?? "")")
        } else {
            #expect(error.help?.isEmpty == false)
        }
        #expect(
            resolution.settings.identity == nil && resolution.settings.verification == .full
                && resolution.settings.serverName == nil)
    }

    @Test(arguments: serverOnly, [true, false])
    func aServerKeyInAClientsSettingsIsAnError(_ key: SettingKey, inFile: Bool) throws {
        let resolution = resolve(key, role: .client, inFile: inFile)
        let error = try #require(resolution.diagnostics.first { $0.code == .settingNotForRole }, "\(key)")
        #expect(error.message == "\(key) is a server setting, and these settings are for a client")
        let replacement = try #require(key.counterpart(in: .client).key)
        #expect(
            error.help?.contains(inFile ? replacement.rawValue : replacement.environmentVariable(prefix: "TLSCONFIG"))
                == true)
        #expect(resolution.settings.identity == nil)
    }

    @Test func theServersOwnKeysMakeItsIdentity() {
        var builder = DocumentBuilder(path: "/work/tlsconfig.toml", scope: .explicit)
        builder.set("cert", "s.pem")
        builder.set("key", "s.key")
        builder.set("key-passphrase", "env:PASS")
        builder.set("client-auth", "optional")
        builder.set("ca-file", "clients.pem")
        var configuration = makeResolver(documents: [builder.document]).configuration
        configuration.role = .server
        let resolution = SettingsResolver(configuration).resolve()
        #expect(resolution.settings.role == .server)
        #expect(
            resolution.settings.identity
                == ClientIdentity(
                    certificateFile: "/work/s.pem", keyFile: "/work/s.key", passphrase: .environment("PASS")))
        #expect(resolution.settings.clientAuthentication == .optional)
        #expect(resolution.settings.trust.caFiles == ["/work/clients.pem"])
        #expect(!resolution.diagnostics.contains { $0.code == .settingNotForRole })
    }
}
