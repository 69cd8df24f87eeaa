#if Configuration
import Configuration
import TLSConfig

/// Reads one provider's snapshot into a `ConfigDocument`: each value found under the scope
/// becomes a node at a position of its own (line N, column 1), and the document maps that
/// position to the provider and key, so the schema's checks (types, host patterns, unknown
/// keys, groups) run unchanged and every finding cites the provider.
struct ProviderDocumentReader {
    let snapshot: any ConfigSnapshot
    let scope: [String]
    private var origins: [SourcePosition: Origin] = [:]
    private var nextLine = 1

    init(snapshot: any ConfigSnapshot, scope: [String]) {
        self.snapshot = snapshot
        self.scope = scope
    }

    /// How `show` lists the provider among the configuration places.
    var path: String { "provider \(snapshot.providerName)" }

    private var listing: (any ConfigKeyListing)? { snapshot as? any ConfigKeyListing }

    mutating func document(patterns: [String], order: Int, baseDirectory: String) -> ConfigDocument? {
        var root = table(prefix: scope, section: nil, excluding: ["hosts", ConfigProviderDocuments.hostSectionsKey])
        var sections: [ConfigNode.Table.Entry] = []
        for pattern in patterns {
            let body = table(prefix: scope + ["hosts", pattern], section: pattern, excluding: [])
            guard !body.entries.isEmpty else { continue }
            let span = place(
                Origin.ProviderLocation(
                    provider: snapshot.providerName, key: (scope + ["hosts", pattern]).joined(separator: "."),
                    section: pattern))
            sections.append(
                ConfigNode.Table.Entry(key: pattern, keySpan: span, value: ConfigNode(.table(body), span: span)))
        }
        if !sections.isEmpty {
            let span = place(
                Origin.ProviderLocation(
                    provider: snapshot.providerName, key: (scope + ["hosts"]).joined(separator: ".")))
            root.entries.append(
                ConfigNode.Table.Entry(
                    key: "hosts", keySpan: span, value: ConfigNode(.table(ConfigNode.Table(sections)), span: span)))
        }
        guard !root.entries.isEmpty else { return nil }
        var document = ConfigDocument(path: path, scope: .explicit, format: .provider, root: root, source: "")
        document.order = order
        document.baseDirectory = listing?.file.map { PathName.directory(of: $0) } ?? baseDirectory
        document.valueOrigins = origins
        return document
    }

    /// The settings under `prefix`, then (for providers that list keys) every other key
    /// directly under it, which the schema reports as unknown with a did-you-mean.
    private mutating func table(prefix: [String], section: String?, excluding: Set<String>) -> ConfigNode.Table {
        var entries: [ConfigNode.Table.Entry] = []
        for key in SettingKey.allCases {
            if let entry = entry(prefix + [key.rawValue], name: key.rawValue, setting: key, section: section) {
                entries.append(entry)
            }
        }
        if let listing {
            var seen = Set(entries.map(\.key)).union(excluding)
            for key in listing.keys
            where key.components.count == prefix.count + 1 && Array(key.components.prefix(prefix.count)) == prefix {
                let name = key.components[prefix.count]
                guard seen.insert(name).inserted,
                    let entry = entry(key.components, name: name, setting: nil, section: section)
                else { continue }
                entries.append(entry)
            }
        }
        return ConfigNode.Table(entries)
    }

    /// The value at `components` as the node a file would have held: a string (lists given
    /// as one string split as variables are), an array, or, for the type checks, a number or
    /// boolean.
    private mutating func entry(
        _ components: [String], name: String, setting: SettingKey?, section: String?
    ) -> ConfigNode.Table.Entry? {
        let key = AbsoluteConfigKey(components)
        var found: (content: ConfigContent, encodedKey: String)?
        for type in [ConfigType.string, .stringArray, .int, .double, .bool] {
            if let result = try? snapshot.value(forKey: key, type: type), let value = result.value {
                found = (value.content, result.encodedKey)
                break
            }
        }
        guard let found else { return nil }
        var location = Origin.ProviderLocation(provider: snapshot.providerName, key: found.encodedKey, section: section)
        if let listing, let position = listing.position(of: key) {
            location.file = listing.file
            location.line = position.line
            location.column = position.column
        }
        let span = place(location)
        let value: ConfigNode.Value
        switch found.content {
        case .string(let text):
            if let setting, case let (items, true) = setting.items(ofVariableValue: text) {
                value = .array(items.map { ConfigNode(.string($0), span: span) })
            } else {
                value = .string(text)
            }
        case .stringArray(let items): value = .array(items.map { ConfigNode(.string($0), span: span) })
        case .int(let number): value = .integer(Int64(number))
        case .double(let number): value = .float(number)
        case .bool(let flag): value = .bool(flag)
        default: return nil
        }
        return ConfigNode.Table.Entry(key: name, keySpan: span, value: ConfigNode(value, span: span))
    }

    /// A position of its own for one value, mapped to where the provider keeps it.
    private mutating func place(_ location: Origin.ProviderLocation) -> SourceSpan {
        let position = SourcePosition(line: nextLine, column: 1)
        nextLine += 1
        origins[position] = .provider(location)
        return SourceSpan(start: position, end: SourcePosition(line: position.line, column: 2))
    }
}
#endif
