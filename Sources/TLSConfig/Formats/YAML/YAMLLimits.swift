/// Ceilings that bound the time, memory and stack a hostile or broken file can cost.
///
/// Configuration files are tiny, so the ceilings sit far above any real file while still failing
/// in milliseconds on an alias bomb or a pathologically nested document.
struct YAMLLimits: Sendable {
    /// Open mappings and sequences, counting the root; also applied to what an alias expands to,
    /// so no consumer that walks the tree recursively can be driven into a stack overflow.
    var maxDepth = 200
    /// Nodes materialised through aliases, summed over every alias in the file. Expanded trees
    /// share storage while parsing, but anything that walks them pays for each copy.
    var maxAliasExpansion = 10_000
    /// Every node in the expanded tree, keys included.
    var maxNodes = 1_000_000

    static let standard = YAMLLimits()
}
