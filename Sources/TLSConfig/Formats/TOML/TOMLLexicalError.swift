/// A problem found inside one token (a number or a date-time), before positions are known.
///
/// The number and date-time readers only see a byte range; they report the offending byte's
/// offset and the parser, which owns the position tracker, turns it into a `ConfigSyntaxError`.
struct TOMLLexicalError: Error {
    var message: String
    var offset: Int

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}
