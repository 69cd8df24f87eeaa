import Testing
@_spi(Plumbing) @testable import TLSConfig

@Suite("YAML errors")
struct YAMLErrorTests {
    typealias S = YAMLTestSupport

    private func failure(_ text: String) -> ConfigSyntaxError? {
        #expect(throws: ConfigSyntaxError.self) { try YAMLParser.parse(text) }
    }

    private func failure(bytes: [UInt8]) -> ConfigSyntaxError? {
        #expect(throws: ConfigSyntaxError.self) { try YAMLParser.parse(bytes) }
    }

    @Test(arguments: [
        ("- a\n- b\n", 1, 1, "found a sequence"),
        ("hello\n", 1, 1, "found a string"),
        ("~\n", 1, 1, "found an empty value"),
        ("true\n", 1, 1, "found a boolean"),
        ("--- [a]\n", 1, 5, "found a sequence"),
        ("\"\"\n", 1, 1, "found a string"),
    ])
    func rootMustBeAMapping(text: String, line: Int, column: Int, found: String) {
        let error = failure(text)
        #expect(error?.message == "expected a mapping at the top level, \(found)")
        #expect(error?.position == S.position(line, column))
    }

    @Test func duplicateKey() {
        let error = failure("a: 1\nb: 2\na: 3\n")
        #expect(error?.message == #"duplicate key "a""#)
        #expect(error?.position == S.position(3, 1))
        #expect(error?.related == S.position(1, 1))
        #expect(error?.relatedMessage == "first defined here")
    }

    @Test func duplicateKeyInNestedFlowMappingAndQuotedSpelling() {
        let error = failure("x:\n  y: {a: 1, 'a': 2}\n")
        #expect(error?.message == #"duplicate key "a""#)
        #expect(error?.position == S.position(2, 13))
        #expect(error?.related == S.position(2, 7))
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let root = try YAMLParser.parse("a: {k: one}\nb: {k: two}\n")
        guard case .table(let a)? = root["a"]?.value, case .table(let b)? = root["b"]?.value else {
            Issue.record("a and b must be mappings: \(root)")
            return
        }
        #expect(a["k"]?.value == .string("one"))
        #expect(b["k"]?.value == .string("two"))
    }

    @Test(arguments: [
        ("a: 1\n---\nb: 2\n", 2, 1),
        ("---\na: 1\n...\n---\nb: 2\n", 4, 1),
        ("a: 1\n--- # nothing else\n", 2, 1),
    ])
    func moreThanOneDocument(text: String, line: Int, column: Int) {
        let error = failure(text)
        #expect(error?.message == "more than one document; a configuration file must hold exactly one")
        #expect(error?.position == S.position(line, column))
    }

    @Test(arguments: [
        ("[a, b]: c\n", 1, 1, "a sequence"),
        ("? {a: 1}\n: x\n", 1, 3, "a mapping"),
        ("x: {[1]: 2}\n", 1, 5, "a sequence"),
        ("m: &m {a: 1}\n? *m\n: y\n", 2, 3, "a mapping"),
        ("s: &s [1]\nt: {*s : y}\n", 2, 5, "a sequence"),
    ])
    func nonScalarKeys(text: String, line: Int, column: Int, noun: String) {
        let error = failure(text)
        #expect(error?.message == "a mapping key must be a scalar, not \(noun)")
        #expect(error?.position == S.position(line, column))
    }

    @Test func missingKey() {
        let error = failure("? \n: x\n")
        #expect(error?.message == "missing key before ':'")
        #expect(error?.position == S.position(1, 2))
    }

    @Test func mergeKeysAreRejected() {
        let error = failure("base: &b {verify: none}\nhost:\n  <<: *b\n")
        #expect(error?.message.hasPrefix("merge keys (<<) are not supported") == true)
        #expect(error?.position == S.position(3, 3))
    }

