import Testing
@_spi(Plumbing) @testable import TLSConfig

/// The port a connection will use is part of what is resolved: a section written for
/// `host:port` is never skipped silently because the port was not written.
@Suite struct ImplicitPortTests {
    static let document: ConfigDocument = {
        var builder = DocumentBuilder(path: "/work/tlsconfig.toml")
        for (pattern, value) in [
            ("db.example.com", "bare"), ("db.example.com:443", "port-443"), ("db.example.com:5432", "port-5432"),
        ] {
            builder.section(pattern)
            builder.set("alpn", value)
        }
        return builder.document
    }()

    func resolver() -> SettingsResolver {
        makeResolver(documents: [Self.document])
    }

    @Test func aBareHostWarnsAboutEachPortSection() {
        let resolution = resolver().resolve(host: "db.example.com")
        #expect(resolution.settings.alpn == ["bare"])
        let warnings = resolution.diagnostics.filter { $0.code == .portSectionsNotConsidered }
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.contains { $0.help?.contains("db.example.com:443") == true })
        #expect(!resolution.assumedPort)
    }

    @Test func aDefaultPortAppliesItsSection() {
        let resolution = resolver().resolve(host: "db.example.com", defaultPort: 443)
        #expect(resolution.settings.alpn == ["port-443"])
        #expect(resolution.assumedPort)
        #expect(resolution.host?.port == 443)
        #expect(!resolution.diagnostics.contains { $0.code == .portSectionsNotConsidered })
        let written = resolver().resolve(host: "db.example.com:5432", defaultPort: 443)
        #expect(written.settings.alpn == ["port-5432"])
        #expect(!written.assumedPort)
    }

    @Test func aURLTakesItsSchemesPort() {
        #expect(resolver().resolve(url: "postgres://me@db.example.com/app").settings.alpn == ["port-5432"])
        #expect(resolver().resolve(url: "https://db.example.com/path?q").settings.alpn == ["port-443"])
        #expect(resolver().resolve(url: "https://db.example.com:8443/").settings.alpn == ["bare"])
        let unknown = resolver().resolve(url: "gopher://db.example.com/")
        #expect(unknown.diagnostics.first?.code == .invalidHost)
        #expect(unknown.diagnostics.first?.message.contains("gopher://HOST:PORT") == true)
    }
}
