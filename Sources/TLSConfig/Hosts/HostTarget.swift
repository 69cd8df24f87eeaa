/// The host a connection goes to, normalised the same way host patterns are.
public struct HostTarget: Sendable, Hashable, CustomStringConvertible {
    /// How the host is written, which decides SNI and name checks.
    public enum Kind: Sendable, Hashable {
        /// A DNS name: sent as SNI and matched against DNS names.
        case name
        /// An IPv4 address: no SNI, matched against IP SANs.
        case ipv4
        /// An IPv6 address, likewise.
        case ipv6
    }

    /// Lower case, no trailing dot; IPv6 in canonical form without brackets.
    public let host: String
    /// The port, when given; host sections without a port match any.
    public let port: Int?
    /// Name, IPv4 or IPv6.
    public let kind: Kind

    /// Parses `host`, `host:port`, IPv4, `[IPv6]`, `[IPv6]:port` or a bare IPv6 address.
    public init(parsing text: String) throws(HostTarget.SyntaxError) {
        let parsed = try HostSyntax.parse(text, allowWildcard: false)
        self.host = parsed.host
        self.port = parsed.port
        self.kind = parsed.kind
    }

    /// A target from a host (name or address) and an optional port, normalised.
    public init(host: String, port: Int? = nil) throws(HostTarget.SyntaxError) {
        let parsed = try HostSyntax.parse(host, allowWildcard: false)
        guard parsed.port == nil || port == nil else {
            throw HostTarget.SyntaxError(input: host, reason: "the port is given twice")
        }
        self.host = parsed.host
        self.port = port ?? parsed.port
        self.kind = parsed.kind
    }

    /// The host as written in a URL authority: IPv6 in brackets.
    public var authority: String {
        Self.authority(host: host, port: port)
    }

    /// `host:port`, with an IPv6 address (anything holding `:`) in brackets: the one place
    /// hosts are written for people.
    package static func authority(host: String, port: Int?) -> String {
        let name = host.utf8.contains(UInt8(ascii: ":")) && host.utf8.first != UInt8(ascii: "[") ? "[\(host)]" : host
        return port.map { "\(name):\($0)" } ?? name
    }

    /// The authority.
    public var description: String { authority }
}

extension HostTarget {
    /// Why a host or host pattern could not be read.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was given.
        public let input: String
        /// What is wrong with it.
        public let reason: String

        /// `invalid host "INPUT": REASON`.
        public var description: String { "invalid host \"\(input)\": \(reason)" }
    }
}

package typealias HostSyntaxError = HostTarget.SyntaxError

/// The grammar shared by hosts and host patterns.
enum HostSyntax {
    struct Parsed {
        var host: String
        var port: Int?
        var kind: HostTarget.Kind
        var isWildcard: Bool
    }

    static func parse(_ text: String, allowWildcard: Bool) throws(HostTarget.SyntaxError) -> Parsed {
        func fail(_ reason: String) -> HostTarget.SyntaxError { HostTarget.SyntaxError(input: text, reason: reason) }
        guard !text.isEmpty else { throw fail("it is empty") }

        // Host names are ASCII (IDNs travel as punycode), so the checks below work on bytes.
        guard !text.utf8.contains(where: { $0 == 0x20 || (0x09...0x0D).contains($0) }) else {
            throw fail("it contains white space")
        }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            throw fail("it is not ASCII; write international names in punycode (xn--...)")
        }
        let bytes = text.utf8.contains(UInt8(ascii: ":")) ? Array(text.utf8) : []
        if let scheme = bytes.indices.dropLast(2).first(where: {
            bytes[$0] == 0x3A && bytes[$0 + 1] == 0x2F && bytes[$0 + 2] == 0x2F
        }) {
            let authority = bytes[(scheme + 3)...].prefix { $0 != 0x2F && $0 != 0x3F && $0 != 0x23 }
            throw fail(
                "it is a URL, not a host: write HOST[:PORT], such as \"\(String(decoding: authority, as: UTF8.self))\"")
        }
        var hostPart = Substring(text)
        var port: Int?

