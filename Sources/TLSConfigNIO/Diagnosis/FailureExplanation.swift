#if NIO
public import TLSConfig
@_spi(Plumbing) public import TLSConfigOpenSSL

/// Why a connection that a framework opened failed, in the words of `tlsconfig connect`:
/// the failure, its cause with the origin of the setting behind it, and the next step.
///
/// Frameworks hand back swift-nio-ssl's error, often wrapped again
/// (`NIOSSLError.handshakeFailed(BoringSSLError.sslError([... CERTIFICATE_VERIFY_FAILED ...]))`),
/// with no origin and no step. ``ClientTLS/explain(_:host:port:start:timeout:)`` turns it into this.
public struct FailureExplanation: Sendable {
    /// The error the framework returned, as it describes itself.
    public package(set) var error: String
    /// What TLSConfig found for the host and port: the report `tlsconfig connect` prints.
    package var connection: ConnectionReport
    /// The handshake TLSConfig made (or the verdict of its verifier): what was negotiated,
    /// the peer chain, and the failure.
    public var handshake: HandshakeReport { connection.report }
    /// Whether TLSConfig connected again to find out (the verifier had not refused this host
    /// itself, or the error was not a refused certificate).
    public package(set) var reprobed: Bool

    /// The failure as TLSConfig sees it; `nil` when its own handshake succeeded, so the error
    /// lies beyond the TLS settings (HTTP, the application, the network since).
    public var failure: HandshakeFailure? { connection.report.failure }

    /// What to do, as `tlsconfig connect` says it.
    public var nextStep: String? {
        guard failure != nil else {
            return "the TLS settings are not the cause: look at the error itself, and at the server's logs"
        }
        return connection.nextStep
    }

    /// One diagnostic for a log line: the failure's code, what happened, and the next step.
    public var diagnostic: Diagnostic {
        let target = "\(connection.report.host):\(connection.report.port)"
        guard let failure else {
            return Diagnostic(
                .error, .connectionFailedAfterHandshake,
                "\(target): \(error); a handshake with the same settings, as `tlsconfig connect` makes it, succeeds",
                help: nextStep
            )
        }
        return Diagnostic(.error, Diagnostic.Code(rawValue: failure.code), "\(target): \(failure)", help: nextStep)
    }

    /// The diagnostic and connect's report, as `tlsconfig connect` prints them.
    public func text(style: TextStyle = .plain) -> String {
        DiagnosticRenderer(style: style, sources: connection.resolution.sources).render(diagnostic) + "\n"
            + connection.text(style: style)
    }
}

extension ClientTLS {
    /// Explains `error`, which a framework returned for a connection to `host`:`port` made
    /// with this client's settings. When TLSConfig's own verifier refused that host's chain
    /// (handlers and callbacks), its reason is used; otherwise a handshake like
    /// `tlsconfig connect`'s is made to find out, within `timeout`, beginning TLS as the
    /// protocol does (`start: .postgreSQL` for postgres-nio). Blocks the calling thread while it
    /// connects: call it off the event loop.
    public func explain(
        _ error: any Error, host: String, port: Int, start: TLSConnection.Start = .immediate,
        timeout: Duration = .seconds(10)
    ) -> FailureExplanation {
        let described = String(describing: error)
        let refusedCertificate = String(reflecting: error).contains("CERTIFICATE_VERIFY_FAILED")
        if refusedCertificate, let report = core.rejections.take(host: host, port: port) {
            return FailureExplanation(
                error: described, connection: ConnectionReport(report, resolution: resolution), reprobed: false)
        }
        var probe = HandshakeProbe(timeout: timeout)
        probe.start = start
        let report = probe.run(core.verifier, host: host, port: port)
        return FailureExplanation(
            error: described, connection: ConnectionReport(report, resolution: resolution), reprobed: true)
    }
}
#endif
