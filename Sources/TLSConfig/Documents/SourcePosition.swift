/// A place in a source text. Lines and columns are 1-based; columns count Unicode scalars,
/// so a caret printed under a column lines up with what an editor shows.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// A position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Earlier in the text.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `LINE:COLUMN`.
    public var description: String { "\(line):\(column)" }
}

/// The extent of a value in its source; `end` is exclusive. Diagnostics draw carets from it.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// The first scalar.
    public var start: SourcePosition
    /// Just past the last scalar.
    public var end: SourcePosition

    /// A span from `start` up to, not including, `end`.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A span covering `length` scalars on one line.
    public init(line: Int, column: Int, length: Int = 1) {
        self.start = SourcePosition(line: line, column: column)
        self.end = SourcePosition(line: line, column: column + max(length, 1))
    }

    /// The start, as `LINE:COLUMN`.
    public var description: String { start.description }
}
