/// Reads TOML 1.0.0 documents into `ConfigTable`s that remember where every key and value was
/// written, so later validation errors can point at the exact line and column.
///
/// Errors are always `ConfigSyntaxError`s that name a line and column and say what was
/// expected; the reader stops at the first one, because after a syntax error the rest of a
/// TOML document cannot be read reliably.
@_spi(Plumbing) public enum TOMLParser: Sendable {
    /// Reads a document from raw bytes, such as a file's contents.
    ///
    /// The bytes must be UTF-8, as TOML requires; an invalid sequence is reported with its byte
    /// offset. A leading UTF-8 byte order mark is ignored.
    @_spi(Plumbing) public static func parse(_ bytes: [UInt8]) throws(ConfigSyntaxError) -> ConfigNode.Table {
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<ConfigNode.Table, ConfigSyntaxError> in
            if let offset = UTF8Validation.firstInvalidOffset(in: buffer) {
                return .failure(invalidUTF8(in: buffer, at: offset))
            }
            return parseValidated(buffer)
        }
        return try result.get()
    }

    /// Reads a document from a string, which is UTF-8 by construction.
    @_spi(Plumbing) public static func parse(_ text: String) throws(ConfigSyntaxError) -> ConfigNode.Table {
        var text = text
        text.makeContiguousUTF8()
        let result =
            text.utf8.withContiguousStorageIfAvailable { parseValidated($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { parseValidated($0) }
        return try result.get()
    }

    private static func parseValidated(
        _ buffer: UnsafeBufferPointer<UInt8>
    ) -> Result<ConfigNode.Table, ConfigSyntaxError> {
        var body = buffer
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            body = UnsafeBufferPointer(rebasing: buffer[3...])
        }
        var parser = TOMLDocumentParser(body)
        do {
            return .success(try parser.parse())
        } catch {
            return .failure(error)
        }
    }

    private static func invalidUTF8(in buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> ConfigSyntaxError {
        // The bytes before `offset` are valid, so line and column can be counted as usual;
        // a byte order mark does not count as a column.
        let bomLength = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
        var tracker = TOMLPositionTracker()
        let body = UnsafeBufferPointer(rebasing: buffer[bomLength...])
        let position = tracker.position(at: offset - bomLength, in: body)
        let byte = TOMLScanner.hex(UInt32(buffer[offset]), digits: 2)
        return ConfigSyntaxError(
            "invalid UTF-8 at byte offset \(offset) (byte 0x\(byte)); TOML documents must be UTF-8",
            at: position, isEncodingError: true, byteOffset: offset)
    }
}
