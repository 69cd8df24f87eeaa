import Testing
@_spi(Plumbing) @testable import TLSConfig

@Suite struct HostSpecificityTests {
    /// (host being resolved, patterns present, the pattern expected to win or nil for global).
    static let table: [(String, [String], String?)] = [
        ("api.example.com", ["api.example.com", "*.example.com"], "api.example.com"),
        ("api.example.com", ["*.example.com", "api.example.com:443"], "*.example.com"),
        ("api.example.com:443", ["api.example.com", "api.example.com:443"], "api.example.com:443"),
        ("api.example.com:8443", ["api.example.com", "api.example.com:443"], "api.example.com"),
        ("a.b.example.com", ["*.example.com", "*.b.example.com"], "*.b.example.com"),
        ("a.b.example.com", ["*.example.com"], nil),
        ("example.com", ["*.example.com"], nil),
        ("x.example.com:443", ["*.example.com", "*.example.com:443"], "*.example.com:443"),
        ("x.example.com:443", ["*.example.com:443", "x.example.com"], "x.example.com"),
        ("API.Example.COM.", ["api.example.com"], "api.example.com"),
        ("api.example.com", ["API.EXAMPLE.COM."], "API.EXAMPLE.COM."),
        ("10.0.0.1:5432", ["10.0.0.1"], "10.0.0.1"),
        ("10.0.0.1", ["*.0.0.1"], nil),
        ("[::1]:8443", ["[0:0::1]"], "[0:0::1]"),
        ("[::1]:8443", ["[::1]:443"], nil),
        ("::1", ["[::1]"], "[::1]"),
        ("other.org", ["api.example.com", "*.example.com"], nil),
    ]

    @Test(arguments: table)
    func mostSpecificSectionWins(host: String, patterns: [String], expected: String?) throws {
        var builder = DocumentBuilder(path: "/etc/tlsconfig/config.toml", scope: .system)
        builder.set("server-name", "global.test")
        for pattern in patterns {
            builder.section(pattern)
            builder.set("server-name", "p\(patterns.firstIndex(of: pattern)!).test")
        }
        let resolution = makeResolver(documents: [builder.document]).resolve(host: host)
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
        let expectedName = expected.map { "p\(patterns.firstIndex(of: $0)!).test" } ?? "global.test"
        #expect(resolution.settings.serverName == expectedName)
        let winner = resolution.value(.serverName).origin.fileLocation
        #expect(winner?.section == expected)
    }

    @Test func lessSpecificSectionLosesWithReason() {
        var builder = DocumentBuilder(path: "/p/tlsconfig.toml")
        builder.set("verify", "full")
        builder.section("*.example.com")
        builder.set("verify", "no-hostname")
        builder.section("db.example.com")
        builder.set("verify", "none")
        let resolution = makeResolver(documents: [builder.document]).resolve(host: "db.example.com")
        let verify = resolution.value(.verify)
        #expect(verify.value == "none")
        #expect(verify.losers.count == 2)
        #expect(verify.losers.allSatisfy { $0.reason == .lessSpecificSection(winner: verify.origin) })
        #expect(resolution.matchedSections.map(\.pattern) == ["db.example.com", "*.example.com"])
    }

    @Test func sectionsThatDoNotMatchAreExplained() {
        var builder = DocumentBuilder(path: "/p/tlsconfig.toml")
        builder.section("db.example.com")
        builder.set("min-version", "1.3")
        let resolution = makeResolver(documents: [builder.document]).resolve(host: "web.example.com")
        #expect(resolution.settings.versions.minimum == .tls1_2)
        #expect(resolution.value(.minVersion).losers.map(\.reason) == [.sectionDoesNotMatch(pattern: "db.example.com")])
    }

    /// Specificity ranks before scope: a user file's exact section beats a project file's global key.
    @Test func specificityRanksBeforeScope() {
        var project = DocumentBuilder(path: "/p/tlsconfig.toml", scope: .project)
        project.set("alpn", "h2")
        var user = DocumentBuilder(path: "/home/u/.config/tlsconfig/config.toml", scope: .user)
        user.section("api.example.com")
        user.set("alpn", "http/1.1")
        let resolution = makeResolver(documents: [project.document, user.document]).resolve(host: "api.example.com")
        #expect(resolution.settings.alpn == ["http/1.1"])
        let noHost = makeResolver(documents: [project.document, user.document]).resolve()
        #expect(noHost.settings.alpn == ["h2"])
    }

    @Test func scopeRanksWhenSpecificityIsEqual() {
        var project = DocumentBuilder(path: "/p/tlsconfig.toml", scope: .project)
        project.set("alpn", "h2")
        var user = DocumentBuilder(path: "/home/u/.config/tlsconfig/config.toml", scope: .user)
        user.set("alpn", "http/1.1")
        var explicit = DocumentBuilder(path: "/x/custom.toml", scope: .explicit)
        explicit.set("alpn", "spdy/3")
        let resolution = makeResolver(documents: [user.document, project.document, explicit.document]).resolve()
        #expect(resolution.settings.alpn == ["spdy/3"])
        #expect(resolution.value(.alpn).losers.map(\.candidate.display) == ["h2", "http/1.1"])
    }

    static let invalidPatterns: [(String, String)] = [
        ("*", "a pattern needs a literal suffix"),
        ("a.*.example.com", "\"*\" may only stand as the whole leftmost label"),
        ("*foo.example.com", "\"*\" may only stand as the whole leftmost label"),
        ("example.com:0", "is not a port"),
        ("example.com:99999", "is not a port"),
        ("[::1", "missing \"]\""),
        ("[fe80::zz]", "is not an IPv6 address"),
        ("exa mple.com", "white space"),
        ("a..b", "empty label"),
        ("-a.example.com", "starts or ends with \"-\""),
        ("999.1.1.1", "not a valid IPv4 address"),
        ("", "it is empty"),
    ]

    @Test(arguments: invalidPatterns)
    func invalidPatternsAreRejected(pattern: String, reason: String) {
        #expect(throws: HostSyntaxError.self) { try HostPattern(parsing: pattern) }
        do {
            _ = try HostPattern(parsing: pattern)
        } catch {
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func duplicateNormalisedPatternIsAnError() {
        var builder = DocumentBuilder(path: "/p/tlsconfig.toml")
        builder.section("API.example.com")
        builder.set("alpn", "h2")
        builder.section("api.example.com.")
        builder.set("alpn", "h3")
        let resolution = makeResolver(documents: [builder.document]).resolve(host: "api.example.com")
        #expect(resolution.diagnostics.map(\.code) == [.duplicateHostPattern])
        #expect(resolution.diagnostics.first?.related.first?.origin.fileLocation?.line == 1)
    }
}
