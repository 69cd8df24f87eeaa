import Testing
@_spi(Plumbing) import TLSConfig

/// A document with a typical mistake, and where and how the reader must report it.
struct TOMLErrorCase: CustomTestStringConvertible, Sendable {
    var document: String
    var line: Int
    var column: Int
    var message: String
    var related: SourcePosition?

    init(_ document: String, _ line: Int, _ column: Int, _ message: String, related: SourcePosition? = nil) {
        self.document = document
        self.line = line
        self.column = column
        self.message = message
        self.related = related
    }

    var testDescription: String { document.debugDescription }
}

/// Parses a document that must fail and returns the error.
func TOMLExpectError(_ document: String) -> ConfigSyntaxError? {
    do {
        _ = try TOMLParser.parse(document)
        return nil
    } catch {
        return error
    }
}

@Suite("TOML errors")
struct TOMLErrorTests {
    static let cases: [TOMLErrorCase] = [
        TOMLErrorCase("name \"x\"", 1, 6, "expected '=' after key \"name\", found '\"'"),
        TOMLErrorCase(
            "a = 1\nb = 2\na = 3", 3, 1, "duplicate key \"a\" (first defined at 1:1)",
            related: .init(line: 1, column: 1)),
        TOMLErrorCase(
            "[t]\nx.y = 1\n[t]\n", 3, 2, "table [t] is already defined (first defined at 1:1)",
            related: .init(line: 1, column: 1)),
        TOMLErrorCase("[t]\nx.y = 1\n[t.x]\n", 3, 4, "table [t.x] is already defined by dotted keys (at 2:1)"),
        TOMLErrorCase(
            "x = 1\n[x]\n", 2, 2, "cannot define table [x]: key \"x\" is already an integer (defined at 1:1)"),
        TOMLErrorCase(
            "[[a]]\n[a]\n", 2, 2, "[a] is already an array of tables (defined at 1:1); use [[a]] to add an element"),
        TOMLErrorCase(
            "t = { a = 1 }\nt.b = 2\n", 2, 1,
            "cannot add to inline table \"t\" (defined at 1:1): an inline table is complete once written"),
        TOMLErrorCase(
            "a = []\n[[a]]\n", 2, 3, "cannot define array of tables [[a]]: it is an array value (defined at 1:1)"),
        TOMLErrorCase("key = ", 1, 7, "expected a value after '=' for key \"key\", found end of document"),
        TOMLErrorCase("key =\n", 1, 6, "expected a value after '=' for key \"key\", found end of line"),
        TOMLErrorCase("a = 1 2", 1, 7, "expected a line break after the value of key \"a\", found '2'"),
        TOMLErrorCase("a = tru", 1, 5, "invalid value 'tru': strings must be quoted"),
        TOMLErrorCase("a = True", 1, 5, "booleans are written in lower case"),
        TOMLErrorCase("a = hello", 1, 5, "invalid value 'hello': strings must be quoted"),
        TOMLErrorCase("n = 012", 1, 5, "invalid number '012': leading zeros are not allowed"),
        TOMLErrorCase("n = 1__0", 1, 6, "invalid number '1__0': an underscore must be between two digits"),
        TOMLErrorCase(
            "n = 9223372036854775808", 1, 5, "integer '9223372036854775808' is out of range for a 64-bit signed integer"
        ),
        TOMLErrorCase("n = 0xG", 1, 7, "expected a hexadecimal digit, found 'G'"),
        TOMLErrorCase("f = 1.", 1, 7, "invalid number '1.': expected a digit after the decimal point"),
        TOMLErrorCase("d = 2023-02-29", 1, 13, "invalid date-time '2023-02-29': day must be 01 to 28 in February 2023"),
        TOMLErrorCase("d = 2024-13-01", 1, 10, "month must be 01 to 12"),
        TOMLErrorCase("t = 24:00:00", 1, 5, "hour must be 00 to 23"),
        TOMLErrorCase("t = 1:02:03", 1, 5, "the hour must have exactly 2 digits"),
        TOMLErrorCase(
            "s = \"abc", 1, 9, "unterminated string: expected closing \", found end of document",
            related: .init(line: 1, column: 5)),
        TOMLErrorCase(
            "s = \"abc\nt = 1", 1, 9,
            "expected closing \" before the end of the line (use \"\"\" for a multi-line string)"),
        TOMLErrorCase(
            "s = \"\"\"\nabc\n", 3, 1, "unterminated string: expected closing \"\"\", found end of document",
            related: .init(line: 1, column: 5)),
        TOMLErrorCase("s = \"bad \\q\"", 1, 10, "invalid escape sequence '\\q'"),
        TOMLErrorCase("s = \"\\uD800\"", 1, 6, "escape \\uD800 is not a Unicode scalar value"),
        TOMLErrorCase(
            "s = \"\"\"\nok\n\"\"\" x", 3, 5, "expected a line break after the value of key \"s\", found 'x'"),
        TOMLErrorCase("s = 'tab\u{7}'", 1, 9, "control character U+0007 is not allowed in a string"),
        TOMLErrorCase("# bell \u{7}\n", 1, 8, "control character U+0007 is not allowed in a comment"),
        TOMLErrorCase("a = 1\rb = 2", 1, 6, "carriage return (U+000D) must be followed by a line feed"),
        TOMLErrorCase(
            "arr = [1 2]", 1, 10, "expected ',' or ']' after an array element, found '2'",
            related: .init(line: 1, column: 7)),
        TOMLErrorCase("arr = [1,,2]", 1, 10, "found another ','"),
        TOMLErrorCase(
            "arr = [1,\n2,\n", 3, 1, "unterminated array: expected ']', found end of document",
            related: .init(line: 1, column: 7)),
        TOMLErrorCase("t = {a = 1,}", 1, 11, "trailing comma in inline table"),
        TOMLErrorCase("t = {a = 1\n}", 1, 11, "TOML 1.0 inline tables must be on one line"),
        TOMLErrorCase("t = {a = 1, a = 2}", 1, 13, "duplicate key \"a\" (first defined at 1:6)"),
        TOMLErrorCase("[a\nb = 1", 1, 3, "expected ']' to close the header [a, found end of line"),
        TOMLErrorCase("[[a] ]", 1, 4, "the two closing brackets must be written together"),
        TOMLErrorCase("[]", 1, 2, "expected a table name after '[', found ']'"),
        TOMLErrorCase("[a]x = 1", 1, 4, "expected a line break after table header [a], found 'x'"),
        TOMLErrorCase("ké = 1", 1, 2, "invalid character 'é' in key \"k\"; bare keys may only contain"),
        TOMLErrorCase("= 1", 1, 1, "expected a key, found '='"),
        TOMLErrorCase("a. = 1", 1, 4, "expected a key, found '='"),
        TOMLErrorCase("\"\"\"k\"\"\" = 1", 1, 1, "a key cannot be a multi-line string"),
        TOMLErrorCase(
            "[a.b.c]\nz = 1\n[a]\nb.c.d = 2", 4, 3,
            "cannot add to table [a.b.c] with a dotted key: it is defined by its header at 1:1"),
        // Errors after non-ASCII text still count columns in scalars.
        TOMLErrorCase(
            "\"ключ\" = \"значение\" 2", 1, 21, "expected a line break after the value of key \"ключ\", found '2'"),
        TOMLErrorCase("a = \"\"\"\n😀 é\n\"\"\"\nb = 1 2", 4, 7, "expected a line break after the value of key \"b\""),
    ]

