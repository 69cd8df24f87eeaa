#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
public import TLSConfig
public import Testing

/// The compatibility test any `ConfigDocumentSource` must pass, in the spirit of
/// swift-configuration's `ProviderCompatTest`: given the same logical settings, a TOML file, an
/// in-memory document and a configuration-provider source must resolve alike.
///
/// A test hands it a way to express ``Fixture`` in the source under test; it resolves with the
/// real resolver (real files in a temporary directory) and records an issue for every rule
/// broken: precedence against overrides and defaults, atomic groups, host-section specificity,
/// provenance, unknown keys (where the source can see them) and bad values.
///
/// ```swift
/// @Test func tomlFilesConform() throws {
///     try DocumentSourceConformance(name: "TOML file") { fixture in
///         try fixture.toml.write(toFile: fixture.directory + "/tls.toml", atomically: true, encoding: .utf8)
///         return .documents(ConfigFileDiscovery(projectFileNames: ["tls.toml"]))
///     }.run()
/// }
/// ```
public struct DocumentSourceConformance: Sendable {
    /// What the source can express and see.
    public struct Capabilities: Sendable {
        /// It lists its keys, so an unknown key (`ca-flie`) is reported with a did-you-mean.
        public var reportsUnknownKeys: Bool
        /// It keeps value types, so a number where a string belongs is a wrong-type error
        /// (environment variables and arguments hold strings only).
        public var keepsTypes: Bool

        /// Capabilities; both on by default.
        public init(reportsUnknownKeys: Bool = true, keepsTypes: Bool = true) {
            self.reportsUnknownKeys = reportsUnknownKeys
            self.keepsTypes = keepsTypes
        }
    }

    /// Where the source goes in the resolver's configuration.
    public enum Placement: Sendable {
        /// `ResolverConfiguration.documents` (the files layer).
        case documents(any ConfigDocumentSource)
        /// `ResolverConfiguration.configReader` (the config-reader layer).
        case configReader(any ConfigDocumentSource)
    }

    /// The settings every source must express, as entries: top-level ones have no section.
    public struct Fixture: Sendable {
        /// A value of the fixture.
        public enum Value: Sendable, Hashable {
            /// A string.
            case string(String)
            /// A list of strings.
            case list([String])
            /// An integer (only asked of sources that keep types).
            case integer(Int)
        }

        /// One setting.
        public struct Entry: Sendable, Hashable {
            /// A host pattern, or `nil` at the top level.
            public var section: String?
            /// The key, as files spell it (`ca-file`).
            public var key: String
            /// The value.
            public var value: Value
        }

        /// A scratch directory holding the files the settings name.
        public let directory: String
        /// The entries to express, in this order.
        public let entries: [Entry]

