/// A CA directory either has OpenSSL hash links (`5ad8a5d6.0`), which OpenSSL looks up
/// lazily, or it does not, in which case every certificate file in it is loaded, as uv and
/// rustls do; OpenSSL alone would silently find nothing there.
package enum CertificateDirectory {
    package static func isHashed(_ entries: [String]) -> Bool {
        entries.contains(where: isHashName)
    }

    /// `XXXXXXXX.N`: eight hex digits, a dot, a decimal suffix (certificates, not `.rN` CRLs).
    /// ASCII only, as OpenSSL writes them; read as bytes, since every first context with the
    /// system store asks this of a few hundred names.
    package static func isHashName(_ name: String) -> Bool {
        var position = 0
        for byte in name.utf8 {
            switch position {
            case 0..<8:
                guard
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
                else { return false }
            case 8:
                guard byte == UInt8(ascii: ".") else { return false }
            default:
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
            }
            position += 1
        }
        return position > 9
    }

    package static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
