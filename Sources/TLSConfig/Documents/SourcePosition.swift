/// A place in a source text. Lines and columns are 1-based; columns count Unicode scalars,
/// so a caret printed under a column lines up with what an editor shows.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The extent of a value in its source; `end` is exclusive. Diagnostics draw carets from it.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A span covering `length` scalars on one line.
    public init(line: Int, column: Int, length: Int = 1) {
        self.start = SourcePosition(line: line, column: column)
        self.end = SourcePosition(line: line, column: column + max(length, 1))
    }

    public var description: String { start.description }
}
