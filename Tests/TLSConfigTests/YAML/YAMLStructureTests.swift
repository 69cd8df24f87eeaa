import Testing
@_spi(Plumbing) @testable import TLSConfig

@Suite("YAML structure")
struct YAMLStructureTests {
    @Test func nestedBlockMappingsAndSequences() throws {
        let text = """
            trust: system+custom
            ca-file:
              - ./a.pem
              - ./b.pem
            hosts:
              "*.internal":
                verify: no-hostname
                alpn:
                  - h2
                  - http/1.1
              example.com:443:
                client-cert: ./me.pem
            """
        let rendered = try YAMLTestSupport.renderParsed(text)
        #expect(
            rendered == """
                {trust: "system+custom", ca-file: ["./a.pem", "./b.pem"], hosts: {*.internal: {verify: "no-hostname", \
                alpn: ["h2", "http/1.1"]}, example.com:443: {client-cert: "./me.pem"}}}
                """)
    }

    @Test func flowCollections() throws {
        let rendered = try YAMLTestSupport.renderParsed(
            "alpn: [h2, 'http/1.1']\nhost: {verify: none, pins: [a, b], empty: {}, none: []}\nnested: [[1, [2]], {x: [y]}]\n"
        )
        #expect(
            rendered == """
                {alpn: ["h2", "http/1.1"], host: {verify: "none", pins: ["a", "b"], empty: {}, none: []}, \
                nested: [["1", ["2"]], {x: ["y"]}]}
                """)
    }

    @Test func rootCanBeAFlowMapping() throws {
        #expect(try YAMLTestSupport.renderParsed("{a: 1, b: [true]}") == #"{a: "1", b: [true]}"#)
    }

    @Test func sequenceOfMappingsAndCompactForms() throws {
        let text = """
            list:
            - name: a
              port: 1
            - name: b
            - - x
              - y
            """
        #expect(try YAMLTestSupport.renderParsed(text) == #"{list: [{name: "a", port: "1"}, {name: "b"}, ["x", "y"]]}"#)
    }

    @Test func keyOrderIsKept() throws {
        let table = try YAMLParser.parse("z: 1\na: 2\nm: 3\n")
        #expect(table.entries.map(\.key) == ["z", "a", "m"])
    }

    @Test(arguments: ["", "   \n", "# just a comment\n", "---\n", "--- \n...\n", "%YAML 1.1\n---\n"])
    func emptyDocumentsAreEmptyTables(text: String) throws {
        #expect(try YAMLParser.parse(text).entries.isEmpty)
    }

    @Test func documentMarkersAroundOneDocumentAreFine() throws {
        #expect(try YAMLTestSupport.renderParsed("%YAML 1.1\n---\na: 1\n...\n") == #"{a: "1"}"#)
    }

    @Test func aliasesExpand() throws {
        let text = """
            defaults: &defaults
              verify: full
              alpn: [h2]
            name: &n example.com
            hosts:
              a: *defaults
              b: *n
            """
        let table = try YAMLParser.parse(text)
        #expect(table["hosts"].map(YAMLTestSupport.render) == #"{a: {verify: "full", alpn: ["h2"]}, b: "example.com"}"#)
    }

    @Test func aliasToAScalarCanBeAKey() throws {
        let table = try YAMLParser.parse("k: &key ca-file\n*key : x\n")
        #expect(table.entries.map(\.key) == ["k", "ca-file"])
    }

    @Test func anAliasUsesTheMostRecentAnchor() throws {
        let table = try YAMLParser.parse("a: &x one\nb: &x two\nc: *x\nd: &y [&y inner, *y]\ne: *y\n")
        #expect(YAMLTestSupport.render(table) == #"{a: "one", b: "two", c: "two", d: ["inner", "inner"], e: "inner"}"#)
    }

    @Test func crlfAndByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb:\r\n  - x\r\n".utf8)
        let table = try YAMLParser.parse(bytes)
        #expect(YAMLTestSupport.render(table) == #"{a: "1", b: ["x"]}"#)
        #expect(table.entry("a")?.keySpan == YAMLTestSupport.span(1, 1, to: 1, 2))
        #expect(table["b"]?.span.start == YAMLTestSupport.position(3, 3))
    }

    @Test func bytesAndTextAgree() throws {
        let text = "a: [1, {b: c}]\nd: \"é\"\n"
        #expect(try YAMLParser.parse(text) == YAMLParser.parse(Array(text.utf8)))
    }
}
