import Foundation
import Testing
import TLSConfig
@_spi(Plumbing) import TLSConfig
import TLSConfigTesting

/// TLSConfig's own document sources pass the compatibility kit every source must pass.
@Suite struct DocumentSourceConformanceTests {
    @Test func tomlFilesConform() throws {
        try DocumentSourceConformance(name: "TOML project file") { fixture in
            try fixture.toml.write(toFile: fixture.directory + "/tls.toml", atomically: true, encoding: .utf8)
            return .documents(ConfigFileDiscovery(projectFileNames: ["tls.toml"]))
        }.run()
    }

    @Test func yamlFilesConform() throws {
        // YAML plain scalars are strings to TLSConfig's reader, so `13` is a bad value, not a bad type.
        try DocumentSourceConformance(name: "YAML project file", capabilities: .init(keepsTypes: false)) { fixture in
            try Self.yaml(fixture).write(toFile: fixture.directory + "/tls.yaml", atomically: true, encoding: .utf8)
            return .documents(ConfigFileDiscovery(projectFileNames: ["tls.yaml"]))
        }.run()
    }

    @Test func inMemoryDocumentsConform() throws {
        try DocumentSourceConformance(name: "in-memory document") { fixture in
            let root = try TOMLParser.parse(fixture.toml)
            return .documents(
                InMemoryDocuments([
                    ConfigDocument(
                        path: fixture.directory + "/memory.toml", scope: .explicit, format: .toml, root: root,
                        source: fixture.toml)
                ]))
        }.run()
    }

    /// The same entries as YAML (block style, everything quoted).
    static func yaml(_ fixture: DocumentSourceConformance.Fixture) -> String {
        func literal(_ value: DocumentSourceConformance.Fixture.Value) -> String {
            switch value {
            case .string(let text): "\"\(text)\""
            case .list(let items): "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            case .integer(let number): String(number)
            }
        }
        var lines = fixture.entries.filter { $0.section == nil }.map { "\($0.key): \(literal($0.value))" }
        lines.append("hosts:")
        var sections: [String] = []
        for entry in fixture.entries where entry.section != nil && !sections.contains(entry.section!) {
            sections.append(entry.section!)
        }
        for section in sections {
            lines.append("  \"\(section)\":")
            lines += fixture.entries.filter { $0.section == section }.map { "    \($0.key): \(literal($0.value))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
