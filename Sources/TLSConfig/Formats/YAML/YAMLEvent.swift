/// One libyaml parsing event, copied into Swift values so the tree builder never touches C memory
/// and the libyaml event can be freed as soon as it has been read.
struct YAMLEvent: Sendable {
    enum Kind: Sendable {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias(anchor: String)
        case scalar(YAMLScalar)
        case sequenceStart(YAMLNodeProperties, isFlow: Bool)
        case sequenceEnd
        case mappingStart(YAMLNodeProperties, isFlow: Bool)
        case mappingEnd
    }

    var kind: Kind
    /// From libyaml's start and end marks; a node's span includes its anchor and tag.
    var span: SourceSpan
}
