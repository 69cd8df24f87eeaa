/// Why a resolution cannot produce usable settings or a context: every problem found, each
/// citing where its setting came from. The one error type for that, thrown by
/// `Resolution.validatedSettings()` and by the consumers that build from a resolution.
public struct TLSSettingsError: Error, Sendable, CustomStringConvertible {
    /// The errors, and any warnings found with them.
    public var diagnostics: [Diagnostic]

    /// Wraps diagnostics, for consumers in other modules.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The diagnostics rendered as plain text, as `tlsconfig` prints them.
    public var description: String {
        DiagnosticRenderer().render(diagnostics)
    }
}
