/// One value offered for a setting by one place. The winner becomes the resolved value;
/// the others are kept with the reason they lost, so `show --all` can explain them.
package struct Candidate: Sendable, Hashable {
    /// The setting offered.
    package var key: SettingKey
    /// The value in display form (paths absolute; passphrase sources, never secrets).
    package var display: String
    /// Where the offer was written.
    package var origin: Origin
    /// The layer it belongs to, which ranks it first.
    package var layer: Layer

    /// A candidate.
    package init(key: SettingKey, display: String, origin: Origin, layer: Layer) {
        self.key = key
        self.display = display
        self.origin = origin
        self.layer = layer
    }
}

/// Why a candidate did not become the resolved value.
package enum LossReason: Sendable, Hashable, CustomStringConvertible {
    /// A higher layer, or a file of a higher scope, set the key.
    case lowerPrecedence(winner: Origin)
    /// A more specific host section in the same layer set the key.
    case lessSpecificSection(winner: Origin)
    /// The key belongs to an atomic group that was taken whole from another place.
    case groupTakenElsewhere(group: SettingKey.Group, winner: Origin)
    /// The host section does not match the host being resolved.
    case sectionDoesNotMatch(pattern: String)

    /// The reason in words, as `show --all` prints it.
    package var description: String {
        switch self {
        case .lowerPrecedence(let winner): "lower precedence than \(winner)"
        case .lessSpecificSection(let winner): "less specific host section than \(winner)"
        case .groupTakenElsewhere(let group, let winner): "the \(group.rawValue) group was taken whole from \(winner)"
        case .sectionDoesNotMatch(let pattern): "host section \"\(pattern)\" does not match"
        }
    }
}

/// A candidate that lost, and why.
package struct LosingCandidate: Sendable, Hashable {
    /// What lost.
    package var candidate: Candidate
    /// Why.
    package var reason: LossReason

    /// A losing candidate.
    package init(_ candidate: Candidate, reason: LossReason) {
        self.candidate = candidate
        self.reason = reason
    }
}
