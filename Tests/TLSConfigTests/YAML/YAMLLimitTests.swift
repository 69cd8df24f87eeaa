import Testing
@_spi(Plumbing) @testable import TLSConfig

@Suite("YAML limits")
struct YAMLLimitTests {
    typealias S = YAMLTestSupport

    /// The classic "billion laughs": nine levels of nine aliases, 9^9 strings if fully expanded.
    private static let billionLaughs: String = {
        var lines = [#"a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            lines.append("\(name): &\(name) [\(aliases)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func billionLaughsStopsAtTheAliasBudget() {
        let error = #expect(throws: ConfigSyntaxError.self) { try YAMLParser.parse(Self.billionLaughs) }
        #expect(error?.message == "aliases expand to more than 10000 nodes (a limit against alias bombs)")
        // b costs 9*10, c 9*91, d 9*820; the budget runs out inside e (line 5).
        #expect(error?.position.line == 5)
    }

    @Test func aliasBudgetBoundary() throws {
        var limits = YAMLLimits.standard
        limits.maxAliasExpansion = 8
        // Each alias of the three-item list costs 4 nodes: exactly two fit.
        let twice = "a: &a [1, 2, 3]\nb: *a\nc: *a\n"
        _ = try YAMLParser.parse(Array(twice.utf8), limits: limits)
        let error = #expect(throws: ConfigSyntaxError.self) {
            try YAMLParser.parse(Array((twice + "d: *a\n").utf8), limits: limits)
        }
        #expect(error?.position == S.position(4, 4))
    }

    @Test func deepFlowNestingFailsFast() {
        let text = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let error = #expect(throws: ConfigSyntaxError.self) { try YAMLParser.parse(text) }
        #expect(error?.message == "nesting is deeper than 200 levels")
        // The root mapping is level 1, so the 200th bracket opens level 201.
        #expect(error?.position == S.position(1, 203))
    }

    @Test func deepBlockNestingFailsFast() {
        let text = "a:\n" + String(repeating: "- ", count: 10_000) + "x\n"
        let error = #expect(throws: ConfigSyntaxError.self) { try YAMLParser.parse(text) }
        #expect(error?.message == "nesting is deeper than 200 levels")
        #expect(error?.position == S.position(2, 399))
    }

    @Test func nestingUpToTheLimitParses() throws {
        let text = "a: " + String(repeating: "[", count: 199) + "x" + String(repeating: "]", count: 199) + "\n"
        var node = try #require(try YAMLParser.parse(text)["a"])
        var depth = 1
        while case .array(let items) = node.value, let first = items.first {
            node = first
            depth += 1
        }
        #expect(depth == 200)
        #expect(node.value == .string("x"))
    }

    @Test func aliasesCannotExceedTheDepthLimit() {
        var limits = YAMLLimits.standard
        limits.maxDepth = 5
        // The anchored list is 3 deep; used inside 3 open collections it would reach 6.
        let text = "a: &deep [[[x]]]\nb: [[*deep]]\n"
        let error = #expect(throws: ConfigSyntaxError.self) { try YAMLParser.parse(Array(text.utf8), limits: limits) }
        #expect(error?.message == "nesting is deeper than 5 levels once alias *deep is expanded")
        #expect(error?.position == S.position(2, 6))
    }

    @Test func totalNodeLimit() {
        var limits = YAMLLimits.standard
        limits.maxNodes = 6
        // Root + three keys + two values fit; the third value is the seventh node.
        let error = #expect(throws: ConfigSyntaxError.self) {
            try YAMLParser.parse(Array("a: 1\nb: 2\nc: 3\n".utf8), limits: limits)
        }
        #expect(error?.message == "the document has more than 6 nodes")
        #expect(error?.position == S.position(3, 4))
    }

    @Test func tenThousandKeys() throws {
        let text = (0..<10_000).map { "key\($0): value\($0)" }.joined(separator: "\n") + "\n"
        let table = try YAMLParser.parse(text)
        #expect(table.entries.count == 10_000)
        let last = try #require(table.entries.last)
        #expect(last.key == "key9999")
        #expect(last.keySpan.start == S.position(10_000, 1))
        #expect(last.value.value == .string("value9999"))
        #expect(last.value.span == S.span(10_000, 10, to: 10_000, 19))
    }

    @Test func duplicateAmongTenThousandKeys() {
        let text = (0..<10_000).map { "key\($0): v" }.joined(separator: "\n") + "\nkey42: again\n"
        let error = #expect(throws: ConfigSyntaxError.self) { try YAMLParser.parse(text) }
        #expect(error?.position == S.position(10_001, 1))
        #expect(error?.related == S.position(43, 1))
    }
}