        if hostPart.utf8.first == UInt8(ascii: "[") {
            guard let close = hostPart.firstIndex(of: "]") else { throw fail("missing \"]\" after the IPv6 address") }
            let inner = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
            let rest = hostPart[hostPart.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw fail("expected \":PORT\" after \"]\"") }
                port = try parsePort(rest.dropFirst(), in: text)
            }
            guard let bytes = IPAddress.parseIPv6(inner) else { throw fail("\"\(inner)\" is not an IPv6 address") }
            return Parsed(host: IPAddress.formatIPv6(bytes), port: port, kind: .ipv6, isWildcard: false)
        }
        let colons = hostPart.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ":") ? 1 : 0) }
        if colons > 1 {
            guard let bytes = IPAddress.parseIPv6(hostPart) else {
                throw fail("not an IPv6 address (write IPv6 with a port as [ADDRESS]:PORT)")
            }
            return Parsed(host: IPAddress.formatIPv6(bytes), port: nil, kind: .ipv6, isWildcard: false)
        }
        if colons == 1, let colon = hostPart.utf8.firstIndex(of: UInt8(ascii: ":")) {
            port = try parsePort(hostPart[hostPart.index(after: colon)...], in: text)
            hostPart = hostPart[..<colon]
        }
        // The name is checked and lowered as bytes, in one pass per label: resolution parses
        // every section's pattern, and Character-level string work cost most of it.
        var name = Array(hostPart.utf8)
        for index in name.indices where (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(name[index]) {
            name[index] |= 0x20
        }
        if name.last == UInt8(ascii: ".") { name.removeLast() }
        guard !name.isEmpty else { throw fail("the host name is empty") }
        let host = String(decoding: name, as: UTF8.self)
        if let bytes = IPAddress.parseIPv4(Substring(host)) {
            return Parsed(
                host: bytes.map(String.init).joined(separator: "."), port: port, kind: .ipv4, isWildcard: false)
        }
        guard name.count <= 253 else { throw fail("a host name is at most 253 characters") }
        let labelCount = name.count(where: { $0 == UInt8(ascii: ".") }) + 1
        var isWildcard = false
        var allDigits = true
        var labelIndex = 0
        var start = 0
        func labelText(_ label: ArraySlice<UInt8>) -> String { String(decoding: label, as: UTF8.self) }
        for end in 0...name.count where end == name.count || name[end] == UInt8(ascii: ".") {
            let label = name[start..<end]
            defer { labelIndex += 1; start = end + 1 }
            if label.count == 1, label.first == UInt8(ascii: "*") {
                guard allowWildcard else { throw fail("\"*\" is only allowed in host patterns") }
                guard labelIndex == 0 else {
                    throw fail("\"*\" may only stand as the whole leftmost label, as in \"*.example.com\"")
                }
                guard labelCount > 1 else {
                    throw fail(
                        "a pattern needs a literal suffix: write \"*.example.com\"; settings for every host go at the top level"
                    )
                }
                isWildcard = true
                allDigits = false
                continue
            }
            guard !label.isEmpty else { throw fail("empty label (two dots in a row)") }
            guard label.count <= 63 else {
                throw fail("the label \"\(labelText(label))\" is longer than 63 characters")
            }
            guard label.allSatisfy(Self.isLabelByte) else {
                if label.contains(UInt8(ascii: "*")) {
                    throw fail("\"*\" may only stand as the whole leftmost label, as in \"*.example.com\"")
                }
                throw fail("the label \"\(labelText(label))\" may only hold letters, digits, \"-\" and \"_\"")
            }
            guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                throw fail("the label \"\(labelText(label))\" starts or ends with \"-\"")
            }
            if allDigits, !label.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
                allDigits = false
            }
        }
        if labelCount == 4, allDigits {
            throw fail("\"\(host)\" is not a valid IPv4 address")
        }
        return Parsed(host: host, port: port, kind: .name, isWildcard: isWildcard)
    }

    /// Letters, digits, `-` and `_` (seen in service names such as `_acme`).
    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    private static func parsePort(_ text: Substring, in input: String) throws(HostTarget.SyntaxError) -> Int {
        let digits = text.utf8
        var value = 0
        for digit in digits where digits.count <= 5 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { value = 0; break }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        guard !digits.isEmpty, digits.count <= 5, (1...65535).contains(value) else {
            throw HostTarget.SyntaxError(input: input, reason: "\"\(text)\" is not a port (1-65535)")
        }
        return value
    }
}
