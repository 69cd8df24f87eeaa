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
