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
