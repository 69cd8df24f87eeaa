public import TLSConfig
internal import CTLSShims

/// The protocol versions a context allows, read back from OpenSSL after they were set: the
/// system `openssl.cnf` can change defaults, so the settings alone are not proof.
public struct ProtocolVersionBounds: Sendable, Hashable, CustomStringConvertible {
    /// `nil`: no lower bound is set, so the oldest version OpenSSL's security level permits.
    public var minimum: TLSProtocolVersion?
    /// `nil`: no upper bound is set, so the newest version OpenSSL supports.
    public var maximum: TLSProtocolVersion?

    /// Bounds as read back from a context.
    public init(minimum: TLSProtocolVersion?, maximum: TLSProtocolVersion?) {
        self.minimum = minimum
        self.maximum = maximum
    }

    public var description: String {
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