    @Test("reports line, column and what was expected", arguments: cases)
    func typicalMistakes(_ example: TOMLErrorCase) throws {
        let error = try #require(TOMLExpectError(example.document), "document should be rejected")
        #expect(error.position == SourcePosition(line: example.line, column: example.column), "\(error)")
        #expect(error.message.contains(example.message), "\(error)")
        if let related = example.related {
            #expect(error.related == related, "\(error)")
            #expect(error.relatedMessage != nil)
        }
        #expect(error.description.hasPrefix("\(example.line):\(example.column): "))
    }

    @Test func invalidUTF8NamesTheByteOffset() throws {
        let bytes = Array("a = \"ok\"\nb = \"".utf8) + [0xFF] + Array("\"\n".utf8)
        do {
            _ = try TOMLParser.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message.contains("invalid UTF-8 at byte offset 14"), "\(error)")
            #expect(error.message.contains("0xFF"), "\(error)")
            #expect(error.position == SourcePosition(line: 2, column: 6))
        }
    }

    @Test(arguments: [
        // (bytes, offset of the first bad byte)
        ([0x61, 0x20, 0x3D, 0x20, 0x22, 0xC0, 0xAF, 0x22] as [UInt8], 5),  // overlong '/'
        ([0x61, 0x20, 0x3D, 0x20, 0x22, 0xED, 0xA0, 0x80, 0x22], 5),  // UTF-16 surrogate
        ([0x61, 0x20, 0x3D, 0x20, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 5),  // above U+10FFFF
        ([0x61, 0x20, 0x3D, 0x20, 0x22, 0xE2, 0x82], 5),  // truncated at the end
        ([0x23, 0x20, 0xC3, 0xA9, 0x80], 4),  // stray continuation byte after é in a comment
        ([0xEF, 0xBB, 0xBF, 0x61, 0xFE], 4),  // after a byte order mark
    ])
    func invalidUTF8Sequences(bytes: [UInt8], offset: Int) throws {
        do {
            _ = try TOMLParser.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message.contains("invalid UTF-8 at byte offset \(offset) "), "\(error)")
            #expect(error.position.line == 1)
        }
    }

    @Test func invalidUTF8PositionCountsScalarsBeforeIt() throws {
        // "é" is two bytes but one column; the bad byte is the fourth column of line 2.
        let bytes = Array("x = 1\n# é".utf8) + [0xFF]
        do {
            _ = try TOMLParser.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message.contains("byte offset 10"), "\(error)")
            #expect(error.position == SourcePosition(line: 2, column: 4))
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deepArray = "a = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let arrayError = try #require(TOMLExpectError(deepArray))
        #expect(arrayError.message.contains("nested more than"))

        let deepTable = "[" + Array(repeating: "k", count: 1_000).joined(separator: ".") + "]"
        let tableError = try #require(TOMLExpectError(deepTable))
        #expect(tableError.message.contains("nested more than"))
    }
}
