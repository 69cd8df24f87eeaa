/// A document that could not be read: what was wrong, where, and what was expected.
public struct ConfigSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition
    /// A second place involved, such as the first definition of a duplicate key.
    public var related: SourcePosition?
    public var relatedMessage: String?

    public init(_ message: String, at position: SourcePosition, related: SourcePosition? = nil, relatedMessage: String? = nil) {
        self.message = message
        self.position = position
        self.related = related
        self.relatedMessage = relatedMessage
    }

    public var description: String { "\(position): \(message)" }
}
