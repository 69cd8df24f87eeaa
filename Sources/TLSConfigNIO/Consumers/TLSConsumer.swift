#if NIO
/// Where a swift-nio-ssl configuration goes. What the adapter can enforce depends on two
/// facts about the consumer: how it verifies peers, and whether it sets the ALPN list itself.
/// The presets describe the libraries the adapter is tested with; a tool that hands the
/// configuration to another library describes it with ``init(name:verification:setsItsOwnALPN:setsItsOwnVersionsAndCiphers:)``.
public struct TLSConsumer: Sendable, Hashable, CustomStringConvertible {
    /// How a consumer's connections verify their peer.
    public enum Verification: String, Sendable, Hashable {
        /// Connections use the adapter's handlers (`makeHandler`), which run TLSConfig's verifier.
        case adapterHandlers = "adapter-handlers"
        /// The consumer makes its own handlers and installs the verification callback it is
        /// given (Hummingbird, Vapor, gRPC): TLSConfig's verifier still judges every chain.
        case callback
        /// The consumer makes its own handlers and has no verification hook: BoringSSL verifies
        /// alone, by swift-nio-ssl's rules, which differ from TLSConfig's.
        case swiftNIOSSL = "swift-nio-ssl"
    }

    /// The name used in findings ("AsyncHTTPClient sends its own ALPN list").
    public var name: String
    /// How it verifies peers.
    public var verification: Verification
    /// Whether it replaces the ALPN list (AsyncHTTPClient, gRPC, Vapor, Hummingbird's HTTP/2
    /// channel) or speaks one protocol whatever is negotiated (an HTTP/1-only server): a
    /// configured `alpn` is then refused as a loss instead of carried into a broken handshake.
    public var setsItsOwnALPN: Bool
    /// Whether it builds its own swift-nio-ssl configuration from an identity, trust roots and a
    /// verification mode alone (grpc-swift-nio-transport): `min-version` above 1.2,
    /// `max-version`, `ciphers`, `ciphersuites` and an optional `client-auth` do not reach it,
    /// and are refused as losses.
    public var setsItsOwnVersionsAndCiphers: Bool

    /// A consumer described by the tool that uses it.
    public init(
        name: String, verification: Verification, setsItsOwnALPN: Bool = false,
        setsItsOwnVersionsAndCiphers: Bool = false
    ) {
        self.name = name
        self.verification = verification
        self.setsItsOwnALPN = setsItsOwnALPN
        self.setsItsOwnVersionsAndCiphers = setsItsOwnVersionsAndCiphers
    }

    /// The consumer's name, as diagnostics cite it.
    public var description: String { name }

    /// SwiftNIO channels with handlers from `makeHandler`: every setting is enforced.
    public static let handlers = TLSConsumer(name: "the adapter's handlers", verification: .adapterHandlers)
    /// A library that takes a configuration and a verification callback, and carries the
    /// configured ALPN list.
    public static let callback = TLSConsumer(
        name: "a library that takes a verification callback", verification: .callback)
    /// A library that takes a `TLSConfiguration` or `NIOSSLContext` and has no verification hook.
    public static let configuration = TLSConsumer(
        name: "a library with no verification hook", verification: .swiftNIOSSL)
    /// AsyncHTTPClient: no verification hook; it sends its own ALPN list and takes the server
    /// name from the URL.
    public static let asyncHTTPClient = TLSConsumer(
        name: "AsyncHTTPClient", verification: .swiftNIOSSL, setsItsOwnALPN: true)
    /// postgres-nio: takes an `NIOSSLContext`, no verification hook; the server name is its
    /// `serverNameForTLS`.
    public static let postgresNIO = TLSConsumer(name: "postgres-nio", verification: .swiftNIOSSL)
    /// Hummingbird 2 servers (`TLSChannelConfiguration`): a verification callback for client
    /// certificates; its HTTP/2 channel sets the ALPN list and its HTTP/1 channel speaks HTTP/1
    /// whatever is negotiated.
    public static let hummingbird = TLSConsumer(name: "Hummingbird", verification: .callback, setsItsOwnALPN: true)
    /// Vapor 4 servers (`customCertificateVerifyCallback`): it adds its own ALPN protocols.
    public static let vapor = TLSConsumer(name: "Vapor", verification: .callback, setsItsOwnALPN: true)
    /// grpc-swift-nio-transport clients and servers (`customVerificationCallback`, with
    /// metadata): it sets ALPN to `grpc-exp`, `h2`, a TLS 1.2 minimum and no maximum, uses
    /// BoringSSL's ciphers, and requires client certificates or does not ask for them.
    public static let grpc = TLSConsumer(
        name: "grpc-swift-nio-transport", verification: .callback, setsItsOwnALPN: true,
        setsItsOwnVersionsAndCiphers: true
    )
}
#endif