        /// The entries as a TOML document, for sources backed by files.
        public var toml: String {
            func literal(_ value: Value) -> String {
                switch value {
                case .string(let text): "\"\(text)\""
                case .list(let items): "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                case .integer(let number): String(number)
                }
            }
            var lines = entries.filter { $0.section == nil }.map { "\($0.key) = \(literal($0.value))" }
            var sections: [String] = []
            for entry in entries where entry.section != nil && !sections.contains(entry.section!) {
                sections.append(entry.section!)
            }
            for section in sections {
                lines.append("")
                lines.append("[hosts.\"\(section)\"]")
                lines += entries.filter { $0.section == section }.map { "\($0.key) = \(literal($0.value))" }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Shown in every issue.
    public var name: String
    /// What the source can express and see.
    public var capabilities: Capabilities
    /// Expresses a fixture in the source under test.
    public var makeSource: @Sendable (Fixture) throws -> Placement

    /// A conformance run for one kind of source.
    public init(
        name: String, capabilities: Capabilities = Capabilities(),
        makeSource: @escaping @Sendable (Fixture) throws -> Placement
    ) {
        self.name = name
        self.capabilities = capabilities
        self.makeSource = makeSource
    }

    /// Runs every check, recording an issue (with `name`) for each rule broken.
    public func run(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = try Self.scratchDirectory()
        defer { Self.remove(directory) }
        let ca = try Self.write(directory, "ca.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        let otherCA = try Self.write(
            directory, "other-ca.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        let certificate = try Self.write(
            directory, "client.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        let key = try Self.write(
            directory, "client.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        var entries: [Fixture.Entry] = [
            .init(section: nil, key: "ca-file", value: .string(ca)),
            .init(section: nil, key: "client-key", value: .string(key)),
            .init(section: nil, key: "alpn", value: .list(["h2", "http/1.1"])),
            .init(section: nil, key: "verify", value: .string("no-hostname")),
            .init(section: "api.example.com", key: "client-cert", value: .string(certificate)),
            .init(section: "api.example.com", key: "verify", value: .string("full")),
            .init(section: "*.example.com", key: "verify", value: .string("none")),
            .init(section: "*.example.com", key: "ca-file", value: .string(otherCA)),
            .init(
                section: "bad.example.com", key: "min-version",
                value: capabilities.keepsTypes ? .integer(13) : .string("1.9")),
        ]
        if capabilities.reportsUnknownKeys {
            entries.append(.init(section: nil, key: "ca-flie", value: .string(ca)))
        }
        let fixture = Fixture(directory: directory, entries: entries)
        let placement = try makeSource(fixture)
        func resolve(_ host: String?, overrides: [SettingOverride] = []) -> Resolution {
            var configuration = ResolverConfiguration(
                environment: ["HOME": directory], workingDirectory: directory, overrides: overrides,
                documents: InMemoryDocuments([]))
            switch placement {
            case .documents(let source): configuration.documents = source
            case .configReader(let source):
                configuration = ResolverConfiguration(
                    environment: ["HOME": directory], workingDirectory: directory, overrides: overrides,
                    documents: InMemoryDocuments([]), configReader: source)
            }
            // The kit checks how a source ranks and cites values; whether a project file may
            // weaken TLS is discovery's trust rule, tested on its own.
            configuration.trustsProjectFiles = true
            return SettingsResolver(configuration).resolve(host: host.map { try! HostTarget(parsing: $0) })
        }
        let label = Comment(rawValue: name)

        // Top level: values arrive with origins that are not defaults.
        let global = resolve(nil)
        #expect(global.settings.trust.caFiles == [ca], label, sourceLocation: sourceLocation)
        #expect(global.settings.alpn == ["h2", "http/1.1"], label, sourceLocation: sourceLocation)
        #expect(global.settings.verification == .noHostname, label, sourceLocation: sourceLocation)
        for setting in [SettingKey.caFile, .alpn, .verify] {
            #expect(
                global.origin(of: setting) != .defaultValue, "\(name): \(setting) has no origin",
                sourceLocation: sourceLocation)
        }

        // Precedence: an override beats the source, which stays as a loser with its origin.
        let overridden = resolve(nil, overrides: [SettingOverride(.caFile, otherCA, label: "--cacert")])
        #expect(overridden.settings.trust.caFiles == [otherCA], label, sourceLocation: sourceLocation)
        let losers = overridden.value(.caFile).losers
        #expect(
            losers.contains { $0.candidate.origin == global.origin(of: .caFile) },
            "\(name): the source's ca-file is not listed as losing", sourceLocation: sourceLocation)

        // Host sections: the exact host beats the wildcard, the wildcard beats the top level.
        let exact = resolve("api.example.com")
        #expect(exact.settings.verification == .full, label, sourceLocation: sourceLocation)
        #expect(
            exact.origin(of: .verify).description != global.origin(of: .verify).description, label,
            sourceLocation: sourceLocation)
        let wildcard = resolve("other.example.com")
        #expect(wildcard.settings.verification == PeerVerification.none, label, sourceLocation: sourceLocation)
        #expect(wildcard.settings.trust.caFiles == [otherCA], label, sourceLocation: sourceLocation)
        #expect(resolve("elsewhere.org").settings.verification == .noHostname, label, sourceLocation: sourceLocation)

        // Groups: the section's client-cert comes with no key, never with the top-level one.
        let identity = exact.settings.identity
        #expect(identity?.certificateFile == certificate, label, sourceLocation: sourceLocation)
        #expect(
            identity?.keyFile != key, "\(name): a host section's client-cert was paired with the top-level client-key",
            sourceLocation: sourceLocation)

        // Bad values: an error that cites where the value came from.
        let bad = resolve("bad.example.com")
        let badValue = bad.diagnostics.first { $0.setting == .minVersion && $0.severity == .error }
        #expect(badValue != nil, "\(name): a bad min-version gives no error", sourceLocation: sourceLocation)
        #expect(
            badValue?.origin != nil && badValue?.origin != .defaultValue,
            "\(name): the bad value's error has no origin", sourceLocation: sourceLocation)
        if capabilities.keepsTypes {
            #expect(badValue?.code == .wrongType, label, sourceLocation: sourceLocation)
        }

        // Unknown keys, where the source can see them.
        if capabilities.reportsUnknownKeys {
            let unknown = global.diagnostics.first { $0.code == .unknownKey }
            #expect(
                unknown?.help?.contains("ca-file") == true, "\(name): ca-flie is not reported with a did-you-mean",
                sourceLocation: sourceLocation)
            #expect(unknown?.origin != nil, label, sourceLocation: sourceLocation)
        }
    }

    // MARK: Scratch files

    private static func scratchDirectory() throws -> String {
        var template = Array("/tmp/tlsconfig-conformance-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: made)
    }

    private static func write(_ directory: String, _ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        return path
    }

    private static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
