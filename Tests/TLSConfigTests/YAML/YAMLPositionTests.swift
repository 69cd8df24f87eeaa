import Testing
@_spi(Plumbing) @testable import TLSConfig

@Suite("YAML positions")
struct YAMLPositionTests {
    typealias S = YAMLTestSupport

    @Test func keysAndScalarValues() throws {
        let table = try YAMLParser.parse("ca-file: /etc/ca.pem\nverify: \"none\"\n")
        #expect(table.entry("ca-file")?.keySpan == S.span(1, 1, to: 1, 8))
        #expect(table["ca-file"]?.span == S.span(1, 10, to: 1, 21))
        #expect(table.entry("verify")?.keySpan == S.span(2, 1, to: 2, 7))
        // Quotes are part of the value's extent.
        #expect(table["verify"]?.span == S.span(2, 9, to: 2, 15))
    }

    @Test func nestedValues() throws {
        let text = """
            hosts:
              example.com:
                verify: none
                alpn: [h2, http/1.1]
            """
        let table = try YAMLParser.parse(text)
        let hosts = try #require(table.entry("hosts"))
        guard case .table(let hostTable) = hosts.value.value else {
            Issue.record("hosts is not a table")
            return
        }
        let host = try #require(hostTable.entry("example.com"))
        #expect(host.keySpan == S.span(2, 3, to: 2, 14))
        guard case .table(let settings) = host.value.value else {
            Issue.record("host is not a table")
            return
        }
        #expect(settings.entry("verify")?.keySpan.start == S.position(3, 5))
        #expect(settings["verify"]?.span == S.span(3, 13, to: 3, 17))
        let alpn = try #require(settings["alpn"])
        #expect(alpn.span == S.span(4, 11, to: 4, 25))
        guard case .array(let items) = alpn.value else {
            Issue.record("alpn is not an array")
            return
        }
        #expect(items.map(\.span) == [S.span(4, 12, to: 4, 14), S.span(4, 16, to: 4, 24)])
        // A block mapping ends where its last value ends, not at the next line.
        #expect(host.value.span == S.span(3, 5, to: 4, 25))
        #expect(hosts.value.span == S.span(2, 3, to: 4, 25))
    }

    @Test func columnsCountUnicodeScalarsBeforeAValue() throws {
        // "é" here is precomposed (one scalar); "ü" below is u + U+0308 (two scalars, one grapheme).
        let table = try YAMLParser.parse("# ünïcødé\nclé: 😀 x\n\"u\u{308}\": [日本, v]\n")
        #expect(table.entry("clé")?.keySpan == S.span(2, 1, to: 2, 4))
        #expect(table["clé"]?.span == S.span(2, 6, to: 2, 9))
        let second = try #require(table.entry("u\u{308}"))
        #expect(second.keySpan == S.span(3, 1, to: 3, 5))
        guard case .array(let items) = second.value.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.span.start) == [S.position(3, 8), S.position(3, 12)])
    }

    @Test func emptyValueSitsRightAfterTheColon() throws {
        let table = try YAMLParser.parse("a:\nb: 1\n")
        #expect(table["a"]?.value == .null)
        #expect(table["a"]?.span.start == S.position(1, 3))
    }

    @Test func blockSequenceItemsAndBlockScalars() throws {
        let table = try YAMLParser.parse("ca-file:\n  - one.pem\n  - two.pem\nnote: |\n  text\n")
        guard case .array(let items)? = table["ca-file"]?.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.span) == [S.span(2, 5, to: 2, 12), S.span(3, 5, to: 3, 12)])
        #expect(table["ca-file"]?.span == S.span(2, 3, to: 3, 12))
        #expect(table["note"]?.span.start == S.position(4, 7))
    }

    @Test func aliasValueKeepsItsDefinitionAndAliasKeyItsSite() throws {
        let table = try YAMLParser.parse("base: &b /ca.pem\nname: &k ca-file\nother:\n  *k : *b\n")
        guard case .table(let other)? = table["other"]?.value else {
            Issue.record("not a table")
            return
        }
        let entry = try #require(other.entry("ca-file"))
        #expect(entry.keySpan == S.span(4, 3, to: 4, 5))
        // The anchored node's span includes its `&b` property.
        #expect(entry.value.span == S.span(1, 7, to: 1, 17))
    }
}
