/// Reads the environment and remembers every variable it was asked about, so `show`
/// can list what was consulted: set, unset, empty (treated as unset) or ignored.
package final class EnvironmentReader: Sendable {
    /// The variables this resolution sees: the process environment unless injected.
    package let values: [String: String]
    private let log = Locked(Log())

    /// A reader over `values`.
    package init(_ values: [String: String]) {
        self.values = values
    }

    /// The value, or `nil` when unset or empty. Empty counts as unset, and is reported so.
    package func value(_ name: String, purpose: String, secret: Bool = false) -> String? {
        let raw = values[name]
        let status: EnvironmentVariableReport.Status
        switch raw {
        case nil: status = .unset
        case .some(""): status = .empty
        case .some(let text): status = .set(secret ? nil : text)
        }
        record(EnvironmentVariableReport(name: name, status: status, purpose: purpose))
        return raw.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Notes a variable that is set but deliberately not used; `hidingValue` for variables
    /// whose value could be a secret (an unknown variable, say).
    package func ignore(_ name: String, purpose: String, reason: String, hidingValue: Bool = false) {
        guard let raw = values[name], !raw.isEmpty else {
            record(
                EnvironmentVariableReport(name: name, status: values[name] == nil ? .unset : .empty, purpose: purpose))
            return
        }
        record(
            EnvironmentVariableReport(
                name: name, status: .ignored(hidingValue ? nil : raw, reason: reason), purpose: purpose))
    }

    private func record(_ report: EnvironmentVariableReport) {
        log.withLock { log in
            if let index = log.positions[report.name] {
                log.reports[index] = report
            } else {
                log.positions[report.name] = log.reports.count
                log.reports.append(report)
            }
        }
    }

    /// Every variable consulted so far, in the order first asked.
    package var reports: [EnvironmentVariableReport] {
        log.withLock { $0.reports }
    }

    private struct Log {
        var reports: [EnvironmentVariableReport] = []
        var positions: [String: Int] = [:]
    }
}

/// One environment variable the resolution looked at.
package struct EnvironmentVariableReport: Sendable, Hashable {
    /// What a variable held.
    package enum Status: Sendable, Hashable {
        /// Set and used; the value is `nil` when it must not be shown (a passphrase).
        case set(String?)
        /// Not set.
        case unset
        /// Set to the empty string, which counts as unset.
        case empty
        /// Set, but this tool does not read it; the value is `nil` when it must not be shown.
        case ignored(String?, reason: String)
    }

    /// The variable's exact name.
    package var name: String
    /// Set, unset, empty or ignored.
    package var status: Status
    /// What the variable means to this resolution.
    package var purpose: String
}
