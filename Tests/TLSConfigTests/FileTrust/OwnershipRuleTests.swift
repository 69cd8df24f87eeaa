import Foundation
import TestSupport
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// Files found by discovery that someone else could have written are not read: real files,
/// `chown`ed to nobody (the tests run as root in CI; elsewhere they report themselves skipped).
@Suite struct OwnershipRuleTests {
    static let isRoot = geteuid() == 0
    static let nobody: uid_t = 65534

    /// A shared tree: `shared/x/tlsconfig.toml` above the working directory `shared/x/deep`.
    struct SharedTree {
        let root = TemporaryDirectory()
        var home: String { root.path + "/home" }
        var x: String { root.path + "/shared/x" }
        var file: String { x + "/tlsconfig.toml" }

        init(_ text: String = "alpn = \"h2\"\n") {
            _ = root.makeDirectory("home")
            _ = root.makeDirectory("shared/x/deep")
            root.write("shared/x/tlsconfig.toml", text, mode: 0o644)
        }

        func resolve(_ environment: [String: String] = [:]) -> Resolution {
            var configuration = ResolverConfiguration(
                environment: ["HOME": home].merging(environment) { $1 }, workingDirectory: x + "/deep",
                documents: ConfigFileDiscovery(systemDirectory: root.path + "/etc")
            )
            configuration.trustsProjectFiles = true
            return SettingsResolver(configuration).resolve()
        }
    }

    @Test(.enabled(if: isRoot, "chown to another user needs root"))
    func projectFileOfAnotherUserIsNotRead() throws {
        let tree = SharedTree()
        chown(tree.file, Self.nobody, gid_t(Self.nobody))
        let resolution = tree.resolve()
        #expect(resolution.settings.alpn == [], "not read")
        let error = try #require(resolution.diagnostics.first { $0.code == .configFileNotOwned })
        #expect(error.severity == .error)
        #expect(error.message.contains(tree.file) && error.message.contains("nobody"), "\(error.message)")
        #expect(error.help?.contains("safe-directories = [\"\(tree.x)\"]") == true, "\(error.help ?? "")")
        #expect(error.help?.contains("TLSCONFIG_SAFE_DIRECTORIES=\(tree.x)") == true)
        // Following the advice changes the outcome: the variable, or the user's own file.
        #expect(tree.resolve(["TLSCONFIG_SAFE_DIRECTORIES": tree.x]).settings.alpn == ["h2"])
        tree.root.write("home/.config/tlsconfig/config.toml", "safe-directories = [\"\(tree.x)\"]\n")
        let admitted = tree.resolve()
        #expect(admitted.settings.alpn == ["h2"], "\(admitted.diagnostics)")
        #expect(!admitted.hasErrors, "safe-directories is not a setting, and the user's file may hold it")
    }

    @Test(.enabled(if: isRoot, "chown to another user needs root"))
    func projectDirectoryOfAnotherUserIsNotRead() {
        let tree = SharedTree()
        chown(tree.x, Self.nobody, gid_t(Self.nobody))
        let resolution = tree.resolve()
        #expect(resolution.settings.alpn == [])
        #expect(resolution.diagnostics.map(\.code) == [.configFileNotOwned])
        #expect(resolution.diagnostics.first?.message.contains("the directory \"\(tree.x)\"") == true)
    }

    @Test(.enabled(if: isRoot, "chown to another user needs root"))
    func userFileOfAnotherUserIsNotRead() {
        let tree = SharedTree()
        let user = tree.root.write("home/.config/tlsconfig/config.toml", "min-version = \"1.3\"\n", mode: 0o644)
        chown(user, Self.nobody, gid_t(Self.nobody))
        let resolution = tree.resolve()
        #expect(resolution.settings.versions.minimum == .tls1_2)
        #expect(resolution.diagnostics.map(\.code) == [.configFileNotOwned])
    }

    /// A project file cannot vouch for files like itself.
    @Test(.enabled(if: isRoot, "chown to another user needs root"))
    func safeDirectoriesInAProjectFileAreRefused() {
        let tree = SharedTree()
        tree.root.write("shared/x/deep/tlsconfig.toml", "safe-directories = [\"*\"]\nalpn = \"h3\"\n", mode: 0o644)
        chown(tree.root.path + "/shared/x/deep/tlsconfig.toml", Self.nobody, gid_t(Self.nobody))
        // Not read at all: owned by nobody, and what it says about safety is never consulted.
        #expect(tree.resolve().settings.alpn == [])
        chown(tree.root.path + "/shared/x/deep/tlsconfig.toml", 0, 0)
        let own = tree.resolve()
        #expect(own.settings.alpn == ["h3"])
        #expect(own.diagnostics.map(\.code) == [.safeDirectoriesMisplaced])
    }

    /// Group-writable: refused unless the group is the user's own private group (root's, here).
    @Test(.enabled(if: isRoot, "chgrp to another group needs root"))
    func groupWritableFileIsRefusedUnlessTheGroupIsPrivate() {
        let tree = SharedTree()
        chmod(tree.file, 0o664)
        #expect(tree.resolve().settings.alpn == ["h2"], "group root, the private group of root")
        chown(tree.file, 0, gid_t(Self.nobody))
        let resolution = tree.resolve()
        #expect(resolution.settings.alpn == [])
        #expect(resolution.diagnostics.map(\.code) == [.configFileWorldWritable])
        #expect(resolution.diagnostics.first?.help?.contains("chmod g-w \(tree.file)") == true)
        chmod(tree.file, 0o644)
        #expect(tree.resolve().settings.alpn == ["h2"], "following the advice changes the outcome")
    }

    /// A directory anyone may write to lets anyone swap the file; a sticky one (/tmp) does not.
    @Test func worldWritableDirectoryIsRefusedUnlessSticky() {
        let tree = SharedTree()
        chmod(tree.x, 0o777)
        #expect(tree.resolve().settings.alpn == [])
        #expect(tree.resolve().diagnostics.map(\.code) == [.configFileWorldWritable])
        chmod(tree.x, 0o1777)
        #expect(tree.resolve().settings.alpn == ["h2"])
    }

    @Test func safeDirectoriesCoverTheirTreeOnly() {
        var safe = SafeDirectories()
        safe.add("/srv/shared", home: nil)
        safe.add("~/work", home: "/home/me")
        safe.add("relative/ignored", home: nil)
        #expect(safe.covers("/srv/shared/tlsconfig.toml"))
        #expect(safe.covers("/srv/shared/a/b/tlsconfig.toml"))
        #expect(!safe.covers("/srv/sharedother/tlsconfig.toml"))
        #expect(safe.covers("/home/me/work/tlsconfig.toml"))
        #expect(!safe.covers("/relative/ignored/tlsconfig.toml"))
        safe.add("*", home: nil)
        #expect(safe.covers("/anywhere/tlsconfig.toml"))
    }
}
