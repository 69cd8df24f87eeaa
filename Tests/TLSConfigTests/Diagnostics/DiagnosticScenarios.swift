import TestSupport
@_spi(Plumbing) @testable import TLSConfig

/// One configuration that provokes one diagnostic code, rendered with `$TMP` for the temporary directory.
struct DiagnosticScenario: Sendable, CustomStringConvertible {
    var code: DiagnosticCode
    var build: @Sendable (TemporaryDirectory) -> Resolution

    var description: String { code.rawValue }

    /// Resolves `builder`'s document (at `$TMP/tlsconfig.toml`) plus an environment.
    static func file(
        _ code: DiagnosticCode, host: String? = nil, environment: [String: String] = [:],
        _ configure: @escaping @Sendable (TemporaryDirectory, inout DocumentBuilder) -> Void
    ) -> DiagnosticScenario {
        DiagnosticScenario(code: code) { directory in
            var builder = DocumentBuilder(path: directory.path + "/tlsconfig.toml")
            configure(directory, &builder)
            let resolver = makeResolver(
                environment: environment, documents: [builder.document], workingDirectory: directory.path)
            return host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
        }
    }

    static func environment(
        _ code: DiagnosticCode, _ make: @escaping @Sendable (TemporaryDirectory) -> [String: String]
    ) -> DiagnosticScenario {
        DiagnosticScenario(code: code) { directory in
            makeResolver(environment: make(directory), workingDirectory: directory.path).resolve()
        }
    }
}
