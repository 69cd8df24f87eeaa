#if GRPC
public import GRPCNIOTransportHTTP2Posix
internal import NIOCertificateReloading
internal import NIOSSL
public import TLSConfig
public import TLSConfigNIO

// grpc-swift-nio-transport's transport security from a build or a reloader. The transport
// builds its own swift-nio-ssl configuration from an identity (a `CertificateReloader`), trust
// roots, a verification mode and a verification callback; TLSConfig gives it the identity of
// the build (or the reloader's current one) and the callback that judges peer chains with
// TLSConfig's verifier. What the transport cannot carry (`min-version` above 1.2,
// `max-version`, `ciphers`, `alpn`, an optional `client-auth`) is refused as a loss of the
// `.grpc` consumer, with its origin, unless accepted.
//
// gRPC's own `enum TLSConfig` shadows this package's module name wherever
// GRPCNIOTransportHTTP2 is imported: `TLSConfig.X` then means gRPC's. TLSConfig's names are
// unique, so write them unqualified; where a name must be qualified, import it alone
// (`import struct TLSConfig.SettingsResolver`). These functions keep gRPC's enum out of sight.

extension ServerTLS {
    /// The transport security of a gRPC server (`HTTP2ServerTransport.Posix(transportSecurity:)`):
    /// this build's identity, client certificates asked for as `client-auth` says and judged by
    /// TLSConfig's verifier (the client CAs, the CRL).
    public func grpcTransportSecurity(
        accepting: Set<TLSConsumer.UnenforcedSetting> = [], onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> HTTP2ServerTransport.Posix.TransportSecurity {
        let hooked = try configurationWithVerifier(for: .grpc, accepting: accepting, onRejection: onRejection)
        return try GRPCSecurity.server(identity: self, hooked)
    }
}

extension ReloadingServerTLS {
    /// As ``ServerTLS/grpcTransportSecurity(accepting:onRejection:)``, with the identity
    /// following the reloader (the transport's `certificateReloader`) and client chains judged
    /// by the current trust and CRL. The reloader must serve `.grpc`.
    public func grpcTransportSecurity(
        onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> HTTP2ServerTransport.Posix.TransportSecurity {
        try GRPCSecurity.requireGRPC(consumer)
        return try GRPCSecurity.server(identity: self, configurationWithVerifier(onRejection: onRejection))
    }
}

extension ClientTLS {
    /// The transport security of a gRPC client (`HTTP2ClientTransport.Posix(target:transportSecurity:)`)
    /// connecting to `serverHostname`: the client certificate, if any, and the server's chain
    /// judged by TLSConfig's verifier for `server-name` or `serverHostname`.
    public func grpcTransportSecurity(
        serverHostname: String?, port: Int = 443, accepting: Set<TLSConsumer.UnenforcedSetting> = [],
        onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> HTTP2ClientTransport.Posix.TransportSecurity {
        let hooked = try configurationWithVerifier(
            for: .grpc, serverHostname: serverHostname, port: port, accepting: accepting, onRejection: onRejection)
        return try GRPCSecurity.client(identity: self, hooked)
    }
}

extension ReloadingClientTLS {
    /// As ``ClientTLS/grpcTransportSecurity(serverHostname:port:accepting:onRejection:)``, with
    /// the client certificate following the reloader and server chains judged by the current
    /// trust, CRL and pins. The reloader must serve `.grpc`.
    public func grpcTransportSecurity(
        serverHostname: String?, port: Int = 443, onRejection: (@Sendable (Diagnostic) -> Void)? = nil
    ) throws(TLSSettingsError) -> HTTP2ClientTransport.Posix.TransportSecurity {
        try GRPCSecurity.requireGRPC(consumer)
        return try GRPCSecurity.client(
            identity: self,
            configurationWithVerifier(serverHostname: serverHostname, port: port, onRejection: onRejection))
    }
}

/// The conversion, in one place for both roles.
enum GRPCSecurity {
    static func requireGRPC(_ consumer: TLSConsumer) throws(TLSSettingsError) {
        guard consumer != .grpc else { return }
        throw TLSSettingsError(diagnostics: [
            Diagnostic(
                .error, .nioConsumerNeedsCallback,
                "this reloader serves \(consumer.name), and its reloads are checked against what \(consumer.name) can enforce, not gRPC",
                help: "make the reloader for gRPC: ReloadingServerTLS(for: .grpc) or ReloadingClientTLS(for: .grpc)"
            )
        ])
    }

    static func server(
        identity: some CertificateReloader, _ hooked: ConfigurationWithVerifier
    ) throws(TLSSettingsError) -> HTTP2ServerTransport.Posix.TransportSecurity {
        let verification = hooked.configuration.certificateVerification
        return try converting {
            let configure: (inout HTTP2ServerTransport.Posix.TransportSecurity.TLS) -> Void = { tls in
                // The callback judges the chain; BoringSSL's own roots are never consulted.
                tls.trustRoots = .certificates([])
                tls.customVerificationCallback = hooked.verificationCallbackWithMetadata
            }
            // An optional client-auth reaches here only when accepted: then certificates are required.
            return verification == .none
                ? try .tls(certificateReloader: identity, configure: configure)
                : try .mTLS(certificateReloader: identity, configure: configure)
        }
    }

    static func client(
        identity: some CertificateReloader, _ hooked: ConfigurationWithVerifier
    ) throws(TLSSettingsError) -> HTTP2ClientTransport.Posix.TransportSecurity {
        let configuration = hooked.configuration
        return try converting {
            let configure: (inout HTTP2ClientTransport.Posix.TransportSecurity.TLS) -> Void = { tls in
                tls.trustRoots = .certificates([])
                tls.serverCertificateVerification =
                    configuration.certificateVerification == .none ? .noVerification : .noHostnameVerification
                tls.customVerificationCallback = hooked.verificationCallbackWithMetadata
            }
            return configuration.certificateChain.isEmpty
                ? .tls(configure: configure)
                : try .mTLS(certificateReloader: identity, configure: configure)
        }
    }

    /// The transport's errors (an identity it cannot take) as a diagnostic.
    private static func converting<Security>(_ body: () throws -> Security) throws(TLSSettingsError) -> Security {
        do {
            return try body()
        } catch {
            throw TLSSettingsError(diagnostics: [
                Diagnostic(
                    .error, .nioContextFailed, "grpc-swift-nio-transport cannot take this identity: \(error)",
                    help:
                        "run `tlsconfig check` for these settings; if it finds nothing, report this with the settings it shows"
                )
            ])
        }
    }
}
#endif
