/// A host section that applied.
package struct MatchedSection: Sendable, Hashable {
    /// The file holding the section.
    package var path: String
    /// The section's pattern, as written.
    package var pattern: String
}
