package import TLSConfig
internal import CTLSShims

/// The protocol versions OpenSSL reports for a context, where either bound may be unset (a
/// fresh context under the system `openssl.cnf`). Reports and previews only: a built
/// context always has its minimum set, and shows its versions as a ``TLSVersionRange``.
package struct ProtocolVersionBounds: Sendable, Hashable, CustomStringConvertible {
    /// `nil`: no lower bound is set, so the oldest version OpenSSL's security level permits.
    package var minimum: TLSProtocolVersion?
    /// `nil`: no upper bound is set, so the newest version OpenSSL supports.
    package var maximum: TLSProtocolVersion?

    /// Bounds as read back from a context.
    package init(minimum: TLSProtocolVersion?, maximum: TLSProtocolVersion?) {
        self.minimum = minimum
        self.maximum = maximum
    }

    package var description: String {
        "\(minimum?.description ?? "oldest supported") to \(maximum?.description ?? "newest supported")"
    }
}

extension ProtocolVersionBounds {
    /// The bounds in force on a context, as OpenSSL reports them after every setting.
    init(readingFrom context: OpaquePointer) {
        self.init(
            minimum: TLSProtocolVersion(wireValue: ctls_SSL_CTX_get_min_proto_version(context)),
            maximum: TLSProtocolVersion(wireValue: ctls_SSL_CTX_get_max_proto_version(context))
        )
    }
}
