/// Picks, for every key, the offer that wins and records why the others lost.
///
/// Ranking: layer order first; inside the file layer, host-section specificity, then
/// file scope. Atomic groups (trust, identity) are taken whole from the place of the
/// best-ranked offer of any member.
struct Selection {
    /// The winning offer per key.
    private(set) var winners: [SettingKey: Offer] = [:]
    private(set) var losers: [SettingKey: [LosingCandidate]] = [:]
    private(set) var matchedSections: [MatchedSection] = []
    var values: [ResolvedSetting] = []

    init(offers: [Offer], host: HostTarget?, layers: [Layer]) {
        var applicable: [Offer] = []
        var sectionSpecificity: [MatchedSection: HostPattern.Specificity] = [:]
        for offer in offers {
            if let section = offer.section {
                guard let host, section.matches(host) else {
                    losers[offer.key, default: []].append(LosingCandidate(offer.candidate, reason: .sectionDoesNotMatch(pattern: section.description)))
                    continue
                }
                if case .file(let location) = offer.origin, let pattern = location.section {
                    let matched = MatchedSection(path: location.path, pattern: pattern)
                    if sectionSpecificity.updateValue(section.specificity, forKey: matched) == nil {
                        matchedSections.append(matched)
                    }
                }
            }
            applicable.append(offer)
        }
        // Rank once per offer, then sort indices: offers are large values, and the sort is stable by index.
        let ranks = applicable.map { Self.rank($0, layers) }
        let ranked = applicable.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }.map { applicable[$0] }

        for group in SettingKey.Group.allCases {
            guard let best = ranked.first(where: { $0.key.group == group }) else { continue }
            for offer in ranked where offer.key.group == group {
                if offer.place == best.place, winners[offer.key] == nil {
                    winners[offer.key] = offer
                } else if offer.place == best.place {
                    lose(offer, .lowerPrecedence(winner: winners[offer.key]!.origin))
                } else {
                    lose(offer, .groupTakenElsewhere(group: group, winner: best.origin))
                }
            }
        }
        for offer in ranked where offer.key.group == nil {
            guard let winner = winners[offer.key] else {
                winners[offer.key] = offer
                continue
            }
            let lessSpecific = winner.layer == offer.layer && winner.specificity > offer.specificity
            lose(offer, lessSpecific ? .lessSpecificSection(winner: winner.origin) : .lowerPrecedence(winner: winner.origin))
        }
        matchedSections.sort { sectionSpecificity[$0]! > sectionSpecificity[$1]! }
    }

    private mutating func lose(_ offer: Offer, _ reason: LossReason) {
        losers[offer.key, default: []].append(LosingCandidate(offer.candidate, reason: reason))
    }

    /// Smaller ranks first.
    private static func rank(_ offer: Offer, _ layers: [Layer]) -> Rank {
        Rank(
            layer: layers.firstIndex(of: offer.layer) ?? layers.count,
            specificity: offer.specificity,
            scope: offer.scope.map { FileScope.allCases.firstIndex(of: $0)! } ?? 0,
            order: offer.order
        )
    }

    private struct Rank: Comparable {
        var layer: Int
        var specificity: HostPattern.Specificity
        var scope: Int
        var order: Int

        static func < (lhs: Rank, rhs: Rank) -> Bool {
            if lhs.layer != rhs.layer { return lhs.layer < rhs.layer }
            if lhs.specificity != rhs.specificity { return lhs.specificity > rhs.specificity }
            if lhs.scope != rhs.scope { return lhs.scope < rhs.scope }
            return lhs.order < rhs.order
        }
    }

    func losers(of key: SettingKey) -> [LosingCandidate] {
        losers[key] ?? []
    }
}

extension Offer {
    var specificity: HostPattern.Specificity { section?.specificity ?? .global }
}
