/// "Did you mean" suggestions for misspelt keys and values.
enum Spelling {
    /// The closest candidate within a small edit distance, if any.
    static func suggestion(for input: String, among candidates: [String]) -> String? {
        let lowered = String(input.lowercased().map { $0 == "_" ? "-" : $0 })
        if let exact = candidates.first(where: { $0 == lowered }) { return exact }
        let scored = candidates.map { ($0, distance(Array(lowered.unicodeScalars), Array($0.unicodeScalars))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
