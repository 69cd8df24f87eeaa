/// The explicit tags a configuration file may use.
///
/// Only tags that restate what the node already is are accepted (`!!str`, `!!map`, `!!seq` and the
/// non-specific `!`); any other tag asks for a type the configuration tree cannot hold, and
/// ignoring it would read the value differently from what the author meant.
enum YAMLTag {
    private static let standardPrefix = "tag:yaml.org,2002:"

    static func check(_ tag: String?, on kind: YAMLNodeKind, at position: SourcePosition) throws(ConfigSyntaxError) {
        guard let tag, tag != "!" else { return }
        let accepted =
            switch kind {
            case .scalar: standardPrefix + "str"
            case .sequence: standardPrefix + "seq"
            case .mapping: standardPrefix + "map"
            }
        if tag == accepted { return }
        let shown = display(tag)
        if tag.hasPrefix(standardPrefix) {
            throw ConfigSyntaxError("unsupported tag \(shown) on \(kind.noun); remove the tag", at: position)
        }
        throw ConfigSyntaxError("unknown tag \(shown); remove the tag (only !!str is accepted)", at: position)
    }

    /// Shows a resolved tag the way it is usually written.
    static func display(_ tag: String) -> String {
        if tag.hasPrefix(standardPrefix) {
            return "!!" + tag.dropFirst(standardPrefix.count)
        }
        return tag
    }
}
