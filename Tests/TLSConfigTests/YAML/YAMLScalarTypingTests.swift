import Testing
@_spi(Plumbing) @testable import TLSConfig

@Suite("YAML scalar typing")
struct YAMLScalarTypingTests {
    @Test func plainNumbersStayText() throws {
        let table = try YAMLParser.parse("min-version: 1.2\nport: 443\nratio: 1e3\nhex: 0x1F\nversion: 1.10\n")
        #expect(table["min-version"]?.value == .string("1.2"))
        #expect(table["port"]?.value == .string("443"))
        #expect(table["ratio"]?.value == .string("1e3"))
        #expect(table["hex"]?.value == .string("0x1F"))
        #expect(table["version"]?.value == .string("1.10"))
    }

    @Test func onlyTrueAndFalseAreBooleans() throws {
        let rendered = try YAMLTestSupport.renderParsed(
            "a: true\nb: false\nc: yes\nd: no\ne: on\nf: off\ng: True\nh: FALSE\ni: y\n"
        )
        #expect(
            rendered == #"{a: true, b: false, c: "yes", d: "no", e: "on", f: "off", g: "True", h: "FALSE", i: "y"}"#)
    }

    @Test func nullSpellings() throws {
        let rendered = try YAMLTestSupport.renderParsed("a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\ng: [~, ]\n")
        #expect(rendered == #"{a: null, b: null, c: null, d: null, e: null, f: "nULL", g: [null]}"#)
    }

    @Test func quotedAndBlockScalarsAreAlwaysStrings() throws {
        let text = """
            a: "true"
            b: 'null'
            c: ""
            d: '~'
            e: |
              true
            f: >-
              false
            g: "443"
            """
        let rendered = try YAMLTestSupport.renderParsed(text)
        #expect(rendered == #"{a: "true", b: "null", c: "", d: "~", e: "true\n", f: "false", g: "443"}"#)
    }

    @Test func acceptedTagsMakeStringsOrRestateTheKind() throws {
        let rendered = try YAMLTestSupport.renderParsed(
            "a: !!str true\nb: !!str\nc: ! null\nd: !<tag:yaml.org,2002:str> 1.5\ne: !!map {x: 1}\nf: !!seq [1]\n"
        )
        #expect(rendered == #"{a: "true", b: "", c: "null", d: "1.5", e: {x: "1"}, f: ["1"]}"#)
    }

    @Test func escapesFoldingAndUnicode() throws {
        let text = """
            a: "caf\\u00e9\\t\\x41"
            b: 'it''s'
            c: first
              second
            d: "日本語 ✓"
            e: >
              one
              two
            """
        let table = try YAMLParser.parse(text)
        #expect(table["a"]?.value == .string("café\tA"))
        #expect(table["b"]?.value == .string("it's"))
        #expect(table["c"]?.value == .string("first second"))
        #expect(table["d"]?.value == .string("日本語 ✓"))
        // Clip chomping keeps the final line break only when the text has one.
        #expect(table["e"]?.value == .string("one two"))
    }

    @Test func keysKeepTheirSpelling() throws {
        let table = try YAMLParser.parse("true: a\n~: b\n443: c\n\"<<\": d\n'': e\n")
        #expect(table.entries.map(\.key) == ["true", "~", "443", "<<", ""])
    }

    @Test func embeddedNulFromAnEscapeIsKept() throws {
        let table = try YAMLParser.parse(#"a: "x\0y""#)
        #expect(table["a"]?.value == .string("x\u{0}y"))
    }
}
