/// A TLS protocol version, spelled in files and variables as `"1.2"`.
public enum TLSProtocolVersion: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case tls1_0 = "1.0"
    case tls1_1 = "1.1"
    case tls1_2 = "1.2"
    case tls1_3 = "1.3"

    /// 1.0 and 1.1 are deprecated (RFC 8996); they are accepted, with a warning.
    public var isDeprecated: Bool { self < .tls1_2 }

    public static func < (lhs: TLSProtocolVersion, rhs: TLSProtocolVersion) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var description: String { "TLS \(rawValue)" }
}

/// The versions a connection may negotiate. Built only through `init(minimum:maximum:)`,
/// so a range whose minimum lies above its maximum cannot exist.
public struct TLSVersionRange: Sendable, Hashable {
    public let minimum: TLSProtocolVersion
    /// `nil` means the newest version the TLS library supports.
    public let maximum: TLSProtocolVersion?

    public struct InvertedRange: Error, Sendable, Equatable {
        public let minimum: TLSProtocolVersion
        public let maximum: TLSProtocolVersion
    }

    public init(minimum: TLSProtocolVersion = .tls1_2, maximum: TLSProtocolVersion? = nil) throws(InvertedRange) {
        if let maximum, maximum < minimum {
            throw InvertedRange(minimum: minimum, maximum: maximum)
        }
        self.minimum = minimum
        self.maximum = maximum
    }

    /// TLS 1.2 up to the newest version.
    public static let `default` = try! TLSVersionRange()
}
