import Testing
@_spi(Plumbing) import TLSConfig

/// Where keys and values are reported to be: diagnostics draw carets from these spans.
@Suite("TOML positions")
struct TOMLPositionTests {
    private func span(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceSpan {
        SourceSpan(
            start: SourcePosition(line: startLine, column: startColumn),
            end: SourcePosition(line: endLine, column: endColumn))
    }

    private func table(_ node: ConfigNode?) -> ConfigTable? {
        guard case .table(let table)? = node?.value else { return nil }
        return table
    }

    @Test func keyAndValueSpansOnOneLine() throws {
        let document = try TOMLParser.parse("name = \"value\"\nport = 443 # comment\n")
        #expect(document.entry("name")?.keySpan == span(1, 1, 1, 5))
        #expect(document["name"]?.span == span(1, 8, 1, 15))
        #expect(document.entry("port")?.keySpan == span(2, 1, 2, 5))
        #expect(document["port"]?.span == span(2, 8, 2, 11))
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        // Cyrillic letters are two bytes each, the emoji four; each is one column.
        let text = "\"ключ\" = \"значение\" # коммент\nemoji = \"😀😀\" \nnext = 1\n"
        let document = try TOMLParser.parse(text)
        #expect(document.entry("ключ")?.keySpan == span(1, 1, 1, 7))
        #expect(document["ключ"]?.span == span(1, 10, 1, 20))
        #expect(document["emoji"]?.span == span(2, 9, 2, 13))
        #expect(document.entry("next")?.keySpan == span(3, 1, 3, 5))
        // The byte and string entry points agree.
        #expect(try TOMLParser.parse(Array(text.utf8)) == document)
    }

    @Test func positionsAfterMultilineStrings() throws {
        let text = """
            a = \"\"\"
            line one
            line two\"\"\"
            b = '''
            é
            '''
            c = [
              1, # one
              "two",
            ]
            d = 4
            """
        let document = try TOMLParser.parse(text)
        #expect(document["a"]?.span == span(1, 5, 3, 12))
        #expect(document["a"]?.value == .string("line one\nline two"))
        #expect(document.entry("b")?.keySpan == span(4, 1, 4, 2))
        #expect(document["b"]?.span == span(4, 5, 6, 4))
        #expect(document["c"]?.span == span(7, 5, 10, 2))
        guard case .array(let elements)? = document["c"]?.value else {
            Issue.record("c is not an array")
            return
        }
        #expect(elements.map(\.span) == [span(8, 3, 8, 4), span(9, 3, 9, 8)])
        #expect(document.entry("d")?.keySpan == span(11, 1, 11, 2))
        #expect(document["d"]?.span == span(11, 5, 11, 6))
    }

    @Test func crlfLineEndingsAndByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a = 1\r\nb = \"\"\"x\r\ny\"\"\"\r\nc = 3\r\n".utf8)
        let document = try TOMLParser.parse(bytes)
        #expect(document.entry("a")?.keySpan == span(1, 1, 1, 2))
        #expect(document["b"]?.value == .string("x\ny"))
        #expect(document.entry("c")?.keySpan == span(4, 1, 4, 2))
    }

    @Test func headerTablesCarryTheirHeaderSpan() throws {
        let text = """
            [server.tls]
            verify = "full"

            [[hosts]]
            name = "a"
            [[hosts]]
            name = "b"
            """
        let document = try TOMLParser.parse(text)
        let server = try #require(document.entry("server"))
        // `server` only appears in passing, so it gets the span of its key in the header.
        #expect(server.keySpan == span(1, 2, 1, 8))
        #expect(server.value.span == span(1, 2, 1, 8))
        let tls = try #require(table(server.value)?.entry("tls"))
        #expect(tls.keySpan == span(1, 9, 1, 12))
        #expect(tls.value.span == span(1, 1, 1, 13))

        let hosts = try #require(document.entry("hosts"))
        #expect(hosts.keySpan == span(4, 3, 4, 8))
        #expect(hosts.value.span == span(4, 1, 4, 10))
        guard case .array(let elements) = hosts.value.value else {
            Issue.record("hosts is not an array")
            return
        }
        #expect(elements.map(\.span) == [span(4, 1, 4, 10), span(6, 1, 6, 10)])
        #expect(table(elements[1])?.entry("name")?.keySpan == span(7, 1, 7, 5))
    }

    @Test func implicitTableTakesSpanOfLaterHeader() throws {
        let document = try TOMLParser.parse("[a.b]\nx = 1\n[a]\ny = 2\n")
        let a = try #require(document.entry("a"))
        #expect(a.keySpan == span(3, 2, 3, 3))
        #expect(a.value.span == span(3, 1, 3, 4))
    }

    @Test func dottedKeysAndInlineTables() throws {
        let text = "a.b.c = 1\nt = { x = 1, y.z = \"é\" }\n"
        let document = try TOMLParser.parse(text)
        let a = try #require(document.entry("a"))
        #expect(a.keySpan == span(1, 1, 1, 2))
        #expect(a.value.span == span(1, 1, 1, 2))
        let b = try #require(table(a.value)?.entry("b"))
        #expect(b.keySpan == span(1, 3, 1, 4))
        #expect(b.value.span == span(1, 1, 1, 4))
        let c = try #require(table(b.value)?.entry("c"))
        #expect(c.keySpan == span(1, 5, 1, 6))
        #expect(c.value.span == span(1, 9, 1, 10))

        let t = try #require(document.entry("t"))
        #expect(t.value.span == span(2, 5, 2, 25))
        #expect(table(t.value)?.entry("x")?.keySpan == span(2, 7, 2, 8))
        let y = try #require(table(t.value)?.entry("y"))
        #expect(y.keySpan == span(2, 14, 2, 15))
        #expect(table(y.value)?.entry("z")?.value.span == span(2, 20, 2, 23))
    }

    @Test func valuesOfEveryKind() throws {
        let text = """
            s = "tab\\tnew\\nquote\\" \\u00E9 \\U0001F600"
            l = 'C:\\path'
            i = [0xff, 0o17, 0b101, -9_223_372_036_854_775_808, +42]
            f = [1.5, -0.0, 6.02e23, 1e-7, inf, -inf, nan, 1_000.000_1]
            b = [true, false]
            d = [1979-05-27T07:32:00.999999-07:00, 1979-05-27 07:32:00Z, 1979-05-27T07:32:00, 1979-05-27, 07:32:00.5]
            e = []
            """
        let document = try TOMLParser.parse(text)
        #expect(document["s"]?.value == .string("tab\tnew\nquote\" é 😀"))
        #expect(document["l"]?.value == .string("C:\\path"))
        guard case .array(let ints)? = document["i"]?.value,
            case .array(let floats)? = document["f"]?.value,
            case .array(let dates)? = document["d"]?.value
        else {
            Issue.record("arrays missing")
            return
        }
        #expect(ints.map(\.value) == [.integer(255), .integer(15), .integer(5), .integer(.min), .integer(42)])
        let doubles = floats.compactMap { node -> Double? in
            if case .float(let value) = node.value { return value }
            return nil
        }
        #expect(doubles.count == 8)
        #expect(doubles[0] == 1.5)
        #expect(doubles[1] == 0 && doubles[1].sign == .minus)
        #expect(doubles[2] == 6.02e23)
        #expect(doubles[3] == 1e-7)
        #expect(doubles[4] == .infinity && doubles[5] == -.infinity && doubles[6].isNaN)
        #expect(doubles[7] == 1000.0001)
        #expect(
            document["b"]?.value
                == .array([
                    ConfigNode(.bool(true), span: span(5, 6, 5, 10)),
                    ConfigNode(.bool(false), span: span(5, 12, 5, 17)),
                ]))
        #expect(
            dates.map(\.value) == [
                .dateTime(
                    ConfigDateTime(
                        kind: .offsetDateTime, year: 1979, month: 5, day: 27, hour: 7, minute: 32, second: 0,
                        nanosecond: 999_999_000, offsetMinutes: -420)),
                .dateTime(
                    ConfigDateTime(
                        kind: .offsetDateTime, year: 1979, month: 5, day: 27, hour: 7, minute: 32, offsetMinutes: 0)),
                .dateTime(ConfigDateTime(kind: .localDateTime, year: 1979, month: 5, day: 27, hour: 7, minute: 32)),
                .dateTime(ConfigDateTime(kind: .localDate, year: 1979, month: 5, day: 27)),
                .dateTime(ConfigDateTime(kind: .localTime, hour: 7, minute: 32, nanosecond: 500_000_000)),
            ])
        #expect(dates[1].span == span(6, 40, 6, 60))
        #expect(document["e"]?.value == .array([]))
    }

    @Test func keysKeepDocumentOrder() throws {
        let keys = (0..<40).map { "key\($0)" }
        let text = keys.reversed().map { "\($0) = 1\n" }.joined()
        let document = try TOMLParser.parse(text)
        #expect(document.entries.map(\.key) == keys.reversed())
    }
}
