/// A mapping or sequence whose end event has not arrived yet.
///
/// Mapping rules that only need the mapping itself live here: keys must be scalars, must not be
/// empty or a merge key, and must be unique.
struct YAMLCollectionBuilder {
    let kind: YAMLNodeKind
    let start: SourcePosition
    let isFlow: Bool
    let anchor: (name: String, serial: Int)?

    private var items: [ConfigNode] = []
    private var entries: [ConfigNode.Table.Entry] = []
    private var firstKeyPositions: [String: SourcePosition] = [:]
    private var pendingKey: (text: String, span: SourceSpan)?
    private var nodeCount = 1
    private var childHeight = 0
    /// Where the last child's text ends; a block collection ends there, not where libyaml's end
    /// event is (the start of whatever follows, often lines later).
    private var lastEnd: SourcePosition

    init(kind: YAMLNodeKind, start: SourcePosition, isFlow: Bool, anchor: (name: String, serial: Int)?) {
        self.kind = kind
        self.start = start
        self.isFlow = isFlow
        self.anchor = anchor
        self.lastEnd = start
    }

    var expectsKey: Bool { kind == .mapping && pendingKey == nil }

    /// Adds the next child. `site` is where it appears in the text: the node's own span, or the
    /// alias that stands for it.
    mutating func add(_ built: YAMLBuiltNode, site: SourceSpan) throws(ConfigSyntaxError) {
        nodeCount += built.nodeCount
        childHeight = max(childHeight, built.height)
        lastEnd = site.end
        switch kind {
        case .sequence, .scalar:
            items.append(built.node)
        case .mapping:
            if let key = pendingKey {
                entries.append(ConfigNode.Table.Entry(key: key.text, keySpan: key.span, value: built.node))
                pendingKey = nil
            } else {
                pendingKey = (try Self.keyText(of: built, at: site.start), site)
                try checkUnique(site: site)
            }
        }
    }

    private static func keyText(
        of built: YAMLBuiltNode, at position: SourcePosition
    ) throws(ConfigSyntaxError) -> String {
        guard let scalar = built.scalar else {
            let noun =
                if case .table = built.node.value { YAMLNodeKind.mapping.noun } else { YAMLNodeKind.sequence.noun }
            throw ConfigSyntaxError("a mapping key must be a scalar, not \(noun)", at: position)
        }
        if scalar.isUntaggedPlain {
            if scalar.text.isEmpty {
                throw ConfigSyntaxError("missing key before ':'", at: position)
            }
            if scalar.text == "<<" {
                throw ConfigSyntaxError(
                    "merge keys (<<) are not supported; write the settings out, or quote \"<<\" to use it as a plain key",
                    at: position
                )
            }
        }
        return scalar.text
    }

    private mutating func checkUnique(site: SourceSpan) throws(ConfigSyntaxError) {
        guard let key = pendingKey?.text else { return }
        if let first = firstKeyPositions[key] {
            throw ConfigSyntaxError(
                "duplicate key \(key.debugDescription)", at: site.start,
                related: first, relatedMessage: "first defined here"
            )
        }
        firstKeyPositions[key] = site.start
    }

    /// `endEvent` is the span of libyaml's end event, which for a flow collection covers the
    /// closing bracket.
    func finish(endEvent: SourceSpan) -> YAMLBuiltNode {
        let value: ConfigNode.Value = kind == .mapping ? .table(ConfigNode.Table(entries)) : .array(items)
        let span = SourceSpan(start: start, end: isFlow ? endEvent.end : lastEnd)
        return YAMLBuiltNode(
            node: ConfigNode(value, span: span), nodeCount: nodeCount, height: childHeight + 1, scalar: nil)
    }
}
