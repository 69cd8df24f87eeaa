/// Diagnostics for one input, at most `limit` of each code: a file of 300,000 unknown keys (a
/// misnamed data file, or a hostile one) must cost time and memory in proportion to what is
/// shown, not to every line. Past the limit a finding is counted, not built (its message, its
/// spelling suggestion), and one summary per code says how many were left out.
package struct DiagnosticCollector {
    /// What a person can act on; a summary stands for the rest.
    package static let defaultLimit = 1_000

    private let limit: Int
    /// Names the input in the summaries, such as `"tlsconfig.toml"`.
    private let place: String
    private var kept: [Diagnostic] = []
    private var counts: [Diagnostic.Code: Int] = [:]
    private var left: [(code: Diagnostic.Code, severity: Diagnostic.Severity, count: Int)] = []

    package init(place: String, limit: Int = DiagnosticCollector.defaultLimit) {
        self.place = place
        self.limit = limit
    }

    /// Keeps `diagnostic` while its code is under the limit.
    package mutating func append(_ diagnostic: Diagnostic) {
        append(diagnostic.code, severity: diagnostic.severity) { diagnostic }
    }

    /// Builds and keeps the diagnostic only while `code` is under the limit.
    package mutating func append(_ code: Diagnostic.Code, severity: Diagnostic.Severity, _ make: () -> Diagnostic) {
        let count = counts[code, default: 0]
        counts[code] = count + 1
        if count < limit {
            kept.append(make())
        } else if let index = left.firstIndex(where: { $0.code == code && $0.severity == severity }) {
            left[index].count += 1
        } else {
            left.append((code, severity, 1))
        }
    }

    /// What was kept, then one summary per code that reached the limit, of the same severity
    /// so that error counts and exit codes stay true.
    package func finished() -> [Diagnostic] {
        kept
            + left.map { code, severity, count in
                Diagnostic(
                    severity, code,
                    "\(count) more \(code) finding(s) in \(place) are not listed: only the first \(limit) of each kind are kept",
                    help: "fix the ones listed and run again; a file with this many is rarely the one meant"
                )
            }
    }
}
