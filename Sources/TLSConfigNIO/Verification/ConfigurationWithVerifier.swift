#if NIO
public import NIOCore
public import NIOSSL

/// A configuration for a library that makes its own handlers but takes a verification
/// callback (Hummingbird's `TLSChannelConfiguration`, Vapor's `customCertificateVerifyCallback`,
/// grpc-swift-nio-transport's `customVerificationCallback`), with the callback that makes it
/// safe: TLSConfig's verifier judges every peer chain, as `tlsconfig connect` would. The
/// configuration alone does not verify; always install one of the callbacks with it.
public struct ConfigurationWithVerifier: Sendable {
    /// Identity, versions, ciphers and ALPN (unless the consumer sets its own).
    public var configuration: TLSConfiguration
    /// For a client, the name to give the library as its server hostname (SNI): `server-name`
    /// when set, else the host; `nil` for an IP address and on servers. The callback checks
    /// the certificate against `server-name` or the host whatever the library sends.
    public var serverHostname: String?
    /// The callback, in swift-nio-ssl's plain form (Hummingbird, Vapor).
    public let verificationCallback: @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void
    /// The same callback handing on the chain OpenSSL validated, leaf to trust anchor (gRPC,
    /// Vapor's `customCertificateVerifyCallbackWithMetadata`).
    public let verificationCallbackWithMetadata:
        @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResultWithMetadata>) -> Void

    init(configuration: TLSConfiguration, serverHostname: String?, callback: PeerChainCallback) {
        self.init(
            configuration: configuration, serverHostname: serverHostname, plain: callback.plain,
            withMetadata: callback.withMetadata)
    }

    init(
        configuration: TLSConfiguration, serverHostname: String?,
        plain: @escaping @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void,
        withMetadata:
            @escaping @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResultWithMetadata>) -> Void
    ) {
        self.configuration = configuration
        self.serverHostname = serverHostname
        self.verificationCallback = plain
        self.verificationCallbackWithMetadata = withMetadata
    }
}
#endif
