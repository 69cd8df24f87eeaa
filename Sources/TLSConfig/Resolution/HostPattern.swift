/// The pattern of a `[hosts."PATTERN"]` section.
///
/// A wildcard is a whole leftmost label and matches exactly one label, never the apex,
/// as in certificate name matching. A pattern without a port matches every port.
package struct HostPattern: Sendable, Hashable, CustomStringConvertible {
    /// Normalised host: lower case, no trailing dot, canonical IPv6; `*.suffix` for wildcards.
    package let host: String
    package let port: Int?
    package let isWildcard: Bool
    let kind: HostTarget.Kind

    package init(parsing text: String) throws(HostSyntaxError) {
        let parsed = try HostSyntax.parse(text, allowWildcard: true)
        self.host = parsed.host
        self.port = parsed.port
        self.isWildcard = parsed.isWildcard
        self.kind = parsed.kind
    }

    package func matches(_ target: HostTarget) -> Bool {
        if let port, port != target.port { return false }
        guard isWildcard else { return kind == target.kind && host == target.host }
        guard target.kind == .name else { return false }
        let suffix = host.dropFirst(1)  // ".example.com"
        guard target.host.hasSuffix(suffix) else { return false }
        let first = target.host.dropLast(suffix.count)
        return !first.isEmpty && !first.contains(".")
    }

    /// Higher is more specific: exact beats wildcard, more literal labels beat fewer,
    /// then a port beats no port.
    package var specificity: Specificity {
        Specificity(
            exact: !isWildcard,
            literalLabels: isWildcard ? host.split(separator: ".").count - 1 : 0,
            hasPort: port != nil
        )
    }

    package struct Specificity: Sendable, Hashable, Comparable {
        package var exact: Bool
        package var literalLabels: Int
        package var hasPort: Bool

        /// Settings outside any host section.
        package static let global = Specificity(exact: false, literalLabels: -1, hasPort: false)

        package static func < (lhs: Specificity, rhs: Specificity) -> Bool {
            (lhs.exact ? 1 : 0, lhs.literalLabels, lhs.hasPort ? 1 : 0) < (rhs.exact ? 1 : 0, rhs.literalLabels, rhs.hasPort ? 1 : 0)
        }
    }

    package var description: String {
        HostTarget.authority(host: host, port: port)
    }
}
