/// The tables of a document while it is being read, and TOML's rules for defining them.
///
/// `ConfigTable` is an immutable-looking value with linear lookup, which suits consumers but
/// not a parser that adds keys to tables it opened many lines earlier. So tables live in an
/// arena (`tables`), refer to each other by index, and switch to a dictionary once they grow;
/// the finished tree is assembled into `ConfigTable`s once, at the end. Entries are kept as
/// `ConfigNode.Table.Entry` from the start, with a placeholder where a child table goes, so
/// assembling moves them instead of copying every value. Inline tables and arrays can never
/// change after their closing bracket, so they are converted as soon as they close and stored
/// as plain values.
struct TOMLDocumentBuilder {
    /// How a table came to exist; this decides what may later add to it.
    enum Kind {
        case root
        /// Created as a parent of a `[a.b]` or `[[a.b]]` header; `[a]` may still define it once.
        case implicit
        /// Defined by its own `[header]`.
        case header
        /// Created by a dotted key such as `a.b = 1`; more dotted keys in the same place may
        /// add to it, a header may not define it again.
        case dotted
        /// One element of an array of tables.
        case arrayElement
        /// The table an inline table `{ ... }` is read into before it is converted.
        case inline
    }

    /// What an entry holds; a table or array of tables is filled in when the tree is assembled.
    enum Slot {
        /// A finished value: a scalar, an array value or an inline table.
        case value
        case table(Int)
        case tableArray(Int)
    }

    struct Table {
        var kind: Kind
        var span: SourceSpan
        /// The containing table and the key under it, kept only to name tables in messages.
        var parent: Int
        var name: String
        var depth: Int
        var entries: [ConfigNode.Table.Entry] = []
        /// Parallel to `entries`.
        var slots: [Slot] = []
        /// Filled in once `entries` outgrows a linear scan.
        var lookup: [String: Int] = [:]
    }

    struct TableArray {
        var span: SourceSpan
        var elements: [Int]
    }

    /// Deeper tables are almost certainly a mistake or an attack, and converting them recurses.
    static let maximumDepth = 128
    /// Below this many keys a linear scan beats hashing the key.
    private static let lookupThreshold = 12

    private var tables: [Table]
    private var arrays: [TableArray] = []

    init() {
        let origin = SourceSpan(line: 1, column: 1)
        tables = [Table(kind: .root, span: origin, parent: -1, name: "", depth: 0)]
        tables.reserveCapacity(64)
    }

    static let root = 0

    // MARK: Lookup

    private func find(_ name: String, in table: Int) -> Int? {
        if !tables[table].lookup.isEmpty {
            return tables[table].lookup[name]
        }
        var index = 0
        let count = tables[table].entries.count
        while index < count {
            if tables[table].entries[index].key == name {
                return index
            }
            index += 1
        }
        return nil
    }

    private mutating func append(
        _ key: TOMLKey, _ slot: Slot, value: ConfigNode, to table: Int
    ) {
        let position = tables[table].entries.count
        tables[table].entries.append(ConfigNode.Table.Entry(key: key.name, keySpan: key.span, value: value))
        tables[table].slots.append(slot)
        if !tables[table].lookup.isEmpty {
            tables[table].lookup[key.name] = position
        } else if position + 1 >= Self.lookupThreshold {
            var lookup = [String: Int](minimumCapacity: position * 2 + 2)
            for (offset, existing) in tables[table].entries.enumerated() {
                lookup[existing.key] = offset
            }
            tables[table].lookup = lookup
        }
    }

    /// Stands in for a child table until the tree is assembled.
    private static func placeholder(_ span: SourceSpan) -> ConfigNode {
        ConfigNode(.null, span: span)
    }

    private mutating func newTable(
        _ kind: Kind, span: SourceSpan, parent: Int, name: String, at key: TOMLKey
    ) throws(ConfigSyntaxError) -> Int {
        let depth = tables[parent].depth + 1
        guard depth <= Self.maximumDepth else {
            throw ConfigSyntaxError(
                "tables are nested more than \(Self.maximumDepth) levels deep", at: key.span.start)
        }
        tables.append(Table(kind: kind, span: span, parent: parent, name: name, depth: depth))
        return tables.count - 1
    }

    // MARK: Headers

    /// Walks one non-final component of a `[a.b.c]` or `[[a.b.c]]` header.
    mutating func headerStep(from table: Int, key: TOMLKey) throws(ConfigSyntaxError) -> Int {
        guard let index = find(key.name, in: table) else {
            let child = try newTable(.implicit, span: key.span, parent: table, name: key.name, at: key)
            append(key, .table(child), value: Self.placeholder(key.span), to: table)
            return child
        }
        let entry = tables[table].entries[index]
        switch tables[table].slots[index] {
        case .table(let child):
            return child
        case .tableArray(let array):
            return arrays[array].elements[arrays[array].elements.count - 1]
        case .value:
            throw notATable(entry.value, entry: entry, key: key, in: table)
        }
    }

