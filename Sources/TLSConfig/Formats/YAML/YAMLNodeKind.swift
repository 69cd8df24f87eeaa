/// The three YAML node shapes, named as YAML names them so messages match what the user wrote.
enum YAMLNodeKind: Sendable {
    case scalar
    case sequence
    case mapping

    var noun: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}
