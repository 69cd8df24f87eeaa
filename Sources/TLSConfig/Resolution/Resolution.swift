/// The outcome of resolving: the settings, where each came from, what lost and why,
/// every diagnostic, and what was consulted on the way.
public struct Resolution: Sendable {
    public var host: HostTarget?
    /// Best-effort settings; use `validatedSettings()` to refuse a configuration with errors.
    public var settings: TLSSettings
    /// One entry per key, in `SettingKey` order.
    public var values: [ResolvedSetting]
    public var diagnostics: [Diagnostic]
    public var environment: [EnvironmentVariableReport]
    public var configFiles: [ConfigFileCandidate]
    /// Host sections that applied to `host`, most specific first.
    public var matchedSections: [MatchedSection]
    /// Texts of the configuration files read, for snippets.
    public var sources: [String: String]
    public var layers: [Layer]
    public var appName: String
    public var environmentPrefix: String

    public func value(_ key: SettingKey) -> ResolvedSetting {
        values.first { $0.key == key }!
    }

    public func origin(of key: SettingKey) -> Origin {
        value(key).origin
    }

    public var origins: SettingOrigins {
        SettingOrigins(Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.origin) }))
    }

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// The settings, or the errors that make them unusable.
    public func validatedSettings() throws(ResolutionFailure) -> TLSSettings {
        if hasErrors { throw ResolutionFailure(diagnostics: diagnostics.errors) }
        return settings
    }
}

/// The resolved value of one key.
public struct ResolvedSetting: Sendable, Hashable {
    public var key: SettingKey
    /// The value as display strings (one per list element); empty when nothing set it
    /// and the default is "none".
    public var items: [String]
    public var origin: Origin
    /// The layer the value came from (`defaults` when nothing set it).
    public var layer: Layer
    /// Extra explanation, such as "implied by ca-file".
    public var note: String?
    /// Every candidate that lost, with the reason.
    public var losers: [LosingCandidate]

    public var isDefault: Bool { origin == .defaultValue }

    /// Display form; `nil` when not set.
    public var value: String? { items.isEmpty ? nil : items.joined(separator: ", ") }
}

/// A host section that applied.
public struct MatchedSection: Sendable, Hashable {
    public var path: String
    public var pattern: String
}

/// Where each setting came from, for layers (like OpenSSL) that cite origins in their errors.
public struct SettingOrigins: Sendable, Hashable {
    private var storage: [SettingKey: Origin]

    public init(_ storage: [SettingKey: Origin] = [:]) {
        self.storage = storage
    }

    public subscript(key: SettingKey) -> Origin? {
        storage[key]
    }
}

/// Thrown by `validatedSettings()`: the errors, ready to render.
public struct ResolutionFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public var description: String {
        DiagnosticRenderer().render(diagnostics)
    }
}
