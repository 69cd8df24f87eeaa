#if NIO
/// Where a swift-nio-ssl configuration goes. It decides what the adapter can enforce: only
/// handlers made by the adapter run TLSConfig's verifier; a consumer that makes its own
/// handlers verifies with BoringSSL alone.
public enum NIOTLSConsumer: String, Sendable, Hashable, CaseIterable {
    /// NIO channels (and gRPC through a handler) with handlers from `makeHandler`: every
    /// setting is enforced, and each peer chain is judged by the same OpenSSL verifier as
    /// `tlsconfig connect` (trust store, CRL, pins, subjectAltName-only names).
    case handlers
    /// A library that takes a `TLSConfiguration` or `NIOSSLContext` and makes its own handlers
    /// (postgres-nio, Hummingbird, Vapor): no verification hook, so pins and CRLs cannot be
    /// checked, and the server name is whatever that library is given.
    case configuration
    /// AsyncHTTPClient: as `configuration`, and it replaces the ALPN list with its own
    /// (`h2`, `http/1.1`) and takes the server name from the URL.
    case asyncHTTPClient = "async-http-client"
}
#endif