    /// Defines the table a `[header]` names and returns it.
    mutating func defineTable(in table: Int, key: TOMLKey, headerSpan: SourceSpan) throws(ConfigSyntaxError) -> Int {
        guard let index = find(key.name, in: table) else {
            let child = try newTable(.header, span: headerSpan, parent: table, name: key.name, at: key)
            append(key, .table(child), value: Self.placeholder(key.span), to: table)
            return child
        }
        let entry = tables[table].entries[index]
        let path = "[" + displayPath(of: table, then: key.name) + "]"
        switch tables[table].slots[index] {
        case .table(let child):
            let existing = tables[child]
            switch existing.kind {
            case .implicit:
                // `[a.b]` created `a` in passing; this header is where `a` is really defined.
                tables[child].kind = .header
                tables[child].span = headerSpan
                tables[table].entries[index].keySpan = key.span
                return child
            case .dotted:
                throw ConfigSyntaxError(
                    "table \(path) is already defined by dotted keys (at \(existing.span.start)); a table cannot be defined twice",
                    at: key.span.start, related: existing.span.start, relatedMessage: "defined here")
            case .root, .header, .arrayElement, .inline:
                throw ConfigSyntaxError(
                    "table \(path) is already defined (first defined at \(existing.span.start))",
                    at: key.span.start, related: existing.span.start, relatedMessage: "first defined here")
            }
        case .tableArray(let array):
            let start = arrays[array].span.start
            throw ConfigSyntaxError(
                "\(path) is already an array of tables (defined at \(start)); use [\(path)] to add an element",
                at: key.span.start, related: start, relatedMessage: "array of tables defined here")
        case .value:
            let node = entry.value
            let what = if case .table = node.value { "an inline table" } else { node.typeName }
            throw ConfigSyntaxError(
                "cannot define table \(path): key \(quotedPath(of: table, then: key.name)) is already \(what) (defined at \(entry.keySpan.start))",
                at: key.span.start, related: entry.keySpan.start, relatedMessage: "defined here")
        }
    }

    /// Adds a new element to the array of tables a `[[header]]` names and returns it.
    mutating func appendArrayTable(in table: Int, key: TOMLKey, headerSpan: SourceSpan) throws(ConfigSyntaxError) -> Int
    {
        guard let index = find(key.name, in: table) else {
            let element = try newTable(.arrayElement, span: headerSpan, parent: table, name: key.name, at: key)
            arrays.append(TableArray(span: headerSpan, elements: [element]))
            append(key, .tableArray(arrays.count - 1), value: Self.placeholder(headerSpan), to: table)
            return element
        }
        let entry = tables[table].entries[index]
        let path = "[[" + displayPath(of: table, then: key.name) + "]]"
        switch tables[table].slots[index] {
        case .tableArray(let array):
            let element = try newTable(.arrayElement, span: headerSpan, parent: table, name: key.name, at: key)
            arrays[array].elements.append(element)
            return element
        case .table(let child):
            let start = tables[child].span.start
            throw ConfigSyntaxError(
                "cannot define array of tables \(path): \(quotedPath(of: table, then: key.name)) is already a table (defined at \(start))",
                at: key.span.start, related: start, relatedMessage: "table defined here")
        case .value:
            let node = entry.value
            let reason: String
            if case .array = node.value {
                reason =
                    "it is an array value (defined at \(entry.keySpan.start)), and [[...]] can only add to arrays of tables"
            } else {
                reason =
                    "key \(quotedPath(of: table, then: key.name)) is already \(node.typeName) (defined at \(entry.keySpan.start))"
            }
            throw ConfigSyntaxError(
                "cannot define array of tables \(path): \(reason)",
                at: key.span.start, related: entry.keySpan.start, relatedMessage: "defined here")
        }
    }

    // MARK: Key/value pairs

