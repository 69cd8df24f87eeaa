/// A document that could not be read: what was wrong, where, and what was expected.
@_spi(Plumbing) public struct ConfigSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var position: SourcePosition
    /// A second place involved, such as the first definition of a duplicate key.
    package var related: SourcePosition?
    package var relatedMessage: String?

    /// The bytes are not UTF-8 (or are UTF-16): the file's encoding is wrong, not its syntax.
    package var isEncodingError: Bool
    /// For encoding errors: the offset of the first bad byte.
    package var byteOffset: Int?

    package init(
        _ message: String, at position: SourcePosition, related: SourcePosition? = nil, relatedMessage: String? = nil,
        isEncodingError: Bool = false, byteOffset: Int? = nil
    ) {
        self.byteOffset = byteOffset
        self.isEncodingError = isEncodingError
        self.message = message
        self.position = position
        self.related = related
        self.relatedMessage = relatedMessage
    }

    public var description: String { "\(position): \(message)" }
}

extension ConfigSyntaxError {
    /// `message` with every quoted run of two or more characters replaced by `…`: parsers
    /// quote what they found (`invalid value 'hunter2'`), and a file that does not parse may be
    /// a passphrase or `.env` file named by mistake. Single characters and the parser's own
    /// words stay, so the message still says what was expected where.
    package static func redacting(_ message: String) -> String {
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(where: { $0 == "'" || $0 == "\"" }) {
            let quote = rest[open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: quote) else { break }
            let inner = rest[afterOpen..<close]
            out += rest[..<afterOpen]
            out += inner.count > 1 ? "…" : String(inner)
            out.append(quote)
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
