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
        // Offers are large values: the work below passes indices, and copies an offer only
        // when it wins.
        var applicable: [Int] = []
        applicable.reserveCapacity(offers.count)
        var sectionSpecificity: [MatchedSection: HostPattern.Specificity] = [:]
        for (index, offer) in offers.enumerated() {
            if let section = offer.section {
                guard let host, section.matches(host) else {
                    losers[offer.key, default: []].append(
                        LosingCandidate(offer.candidate, reason: .sectionDoesNotMatch(pattern: section.description)))
                    continue
                }
                let place: (path: String, pattern: String)? =
                    switch offer.origin {
                    case .file(let location): location.section.map { (location.path, $0) }
                    case .provider(let location): location.section.map { ("provider \(location.provider)", $0) }
                    default: nil
                    }
                if let place {
                    let matched = MatchedSection(path: place.path, pattern: place.pattern)
                    if sectionSpecificity.updateValue(section.specificity, forKey: matched) == nil {
                        matchedSections.append(matched)
                    }
                }
            }
            applicable.append(index)
        }
        // Rank once per offer, then sort indices; the sort is stable by index.
        let ranks = applicable.map { Self.rank(offers[$0], layers) }
        let ranked = applicable.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }.map {
            applicable[$0]
        }

        for group in SettingKey.Group.allCases {
            let members = ranked.filter { offers[$0].key.group == group }
            guard let best = Self.groupPlace(members, in: offers).map({ offers[$0] }) else { continue }
            // `SSL_CLIENT_CERT` cannot express a passphrase: one may come from the best place
            // that sets nothing of the group but the passphrase (never a key or certificate).
            let passphrasePlace =
                group == .identity && best.layer == .standardEnvironment
                ? Self.passphraseOnlyPlace(members, in: offers) : nil
            for index in members {
                let key = offers[index].key
                let inPlace =
                    offers[index].place == best.place
                    || (key.isIdentityPassphrase && offers[index].place == passphrasePlace)
                if inPlace, winners[key] == nil {
                    winners[key] = offers[index]
                } else if inPlace {
                    lose(offers[index], .lowerPrecedence(winner: winners[key]!.origin))
                } else {
                    lose(offers[index], .groupTakenElsewhere(group: group, winner: best.origin))
                }
            }
        }
        for index in ranked where offers[index].key.group == nil {
            let key = offers[index].key
            guard let winner = winners[key] else {
                winners[key] = offers[index]
                continue
            }
            let lessSpecific = winner.layer == offers[index].layer && winner.specificity > offers[index].specificity
            lose(
                offers[index],
                lessSpecific ? .lessSpecificSection(winner: winner.origin) : .lowerPrecedence(winner: winner.origin))
        }
        matchedSections.sort { sectionSpecificity[$0]! > sectionSpecificity[$1]! }
    }

    /// The offer whose place supplies the group: the best-ranked one, except that a place
    /// setting only `client-key-passphrase` does not take the identity group from a
    /// certificate in `SSL_CLIENT_CERT`, which needs a passphrase from somewhere else.
    private static func groupPlace(_ members: [Int], in offers: [Offer]) -> Int? {
        guard let best = members.first else { return nil }
        if isPassphraseOnly(offers[best].place, members, in: offers),
            let certificate = members.first(where: {
                offers[$0].key.isIdentityCertificate && offers[$0].layer == .standardEnvironment
            })
        {
            return certificate
        }
        return best
    }

    /// The best-ranked place that offers the passphrase and nothing else of the identity group.
    private static func passphraseOnlyPlace(_ members: [Int], in offers: [Offer]) -> String? {
        members.lazy.map { offers[$0] }
            .first {
                $0.key.isIdentityPassphrase && $0.layer != .standardEnvironment
                    && isPassphraseOnly($0.place, members, in: offers)
            }?.place
    }

    /// Whether `place` offers the passphrase and no other member of the identity group.
    private static func isPassphraseOnly(_ place: String, _ members: [Int], in offers: [Offer]) -> Bool {
        members.contains { offers[$0].place == place && offers[$0].key.isIdentityPassphrase }
            && !members.contains { offers[$0].place == place && !offers[$0].key.isIdentityPassphrase }
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
