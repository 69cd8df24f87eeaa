// Targets for the two readers, the PEM scanner and the host grammar. Besides "no crash",
// each checks properties a caller relies on, so a wrong answer is a finding too.

/// `TOMLParser.parse([UInt8])`; for valid UTF-8 the `String` entry point must agree.
enum TOMLTarget {
    static func run(_ bytes: [UInt8]) {
        let fromBytes: Result<ConfigTable, ConfigSyntaxError>
        do { fromBytes = .success(try TOMLParser.parse(bytes)) } catch { fromBytes = .failure(error) }
        TreeChecks.check(fromBytes, format: "TOML")

        if let text = String(validating: bytes, as: UTF8.self) {
            let fromText: Result<ConfigTable, ConfigSyntaxError>
            do { fromText = .success(try TOMLParser.parse(text)) } catch { fromText = .failure(error) }
            fuzzCheck(
                TreeChecks.describe(fromBytes) == TreeChecks.describe(fromText),
                "TOMLParser.parse(bytes) and parse(String) disagree:\n\(TreeChecks.describe(fromBytes))\n\(TreeChecks.describe(fromText))"
            )
        } else {
            guard case .failure = fromBytes else {
                fuzzCheck(false, "TOMLParser accepted invalid UTF-8")
                return
            }
        }
    }
}

/// `YAMLParser.parse([UInt8])` with the standard limits.
enum YAMLTarget {
    static func run(_ bytes: [UInt8]) {
        let result: Result<ConfigTable, ConfigSyntaxError>
        do { result = .success(try YAMLParser.parse(bytes)) } catch { result = .failure(error) }
        TreeChecks.check(result, format: "YAML")
    }
}

/// Properties of a parsed tree or a syntax error that the diagnostics rely on.
enum TreeChecks {
    static func check(_ result: Result<ConfigTable, ConfigSyntaxError>, format: String) {
        switch result {
        case .success(let table):
            check(table, format: format)
        case .failure(let error):
            fuzzCheck(
                error.position.line >= 1 && error.position.column >= 1,
                "\(format) error at \(error.position): \(error.message)")
            if let related = error.related {
                fuzzCheck(related.line >= 1 && related.column >= 1, "\(format) related position \(related)")
            }
            fuzzCheck(!error.message.isEmpty, "\(format) error without a message")
        }
    }

    private static func check(_ table: ConfigTable, format: String) {
        for entry in table.entries {
            check(entry.keySpan, "key \"\(entry.key)\"", format: format)
            check(entry.value, format: format)
        }
    }

    private static func check(_ node: ConfigNode, format: String) {
        check(node.span, node.typeName, format: format)
        switch node.value {
        case .array(let items): items.forEach { check($0, format: format) }
        case .table(let table): check(table, format: format)
        default: break
        }
    }

    private static func check(_ span: SourceSpan, _ what: String, format: String) {
        fuzzCheck(span.start.line >= 1 && span.start.column >= 1, "\(format) \(what) starts at \(span.start)")
        fuzzCheck(span.start <= span.end, "\(format) \(what) span ends before it starts: \(span.start)..<\(span.end)")
    }

    /// A stable description of a result, with floats by bit pattern so NaN compares equal to itself.
    static func describe(_ result: Result<ConfigTable, ConfigSyntaxError>) -> String {
        switch result {
        case .success(let table): "ok " + describe(table)
        case .failure(let error): "error \(error.position) \(error.related.map(\.description) ?? "-") \(error.message)"
        }
    }

    private static func describe(_ table: ConfigTable) -> String {
        "{"
            + table.entries.map {
                "\($0.key.debugDescription)@\($0.keySpan.start)-\($0.keySpan.end)=\(describe($0.value))"
            }.joined(separator: ",") + "}"
    }

