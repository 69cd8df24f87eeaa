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
    /// Higher is more specific: exact beats wildcard, more literal labels beat fewer,
    /// then a port beats no port.
    package let specificity: Specificity
    /// The normalised pattern, as reports write it.
    package let description: String

    package init(parsing text: String) throws(HostTarget.SyntaxError) {
        let parsed = try HostSyntax.parse(text, allowWildcard: true)
        self.host = parsed.host
        self.port = parsed.port
        self.isWildcard = parsed.isWildcard
        self.kind = parsed.kind
        self.specificity = Specificity(
            exact: !parsed.isWildcard,
            literalLabels: parsed.isWildcard ? parsed.host.utf8.count(where: { $0 == UInt8(ascii: ".") }) : 0,
            hasPort: parsed.port != nil
        )
        self.description = HostTarget.authority(host: parsed.host, port: parsed.port)
    }

    /// Compared as bytes: both sides are normalised ASCII.
    package func matches(_ target: HostTarget) -> Bool {
        if let port, port != target.port { return false }
        return matchesIgnoringPort(target)
    }

    /// Whether the host part matches, whatever the ports.
    package func matchesIgnoringPort(_ target: HostTarget) -> Bool {
        guard isWildcard else { return kind == target.kind && host == target.host }
        guard target.kind == .name else { return false }
        let suffix = host.utf8.dropFirst(1)  // ".example.com"
        let name = target.host.utf8
        guard name.count > suffix.count, name.suffix(suffix.count).elementsEqual(suffix) else { return false }
        return !name.dropLast(suffix.count).contains(UInt8(ascii: "."))
    }

    package struct Specificity: Sendable, Hashable, Comparable {
        package var exact: Bool
        package var literalLabels: Int
        package var hasPort: Bool

        /// Settings outside any host section.
        package static let global = Specificity(exact: false, literalLabels: -1, hasPort: false)

        package static func < (lhs: Specificity, rhs: Specificity) -> Bool {
            (lhs.exact ? 1 : 0, lhs.literalLabels, lhs.hasPort ? 1 : 0) < (
                rhs.exact ? 1 : 0, rhs.literalLabels, rhs.hasPort ? 1 : 0
            )
        }
    }
}
