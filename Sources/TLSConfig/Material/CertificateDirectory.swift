/// A CA directory either has OpenSSL hash links (`5ad8a5d6.0`), which OpenSSL looks up
/// lazily, or it does not, in which case every certificate file in it is loaded, as uv and
/// rustls do; OpenSSL alone would silently find nothing there.
package enum CertificateDirectory {
    package static func isHashed(_ entries: [String]) -> Bool {
        entries.contains(where: isHashName)
    }

    /// `XXXXXXXX.N`: eight hex digits, a dot, a decimal suffix (certificates, not `.rN` CRLs).
    package static func isHashName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 8, !parts[1].isEmpty else { return false }
        return parts[0].allSatisfy(\.isHexDigit) && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    package static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
