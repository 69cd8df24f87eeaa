#if Configuration
public import Configuration
@_spi(Plumbing) import TLSConfig

/// TOML for swift-configuration's file providers, read by TLSConfig's TOML 1.0 reader (which
/// passes the toml-test suite): `FileProvider<TOMLSnapshot>(filePath: "app.toml")`.
///
/// Tables flatten to dot-separated keys (`[database] host` is `database.host`), as the JSON and
/// YAML snapshots do; arrays of strings, integers, floats and booleans are the array types;
/// dates and times are strings in TOML's own spelling. A syntax error is thrown with its line
/// and column. Arrays of tables, which swift-configuration has no type for, are left out.
/// The snapshot lists its keys and their positions (``ConfigKeyListing``).
public struct TOMLSnapshot: FileConfigSnapshot, ConfigKeyListing {
    /// How values are read.
    public struct ParsingOptions: FileParsingOptions {
        /// Decodes `bytes` values from strings; base64 by default.
        public var bytesDecoder: any ConfigBytesFromStringDecoder
        /// Which values are secrets (redacted by access reporters).
        public var secretsSpecifier: SecretsSpecifier<String, String>

        /// Options.
        public init(
            bytesDecoder: some ConfigBytesFromStringDecoder = .base64,
            secretsSpecifier: SecretsSpecifier<String, String> = .none
        ) {
            self.bytesDecoder = bytesDecoder
            self.secretsSpecifier = secretsSpecifier
        }

        /// Base64 bytes, no secrets.
        public static var `default`: Self { Self() }
    }

    /// A syntax error, or a value that does not convert to the type asked for.
    public struct Error: Swift.Error, CustomStringConvertible {
        /// What went wrong, with the position for syntax errors.
        public var description: String
    }

    private struct Leaf: Sendable {
        var node: ConfigNode
        var isSecret: Bool
    }

    /// The provider's name, such as `FileProvider<TOMLSnapshot>`.
    public let providerName: String
    /// The file, when the snapshot was made with ``init(bytes:providerName:file:parsingOptions:)``;
    /// `FileProvider` does not pass its path to the snapshots it makes.
    public let file: String?
    private let leaves: [String: Leaf]
    /// Keys as components (a quoted TOML key may hold dots: `hosts."api.example.com"`).
    private let order: [[String]]
    private let bytesDecoder: any ConfigBytesFromStringDecoder

    /// Parses TOML `data`.
    public init(data: RawSpan, providerName: String, parsingOptions: ParsingOptions) throws {
        let bytes = data.withUnsafeBytes { Array($0) }
        try self.init(bytes: bytes, providerName: providerName, file: nil, parsingOptions: parsingOptions)
    }

    /// Parses TOML `bytes` read from `file` (named in positions).
    public init(
        bytes: [UInt8], providerName: String = "TOMLSnapshot", file: String?, parsingOptions: ParsingOptions = .default
    ) throws {
        let table: ConfigNode.Table
        do {
            table = try TOMLParser.parse(bytes)
        } catch {
            throw Error(description: "\(file ?? providerName): \(error)")
        }
        var leaves: [String: Leaf] = [:]
        var order: [[String]] = []
        func flatten(_ table: ConfigNode.Table, prefix: [String]) {
            for entry in table.entries {
                let components = prefix + [entry.key]
                let key = components.joined(separator: ".")
                if case .table(let inner) = entry.value.value {
                    flatten(inner, prefix: components)
                    continue
                }
                if case .array(let items) = entry.value.value,
                    items.contains(where: { if case .table = $0.value { true } else { false } })
                {
                    continue
                }
                let secret =
                    if case .string(let text) = entry.value.value {
                        parsingOptions.secretsSpecifier.isSecret(key: key, value: text)
                    } else { false }
                leaves[key] = Leaf(node: entry.value, isSecret: secret)
                order.append(components)
            }
        }
        flatten(table, prefix: [])
        self.providerName = providerName
        self.file = file
        self.leaves = leaves
        self.order = order
        self.bytesDecoder = parsingOptions.bytesDecoder
    }

