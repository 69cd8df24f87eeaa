/// A host section that applied.
public struct MatchedSection: Sendable, Hashable {
    public var path: String
    public var pattern: String
}