    @Test(arguments: [
        ("a: !foo x\n", 1, 4, "unknown tag !foo; remove the tag (only !!str is accepted)"),
        ("a: !!int 3\n", 1, 4, "unsupported tag !!int on a scalar; remove the tag"),
        ("a: !!bool true\n", 1, 4, "unsupported tag !!bool on a scalar; remove the tag"),
        ("a: !!seq {b: 1}\n", 1, 4, "unsupported tag !!seq on a mapping; remove the tag"),
        ("a:\n  - !!str x\n  - !thing [1]\n", 3, 5, "unknown tag !thing; remove the tag (only !!str is accepted)"),
        ("!!set\n? a\n", 1, 1, "unsupported tag !!set on a mapping; remove the tag"),
        (
            "a: &x !<tag:example.com,2000:t> v\n", 1, 4,
            "unknown tag tag:example.com,2000:t; remove the tag (only !!str is accepted)"
        ),
        ("!foo k: v\n", 1, 1, "unknown tag !foo; remove the tag (only !!str is accepted)"),
    ])
    func tags(text: String, line: Int, column: Int, message: String) {
        let error = failure(text)
        #expect(error?.message == message)
        #expect(error?.position == S.position(line, column))
    }

    @Test func undefinedAlias() {
        let error = failure("a: 1\nb: *nope\n")
        #expect(error?.message == "undefined alias *nope")
        #expect(error?.position == S.position(2, 4))
    }

    @Test func aliasMustComeAfterItsAnchor() {
        let error = failure("a: *later\nb: &later 1\n")
        #expect(error?.message == "undefined alias *later")
    }

    @Test func recursiveAlias() {
        let error = failure("a: &x [1, {b: *x}]\n")
        #expect(error?.message == "alias *x refers to a collection that contains it")
        #expect(error?.position == S.position(1, 15))
    }

    @Test func libyamlProblemWithoutContext() {
        let error = failure("a: b\n  c: d\n")
        #expect(error?.message == "mapping values are not allowed in this context")
        #expect(error?.position == S.position(2, 4))
        #expect(error?.related == nil)
    }

    @Test func libyamlProblemWithContext() {
        let error = failure("a: [1, 2\nb: 3\n")
        #expect(error?.message == "did not find expected ',' or ']' while parsing a flow sequence")
        #expect(error?.position == S.position(2, 2))
        #expect(error?.related == S.position(1, 4))
        #expect(error?.relatedMessage == "while parsing a flow sequence")
    }

    @Test func unterminatedQuote() {
        let error = failure("a: 'unterminated\n")
        #expect(error?.message == "found unexpected end of stream while scanning a quoted scalar")
        #expect(error?.position == S.position(2, 1))
        #expect(error?.related == S.position(1, 4))
    }

    @Test func tabIndentationIsExplained() {
        let error = failure("a:\n\tb: 1\n")
        #expect(
            error?.message
                == "found character that cannot start any token (a tab; YAML indentation must use spaces) while scanning for the next token"
        )
        #expect(error?.position == S.position(2, 1))
    }

    @Test func controlCharacter() {
        let error = failure("a: 1\nbé: \u{7}\n")
        #expect(error?.message == "control characters are not allowed (U+0007)")
        #expect(error?.position == S.position(2, 5))
    }

    @Test func nulByte() {
        let error = failure(bytes: Array("a: x".utf8) + [0] + Array("y\n".utf8))
        #expect(error?.message == "control characters are not allowed (U+0000)")
        #expect(error?.position == S.position(1, 5))
    }

    @Test func invalidUTF8() {
        let error = failure(bytes: Array("a: 1\nbé: ".utf8) + [0xFF] + Array("\n".utf8))
        #expect(error?.message == "invalid UTF-8 (byte 0xFF); YAML configuration files must be UTF-8")
        #expect(error?.position == S.position(2, 5))
    }

    @Test func truncatedAndOverlongUTF8() {
        // A lone lead byte at the end, then an overlong encoding of "/", then a UTF-16 surrogate.
        #expect(failure(bytes: Array("a: ".utf8) + [0xC3])?.position == S.position(1, 4))
        #expect(
            failure(bytes: Array("a: ".utf8) + [0xC0, 0xAF])?.message.hasPrefix("invalid UTF-8 (byte 0xC0)") == true)
        #expect(failure(bytes: Array("\r\nab".utf8) + [0xED, 0xA0, 0x80])?.position == S.position(2, 3))
    }

    @Test func utf16IsNamed() {
        let error = failure(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00])
        #expect(error?.message == "the file is UTF-16 encoded; YAML configuration files must be UTF-8")
        #expect(error?.position == S.position(1, 1))
    }

    @Test func errorDescriptionLeadsWithThePosition() {
        #expect(failure("a: *nope\n")?.description == "1:4: undefined alias *nope")
    }
}
