/// The `&anchor` and `!tag` written before a node, copied out of libyaml's event.
struct YAMLNodeProperties: Sendable {
    var anchor: String?
    /// The resolved tag (`!!str` arrives as `tag:yaml.org,2002:str`); nil when none was written.
    var tag: String?
}
