/// Reads a YAML configuration file into the format-neutral `ConfigTable` tree.
///
/// libyaml does the scanning (it is the system's YAML implementation, so behaviour matches other
/// tools on the machine); the tree is built here from its event stream so every node keeps its
/// line and column and the configuration rules are enforced in one place:
///
/// - exactly one document, whose root is a mapping (an empty document reads as an empty table);
/// - plain scalars stay text, except `true`/`false` and `~`/`null`/empty, so `min-version: 1.2`
///   is the string "1.2" and not a float that has already lost its spelling;
/// - keys are scalars and unique within their mapping;
/// - explicit tags are limited to `!!str`, `!!map`, `!!seq` and the non-specific `!`, since the
///   tree has no place for application types;
/// - merge keys (`<<`) are rejected rather than read as an ordinary key, so a file written for a
///   merging loader fails loudly instead of having its shared settings silently ignored;
/// - aliases are expanded, within `YAMLLimits`, so an alias bomb fails fast instead of exhausting memory.
@_spi(Plumbing) public enum YAMLParser: Sendable {
    @_spi(Plumbing) public static func parse(_ bytes: [UInt8]) throws(ConfigSyntaxError) -> ConfigNode.Table {
        try parse(bytes, limits: .standard)
    }

    @_spi(Plumbing) public static func parse(_ text: String) throws(ConfigSyntaxError) -> ConfigNode.Table {
        try parse(Array(text.utf8), limits: .standard)
    }

    /// Tests use this to check the limits without building inputs at the standard sizes.
    static func parse(_ bytes: [UInt8], limits: YAMLLimits) throws(ConfigSyntaxError) -> ConfigNode.Table {
        let source = try YAMLSourceText(validating: bytes)
        // libyaml asserts on a null input pointer, which an empty array may have.
        if bytes.isEmpty { return ConfigNode.Table() }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ConfigSyntaxError) -> ConfigNode.Table in
            let reader = try YAMLEventReader(input: buffer, source: source)
            var builder = YAMLTreeBuilder(limits: limits)
            while true {
                if let table = try builder.consume(reader.next()) {
                    return table
                }
            }
        }
    }
}
