/// The configuration reference as a Markdown table, generated from `SettingKey` so the README
/// and the DocC guide cannot drift from what the reader accepts (a test compares them).
package enum ConfigReference {
    package static func markdownTable(environmentPrefix: String = "TLSCONFIG") -> String {
        var lines = [
            "| key | variable | role | type | default | meaning |",
            "|---|---|---|---|---|---|",
        ]
        for key in SettingKey.allCases {
            let type = key.typeDescription.replacingPipes
            let roles = key.roles.count == 2 ? "both" : key.roles.first!.rawValue
            lines.append("| `\(key.fileKey)` | `\(key.environmentVariable(prefix: environmentPrefix))` | \(roles) | \(type) | \(key.defaultDescription) | \(key.summary.replacingPipes) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Escapes `|` for a Markdown table cell.
    fileprivate var replacingPipes: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