    /// The value of `key` as `type`; `nil` when absent, an error when it does not convert.
    public func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult {
        let encoded = key.components.joined(separator: ".")
        guard let leaf = leaves[encoded] else { return LookupResult(encodedKey: encoded, value: nil) }
        guard let content = convert(leaf.node, to: type) else {
            throw Error(description: "\(encoded) is \(leaf.node.typeName), not convertible to \(type)")
        }
        return LookupResult(encodedKey: encoded, value: ConfigValue(content, isSecret: leaf.isSecret))
    }

    /// Every key with a value, in written order.
    public var keys: [AbsoluteConfigKey] {
        order.map { AbsoluteConfigKey($0) }
    }

    /// Where the value of `key` was written.
    public func position(of key: AbsoluteConfigKey) -> (line: Int, column: Int)? {
        leaves[key.components.joined(separator: ".")].map { ($0.node.span.start.line, $0.node.span.start.column) }
    }

    /// `TOMLSnapshot[N values]`.
    public var description: String { "\(providerName)[\(order.count) values]" }

    /// Keys and types, secrets redacted.
    public var debugDescription: String {
        "\(providerName)["
            + order.map { components in
                let key = components.joined(separator: ".")
                return "\(key): \(leaves[key]!.isSecret ? "<secret>" : leaves[key]!.node.typeName)"
            }.joined(separator: ", ") + "]"
    }

    private func convert(_ node: ConfigNode, to type: ConfigType) -> ConfigContent? {
        switch (type, node.value) {
        case (.string, .string(let text)): .string(text)
        case (.string, .dateTime(let value)): .string(Self.spell(value))
        case (.int, .integer(let value)): .int(Int(value))
        case (.double, .float(let value)): .double(value)
        case (.double, .integer(let value)): .double(Double(value))
        case (.bool, .bool(let value)): .bool(value)
        case (.bytes, .string(let text)): bytesDecoder.decode(text).map(ConfigContent.bytes)
        case (.stringArray, .array(let items)): strings(items).map(ConfigContent.stringArray)
        case (.intArray, .array(let items)): ints(items).map(ConfigContent.intArray)
        case (.doubleArray, .array(let items)): doubles(items).map(ConfigContent.doubleArray)
        case (.boolArray, .array(let items)): bools(items).map(ConfigContent.boolArray)
        case (.byteChunkArray, .array(let items)):
            strings(items).flatMap { texts in
                let chunks = texts.compactMap(bytesDecoder.decode)
                return chunks.count == texts.count ? .byteChunkArray(chunks) : nil
            }
        default: nil
        }
    }

    private func strings(_ items: [ConfigNode]) -> [String]? {
        let values = items.compactMap { node -> String? in if case .string(let text) = node.value { text } else { nil }
        }
        return values.count == items.count ? values : nil
    }

    private func ints(_ items: [ConfigNode]) -> [Int]? {
        let values = items.compactMap { node -> Int? in
            if case .integer(let value) = node.value { Int(value) } else { nil }
        }
        return values.count == items.count ? values : nil
    }

    private func doubles(_ items: [ConfigNode]) -> [Double]? {
        let values = items.compactMap { node -> Double? in
            switch node.value {
            case .float(let value): value
            case .integer(let value): Double(value)
            default: nil
            }
        }
        return values.count == items.count ? values : nil
    }

    private func bools(_ items: [ConfigNode]) -> [Bool]? {
        let values = items.compactMap { node -> Bool? in if case .bool(let value) = node.value { value } else { nil } }
        return values.count == items.count ? values : nil
    }

    /// RFC 3339 as TOML writes it.
    private static func spell(_ value: ConfigNode.DateTime) -> String {
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let date =
            "\(String(repeating: "0", count: max(0, 4 - String(value.year).count)))\(value.year)-\(two(value.month))-\(two(value.day))"
        var time = "\(two(value.hour)):\(two(value.minute)):\(two(value.second))"
        if value.nanosecond > 0 {
            var fraction = String(value.nanosecond)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            time += "." + fraction
        }
        let offset: String =
            value.offsetMinutes.map { minutes in
                minutes == 0 ? "Z" : (minutes < 0 ? "-" : "+") + two(abs(minutes) / 60) + ":" + two(abs(minutes) % 60)
            } ?? ""
        switch value.kind {
        case .offsetDateTime: return date + "T" + time + offset
        case .localDateTime: return date + "T" + time
        case .localDate: return date
        case .localTime: return time
        }
    }
}
#endif