    /// Walks one non-final component of a dotted key such as `a.b.c = 1`.
    mutating func dottedStep(from table: Int, key: TOMLKey, pathStart: SourcePosition) throws(ConfigSyntaxError) -> Int
    {
        guard let index = find(key.name, in: table) else {
            let span = SourceSpan(start: pathStart, end: key.span.end)
            let child = try newTable(.dotted, span: span, parent: table, name: key.name, at: key)
            append(key, .table(child), value: Self.placeholder(key.span), to: table)
            return child
        }
        let entry = tables[table].entries[index]
        switch tables[table].slots[index] {
        case .table(let child):
            let existing = tables[child]
            switch existing.kind {
            case .dotted:
                return child
            case .implicit:
                // Only a header named it so far; from now on it counts as defined by dotted keys.
                tables[child].kind = .dotted
                return child
            case .root, .header, .arrayElement, .inline:
                let path = displayPath(of: child)
                throw ConfigSyntaxError(
                    "cannot add to table [\(path)] with a dotted key: it is defined by its header at \(existing.span.start)",
                    at: key.span.start, related: existing.span.start, relatedMessage: "table defined here")
            }
        case .tableArray(let array):
            let start = arrays[array].span.start
            let path = displayPath(of: table, then: key.name)
            throw ConfigSyntaxError(
                "cannot add to array of tables [[\(path)]] with a dotted key (defined at \(start))",
                at: key.span.start, related: start, relatedMessage: "array of tables defined here")
        case .value:
            throw notATable(entry.value, entry: entry, key: key, in: table)
        }
    }

    /// Rejects a key that the table already has, before its value is read.
    func checkNewKey(_ key: TOMLKey, in table: Int) throws(ConfigSyntaxError) {
        guard let index = find(key.name, in: table) else { return }
        let first = tables[table].entries[index].keySpan.start
        throw ConfigSyntaxError(
            "duplicate key \(quotedPath(of: table, then: key.name)) (first defined at \(first))",
            at: key.span.start, related: first, relatedMessage: "first defined here")
    }

    /// Adds a key checked with `checkNewKey`.
    mutating func appendValue(_ value: ConfigNode, key: TOMLKey, to table: Int) {
        append(key, .value, value: value, to: table)
    }

    private func notATable(
        _ node: ConfigNode, entry: ConfigNode.Table.Entry, key: TOMLKey, in table: Int
    ) -> ConfigSyntaxError {
        let path = quotedPath(of: table, then: key.name)
        let start = entry.keySpan.start
        let message: String
        switch node.value {
        case .table:
            message =
                "cannot add to inline table \(path) (defined at \(start)): an inline table is complete once written"
        case .array:
            message = "cannot add to \(path): it is an array value (defined at \(start)), not a table"
        default:
            message = "\(path) is already \(node.typeName) (defined at \(start)), not a table"
        }
        return ConfigSyntaxError(message, at: key.span.start, related: start, relatedMessage: "defined here")
    }

    // MARK: Inline tables

    /// Starts reading an inline table into a temporary arena table.
    mutating func beginInlineTable(span: SourceSpan) -> Int {
        tables.append(Table(kind: .inline, span: span, parent: -1, name: "", depth: 0))
        return tables.count - 1
    }

    /// Assembles a finished inline table and drops it, and every table created inside it, from
    /// the arena; they are always the last ones, because inline tables nest strictly.
    mutating func endInlineTable(_ table: Int) -> ConfigNode.Table {
        let result = assemble(table)
        tables.removeSubrange(table...)
        return result
    }

    // MARK: Assembly

    /// The finished document; the builder is left empty.
    mutating func build() -> ConfigNode.Table {
        assemble(Self.root)
    }

    /// Moves a table's entries out of the arena and fills in its child tables.
    private mutating func assemble(_ table: Int) -> ConfigNode.Table {
        var entries: [ConfigNode.Table.Entry] = []
        swap(&entries, &tables[table].entries)
        let slots = tables[table].slots
        for index in slots.indices {
            switch slots[index] {
            case .value:
                continue
            case .table(let child):
                let span = tables[child].span
                entries[index].value = ConfigNode(.table(assemble(child)), span: span)
            case .tableArray(let array):
                var elements: [ConfigNode] = []
                elements.reserveCapacity(arrays[array].elements.count)
                for element in arrays[array].elements {
                    let span = tables[element].span
                    elements.append(ConfigNode(.table(assemble(element)), span: span))
                }
                entries[index].value = ConfigNode(.array(elements), span: arrays[array].span)
            }
        }
        return ConfigNode.Table(entries)
    }

    // MARK: Names for messages

    /// The dotted path of a table from the document root (or from its inline table).
    func displayPath(of table: Int, then name: String? = nil) -> String {
        var names: [String] = []
        if let name {
            names.append(name)
        }
        var current = table
        while current >= 0, tables[current].parent >= 0 {
            names.append(tables[current].name)
            current = tables[current].parent
        }
        return TOMLKey.display(path: names.reversed())
    }

    /// The path in double quotes, unless it already contains quoted components.
    func quotedPath(of table: Int, then name: String) -> String {
        let path = displayPath(of: table, then: name)
        return path.contains("\"") ? path : "\"" + path + "\""
    }
}
