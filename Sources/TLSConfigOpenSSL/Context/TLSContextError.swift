public import TLSConfig

/// Why a context could not be built: every problem found, each citing where the setting
/// that caused it came from.
public struct TLSContextError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        DiagnosticRenderer().render(diagnostics)
    }
}