    private static func describe(_ node: ConfigNode) -> String {
        let value =
            switch node.value {
            case .string(let text): text.debugDescription
            case .integer(let number): "i\(number)"
            case .float(let number): "f\(number.bitPattern)"
            case .bool(let flag): "\(flag)"
            case .dateTime(let date): "\(date)"
            case .null: "null"
            case .array(let items): "[" + items.map(describe).joined(separator: ",") + "]"
            case .table(let table): describe(table)
            }
        return "\(value)@\(node.span.start)-\(node.span.end)"
    }
}

/// `PEMScanner.scan`: counts must agree with each other and with the input.
enum PEMTarget {
    static func run(_ bytes: [UInt8]) {
        let summary = PEMScanner.scan(bytes)
        let begins = occurrences(of: Array("-----BEGIN ".utf8), in: bytes)
        fuzzCheck(
            summary.blockCount + summary.malformedBlocks <= begins,
            "more blocks (\(summary.blockCount) + \(summary.malformedBlocks) malformed) than BEGIN lines (\(begins))")
        // Blocks are in file order, inside the input, one after another, lines ascending.
        var previousEnd = 0
        var previousLine = 0
        for block in summary.blocks {
            fuzzCheck(
                block.range.lowerBound >= previousEnd && block.range.upperBound <= bytes.count,
                "block \(block.range) overlaps or leaves the input")
            fuzzCheck(block.line >= previousLine, "block lines out of order")
            fuzzCheck(
                Array(bytes[block.range].prefix(11)) == Array("-----BEGIN ".utf8), "block does not start with BEGIN")
            previousEnd = block.range.upperBound
            previousLine = block.line
        }
        fuzzCheck(
            summary.certificates == summary.certificateBlocks.filter(\.isWellFormed).count,
            "certificate count disagrees with its blocks")
        fuzzCheck(!(summary.looksLikeDER && summary.blockCount > 0), "DER and PEM blocks at once")
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        var count = 0
        var index = 0
        while let found = PEMScanner.find(needle, in: haystack, from: index) {
            count += 1
            index = found + 1
        }
        return count
    }
}

/// `HostPattern(parsing:)`, `HostTarget(parsing:)` and `matches`. The input is a pattern, a
/// newline, then a host. Normalised forms must parse back to themselves, and a host written
/// as a pattern must match that host.
enum HostTargetFuzz {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let patternText = String(parts[0])
        let hostText = parts.count > 1 ? String(parts[1]) : patternText

        let pattern = try? HostPattern(parsing: patternText)
        let target = try? HostTarget(parsing: hostText)
        if let pattern {
            _ = pattern.specificity
            let again = try? HostPattern(parsing: pattern.description)
            fuzzCheck(
                again == pattern,
                "pattern \(patternText.debugDescription) normalises to \(pattern.description.debugDescription), which reads back as \(String(describing: again))"
            )
        }
        if let target {
            let again = try? HostTarget(parsing: target.authority)
            fuzzCheck(
                again == target,
                "host \(hostText.debugDescription) normalises to \(target.authority.debugDescription), which reads back as \(String(describing: again))"
            )
            // The same text as a pattern must match it (a host is a valid pattern).
            let asPattern = try? HostPattern(parsing: hostText)
            fuzzCheck(
                asPattern?.matches(target) == true,
                "host \(hostText.debugDescription) does not match itself as a pattern")
            if let port = target.port {
                let split = try? HostTarget(host: target.kind == .ipv6 ? "[\(target.host)]" : target.host, port: port)
                fuzzCheck(split == target, "HostTarget(host:port:) differs for \(hostText.debugDescription)")
            }
        }
        if let pattern, let target {
            let matched = pattern.matches(target)
            if matched, pattern.isWildcard {
                fuzzCheck(
                    target.kind == .name && target.host != String(pattern.host.dropFirst(2)),
                    "wildcard \(pattern) matched the apex or an address \(target)")
            }
            if let port = pattern.port, matched {
                fuzzCheck(target.port == port, "pattern \(pattern) matched \(target) on another port")
            }
        }
    }
}
