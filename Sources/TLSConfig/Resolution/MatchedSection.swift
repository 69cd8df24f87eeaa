/// A host section that applied.
public struct MatchedSection: Sendable, Hashable {
    /// The file holding the section.
    public var path: String
    /// The section's pattern, as written.
    public var pattern: String
}
