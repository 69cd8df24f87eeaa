/// A finished node with the measurements the limits need, so an alias can be costed without
/// walking the tree it expands to.
struct YAMLBuiltNode: Sendable {
    var node: ConfigNode
    /// Nodes in this subtree, itself and keys included.
    var nodeCount: Int
    /// 0 for a scalar, 1 + the deepest child for a collection.
    var height: Int
    /// Kept for scalars so one can serve as a mapping key with its original spelling.
    var scalar: YAMLScalar?
}
