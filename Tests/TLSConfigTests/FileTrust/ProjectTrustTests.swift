import Foundation
import TestSupport
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// A project file (a cloned repository's) may narrow TLS at once; what weakens verification or
/// changes what is trusted applies only once the user trusted the file.
@Suite struct ProjectTrustTests {
    struct Clone {
        let root = TemporaryDirectory()
        var home: String { root.path + "/home" }
        var repository: String { root.path + "/repo" }
        var file: String { repository + "/tlsconfig.toml" }

        init(_ text: String) {
            _ = root.makeDirectory("home")
            _ = root.makeDirectory("repo/src")
            root.write("repo/ca.pem", FakePEM.certificate)
            root.write("repo/crl.pem", "-----BEGIN X509 CRL-----\nTUlJ\n-----END X509 CRL-----\n")
            root.write("repo/tlsconfig.toml", text, mode: 0o644)
        }

        func resolve(_ environment: [String: String] = [:], trustsAll: Bool = false, host: String? = nil) -> Resolution
        {
            var configuration = ResolverConfiguration(
                environment: ["HOME": home].merging(environment) { $1 }, workingDirectory: repository + "/src",
                documents: ConfigFileDiscovery(systemDirectory: root.path + "/etc")
            )
            configuration.trustsProjectFiles = trustsAll
            let resolver = SettingsResolver(configuration)
            return host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
        }

        /// What `tlsconfig trust` writes.
        func trust() throws {
            var records = ProjectTrustRecords(
                path: try #require(ProjectTrustRecords.location(appName: "tlsconfig", xdgConfigHome: nil, home: home)))
            records.trust(file, digest: SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: file)))))
            #expect(records.save() == nil)
        }
    }

    /// Each key that needs trust, with a value that weakens, and what it looks like applied.
    static let weakening: [(String, @Sendable (TLSSettings) -> Bool)] = [
        ("ca-file = \"ca.pem\"\n", { $0.trust.mode == .custom }),
        ("ca-dir = \".\"\n", { $0.trust.mode == .custom }),
        ("trust = \"system+custom\"\nca-file = \"ca.pem\"\n", { $0.trust.mode == .systemAndCustom }),
        ("verify = \"none\"\n", { $0.verification == .none }),
        ("verify = \"no-hostname\"\n", { $0.verification == .noHostname }),
        ("min-version = \"1.0\"\n", { $0.versions.minimum == .tls1_0 }),
        ("ciphers = \"ALL:@SECLEVEL=0\"\n", { $0.ciphers != nil }),
        ("ciphersuites = \"TLS_AES_128_GCM_SHA256\"\n", { $0.cipherSuites != nil }),
        ("server-name = \"evil.example\"\n", { $0.serverName == "evil.example" }),
        ("[hosts.\"github.com\"]\nca-file = \"ca.pem\"\n", { $0.trust.mode == .custom }),
    ]

    @Test(arguments: weakening.indices)
    func weakeningSettingIsAnErrorUntilTrusted(_ index: Int) throws {
        let (text, applied) = Self.weakening[index]
        let clone = Clone(text)
        let host = text.contains("github.com") ? "github.com" : nil
        let untrusted = clone.resolve(host: host)
        #expect(!applied(untrusted.settings), "\(text): not applied while untrusted")
        let errors = untrusted.diagnostics.filter { $0.code == .untrustedProjectSetting }
        #expect(!errors.isEmpty, "\(text): \(untrusted.diagnostics)")
        for error in errors {
            #expect(error.severity == .error)
            #expect(error.origin?.fileLocation?.path == clone.file, "names file:line:column")
            #expect(error.help?.hasSuffix("tlsconfig trust \(clone.file)") == true, "\(error.help ?? "")")
        }
        try clone.trust()
        let trusted = clone.resolve(host: host)
        #expect(applied(trusted.settings), "\(text): applied once trusted: \(trusted.diagnostics)")
        #expect(!trusted.diagnostics.contains { $0.code == .untrustedProjectSetting })
        #expect(
            trusted.configFiles.first { $0.path == clone.file }?.trust
                == .trusted(by: "recorded in \(clone.home)/.config/tlsconfig/trusted-files"))
        // A change untrusts the file.
        clone.root.write("repo/tlsconfig.toml", text + "# edited\n", mode: 0o644)
        let changed = clone.resolve(host: host)
        #expect(!applied(changed.settings))
        #expect(
            changed.diagnostics.contains {
                $0.code == .untrustedProjectSetting && $0.message.contains("changed since you trusted it")
            })
        #expect(changed.configFiles.first { $0.path == clone.file }?.trust == .changedSinceTrusted)
    }

    /// Narrowing needs no trust.
    @Test func narrowingSettingsApplyUntrusted() {
        let pin = "sha256//" + String(repeating: "A", count: 43) + "="
        let clone = Clone(
            """
            min-version = "1.3"
            max-version = "1.3"
            verify = "full"
            alpn = ["h2"]
            pinned-public-keys = ["\(pin)"]
            crl-file = "crl.pem"

            """)
        let resolution = clone.resolve()
        #expect(!resolution.diagnostics.contains { $0.code == .untrustedProjectSetting }, "\(resolution.diagnostics)")
        #expect(resolution.settings.versions.minimum == .tls1_3)
        #expect(resolution.settings.alpn == ["h2"])
        #expect(resolution.settings.pinnedPublicKeys.count == 1)
        #expect(resolution.settings.crlFile == clone.repository + "/crl.pem")
        #expect(resolution.configFiles.first { $0.path == clone.file }?.trust == .untrusted)
    }

    @Test func theVariableTrustsFilesAndDirectories() {
        let clone = Clone("verify = \"none\"\n")
        #expect(clone.resolve(["TLSCONFIG_TRUSTED_CONFIG_PATHS": clone.file]).settings.verification == .none)
        #expect(
            clone.resolve(["TLSCONFIG_TRUSTED_CONFIG_PATHS": "/elsewhere:" + clone.root.path]).settings.verification
                == .none)
        #expect(
            clone.resolve(["TLSCONFIG_TRUSTED_CONFIG_PATHS": clone.repository + "/src"]).settings.verification == .full,
            "a directory below the file does not cover it")
        #expect(clone.resolve(["TLSCONFIG_TRUSTED_CONFIG_PATHS": "relative/path"]).settings.verification == .full)
        #expect(clone.resolve(trustsAll: true).settings.verification == .none, "a tool in trusted automation")
    }

    /// Files the user chose need no trust: --config, PREFIX_CONFIG, the user's own file.
    @Test func chosenFilesNeedNoTrust() {
        let clone = Clone("alpn = [\"h2\"]\n")
        let other = clone.root.write("chosen.toml", "verify = \"none\"\n")
        #expect(clone.resolve(["TLSCONFIG_CONFIG": other]).settings.verification == .none)
        clone.root.write("home/.config/tlsconfig/config.toml", "verify = \"no-hostname\"\n")
        let user = clone.resolve()
        #expect(user.settings.verification == .noHostname)
        #expect(!user.hasErrors)
    }

    /// Records anyone could write would trust anything: they must be the user's own.
    @Test func recordsOthersCanWriteAreRefused() throws {
        let clone = Clone("verify = \"none\"\n")
        try clone.trust()
        let records = clone.home + "/.config/tlsconfig/trusted-files"
        chmod(records, 0o666)
        let resolution = clone.resolve()
        #expect(resolution.settings.verification == .full)
        #expect(
            resolution.diagnostics.contains {
                $0.code == .configFileWorldWritable && $0.message.contains("trusted-files")
            })
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array(String(repeating: "a", count: 1_000).utf8))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
