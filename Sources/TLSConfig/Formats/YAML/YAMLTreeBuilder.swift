/// Turns libyaml's event stream into a `ConfigTable`.
///
/// An explicit stack of open collections replaces recursion, so nesting depth is a counted limit
/// rather than a stack overflow. Rules that span the whole document live here: one document, a
/// mapping at the top, tags, aliases and the size limits.
struct YAMLTreeBuilder {
    private let limits: YAMLLimits
    private var stack: [YAMLCollectionBuilder] = []
    private var anchors = YAMLAnchorTable()
    private var documentCount = 0
    private var nodeCount = 0
    private var aliasNodeCount = 0
    private var root: ConfigNode.Table?

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    /// Returns the finished table once the stream has ended, nil while more events are needed.
    mutating func consume(_ event: YAMLEvent) throws(ConfigSyntaxError) -> ConfigNode.Table? {
        switch event.kind {
        case .streamStart, .documentEnd:
            break
        case .streamEnd:
            return root ?? ConfigNode.Table()
        case .documentStart:
            documentCount += 1
            if documentCount > 1 {
                throw ConfigSyntaxError(
                    "more than one document; a configuration file must hold exactly one", at: event.span.start
                )
            }
        case .scalar(let scalar):
            try YAMLTag.check(scalar.properties.tag, on: .scalar, at: event.span.start)
            try countNodes(1, at: event.span.start)
            let built = YAMLBuiltNode(
                node: ConfigNode(scalar.value, span: event.span), nodeCount: 1, height: 0, scalar: scalar)
            if let anchor = scalar.properties.anchor {
                anchors.define(anchor, node: built)
            }
            try deliver(built, site: event.span)
        case .alias(let name):
            try expandAlias(name, at: event.span)
        case .sequenceStart(let properties, let isFlow):
            try open(.sequence, properties: properties, isFlow: isFlow, at: event.span.start)
        case .mappingStart(let properties, let isFlow):
            try open(.mapping, properties: properties, isFlow: isFlow, at: event.span.start)
        case .sequenceEnd, .mappingEnd:
            guard let collection = stack.popLast() else {
                throw ConfigSyntaxError("unbalanced end of a collection in the YAML event stream", at: event.span.start)
            }
            let built = collection.finish(endEvent: event.span)
            if let anchor = collection.anchor {
                anchors.close(anchor.name, serial: anchor.serial, node: built)
            }
            try deliver(built, site: built.node.span)
        }
        return nil
    }

    private mutating func open(
        _ kind: YAMLNodeKind, properties: YAMLNodeProperties, isFlow: Bool, at position: SourcePosition
    ) throws(ConfigSyntaxError) {
        try YAMLTag.check(properties.tag, on: kind, at: position)
        if let parent = stack.last {
            // Caught at the start so a huge key is not built only to be rejected.
            if parent.expectsKey {
                throw ConfigSyntaxError("a mapping key must be a scalar, not \(kind.noun)", at: position)
            }
        } else if kind != .mapping {
            throw ConfigSyntaxError("expected a mapping at the top level, found \(kind.noun)", at: position)
        }
        if stack.count + 1 > limits.maxDepth {
            throw ConfigSyntaxError("nesting is deeper than \(limits.maxDepth) levels", at: position)
        }
        try countNodes(1, at: position)
        let anchor = properties.anchor.map { (name: $0, serial: anchors.open($0)) }
        stack.append(YAMLCollectionBuilder(kind: kind, start: position, isFlow: isFlow, anchor: anchor))
    }

    private mutating func expandAlias(_ name: String, at span: SourceSpan) throws(ConfigSyntaxError) {
        switch anchors.resolve(name) {
        case .undefined:
            throw ConfigSyntaxError("undefined alias *\(name)", at: span.start)
        case .recursive:
            throw ConfigSyntaxError("alias *\(name) refers to a collection that contains it", at: span.start)
        case .node(let built):
            aliasNodeCount += built.nodeCount
            if aliasNodeCount > limits.maxAliasExpansion {
                throw ConfigSyntaxError(
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes (a limit against alias bombs)",
                    at: span.start
                )
            }
            if stack.count + built.height > limits.maxDepth {
                throw ConfigSyntaxError(
                    "nesting is deeper than \(limits.maxDepth) levels once alias *\(name) is expanded", at: span.start
                )
            }
            try countNodes(built.nodeCount, at: span.start)
            // The expanded node keeps the spans of its definition, where its text actually is.
            try deliver(built, site: span)
        }
    }

    private mutating func countNodes(_ count: Int, at position: SourcePosition) throws(ConfigSyntaxError) {
        nodeCount += count
        if nodeCount > limits.maxNodes {
            throw ConfigSyntaxError("the document has more than \(limits.maxNodes) nodes", at: position)
        }
    }

    private mutating func deliver(_ built: YAMLBuiltNode, site: SourceSpan) throws(ConfigSyntaxError) {
        guard stack.isEmpty else {
            try stack[stack.count - 1].add(built, site: site)
            return
        }
        if case .table(let table) = built.node.value {
            root = table
        } else if let scalar = built.scalar, scalar.isUntaggedPlain, scalar.text.isEmpty {
            // `---` with nothing after it: an empty document.
            root = ConfigNode.Table()
        } else {
            throw ConfigSyntaxError("expected a mapping at the top level, found \(built.node.typeName)", at: site.start)
        }
    }
}
