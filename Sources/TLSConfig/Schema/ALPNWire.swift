/// ALPN protocol lists as TLS sends them: each name as a length byte and the name. The rules
/// for a name and for the whole list are decided here, for the resolver (which refuses what
/// does not fit), the OpenSSL builder (which encodes) and the reports (which explain).
package enum ALPNWire {
    /// All ClientHello extensions share one 65,535-byte block; with TLS 1.3 offered and a
    /// 253-byte server name, OpenSSL 3's other extensions and ALPN's own 6 bytes of framing
    /// take 417 of it (measured), so a longer list fails inside OpenSSL with "internal error".
    package static let limit = 65_118

    /// The limit as messages write it, `65,118`.
    package static var limitText: String {
        let digits = String(limit)
        return digits.dropLast(3) + "," + digits.suffix(3)
    }

    /// A protocol name: 1 to 255 bytes of printable ASCII (control characters are neither
    /// names nor safe to print).
    package static func isValidName(_ name: String) -> Bool {
        (1...255).contains(name.utf8.count) && name.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// The bytes the list takes on the wire.
    package static func length(of names: [String]) -> Int {
        names.reduce(0) { $0 + 1 + $1.utf8.count }
    }

    /// The list in wire format; names that are not valid are left out (the resolver refuses them).
    package static func encode(_ names: [String]) -> [UInt8] {
        var wire: [UInt8] = []
        for name in names where isValidName(name) {
            wire.append(UInt8(name.utf8.count))
            wire += name.utf8
        }
        return wire
    }
}
