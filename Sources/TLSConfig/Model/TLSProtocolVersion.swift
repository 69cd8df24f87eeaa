/// A TLS protocol version, spelled in files and variables as `"1.2"`.
public enum TLSProtocolVersion: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// TLS 1.0: deprecated, refused by OpenSSL 3 at security level 1 and up.
    case tls1_0 = "1.0"
    /// TLS 1.1: deprecated likewise.
    case tls1_1 = "1.1"
    /// TLS 1.2: the default minimum.
    case tls1_2 = "1.2"
    /// TLS 1.3.
    case tls1_3 = "1.3"

    /// 1.0 and 1.1 are deprecated (RFC 8996); they are accepted, with a warning.
    public var isDeprecated: Bool { self < .tls1_2 }

    /// Older versions first.
    public static func < (lhs: TLSProtocolVersion, rhs: TLSProtocolVersion) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// `TLS 1.2`, as messages write it.
    public var description: String { "TLS \(rawValue)" }
}

/// The versions a connection may negotiate. Built only through `init(minimum:maximum:)`,
/// so a range whose minimum lies above its maximum cannot exist.
public struct TLSVersionRange: Sendable, Hashable, CustomStringConvertible {
    /// The oldest version allowed.
    public let minimum: TLSProtocolVersion
    /// `nil` means the newest version the TLS library supports.
    public let maximum: TLSProtocolVersion?

    /// Thrown when the minimum lies above the maximum.
    public struct InvertedRange: Error, Sendable, Equatable {
        /// The minimum asked for.
        public let minimum: TLSProtocolVersion
        /// The maximum asked for.
        public let maximum: TLSProtocolVersion
    }

    /// A range; throws when `minimum` is above `maximum`.
    public init(minimum: TLSProtocolVersion = .tls1_2, maximum: TLSProtocolVersion? = nil) throws(InvertedRange) {
        if let maximum, maximum < minimum {
            throw InvertedRange(minimum: minimum, maximum: maximum)
        }
        self.minimum = minimum
        self.maximum = maximum
    }

    /// TLS 1.2 up to the newest version.
    public static let `default` = try! TLSVersionRange()

    /// `1.2 to newest supported`, `1.3 to 1.3`.
    public var description: String {
        "\(minimum) to \(maximum?.description ?? "newest supported")"
    }
}
