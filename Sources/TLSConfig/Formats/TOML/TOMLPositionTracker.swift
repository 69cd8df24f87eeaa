/// Turns byte offsets into line and column numbers.
///
/// The parser asks for positions in document order, so the tracker only walks forward from the
/// last answer: every byte is counted once in total, and the scanner's hot loops do not have to
/// keep line and column counters themselves. Columns count Unicode scalars, which for valid
/// UTF-8 means counting every byte that is not a continuation byte (`10xxxxxx`).
struct TOMLPositionTracker {
    private var offset = 0
    private var line = 1
    private var column = 1

    mutating func position(at target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        if target < offset {
            // Only error reporting looks backwards; starting over keeps that path simple.
            offset = 0
            line = 1
            column = 1
        }
        let end = min(target, bytes.count)
        var offset = self.offset
        var line = self.line
        var column = self.column
        while offset < end {
            let byte = bytes[offset]
            if byte == 0x0A {
                line &+= 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column &+= 1
            }
            offset &+= 1
        }
        self.offset = offset
        self.line = line
        self.column = column
        return SourcePosition(line: line, column: column)
    }
}
