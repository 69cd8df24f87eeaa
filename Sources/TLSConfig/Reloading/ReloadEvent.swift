#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// What a reloader did after inputs changed: it replaced the context, or kept the last good one
/// because the new material failed, with the diagnostics that say why.
public struct ReloadEvent: Sendable, CustomStringConvertible {
    /// Replaced or kept.
    public enum Outcome: String, Sendable, Hashable {
        /// A new context is current.
        case reloaded
        /// The new material failed; the last good context stays current.
        case rejected
    }

    /// Replaced or kept.
    public package(set) var outcome: Outcome
    /// The generation current after the event: 1 for the first context, one more per reload.
    public package(set) var generation: Int
    /// The paths whose identity changed.
    public package(set) var changedPaths: [String]
    /// For `rejected`, the errors (with origins); for `reloaded`, the new context's warnings.
    public package(set) var diagnostics: [Diagnostic]
    /// When the change was acted on.
    public package(set) var date: Date

    /// An event.
    package init(
        outcome: Outcome, generation: Int, changedPaths: [String], diagnostics: [Diagnostic], date: Date = Date()
    ) {
        self.outcome = outcome
        self.generation = generation
        self.changedPaths = changedPaths
        self.diagnostics = diagnostics
        self.date = date
    }

    /// One line: `reloaded (generation 3): server.pem changed` or `kept generation 2: ...`.
    public var description: String {
        let paths = changedPaths.joined(separator: ", ")
        switch outcome {
        case .reloaded:
            return "reloaded (generation \(generation)): \(paths) changed"
        case .rejected:
            let reasons = diagnostics.errors.map { "[\($0.code)] \($0.message)" }.joined(separator: "; ")
            return "kept generation \(generation): \(paths) changed, but the new settings fail: \(reasons)"
        }
    }
}
