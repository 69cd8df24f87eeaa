package import TLSConfig

/// Tries one real handshake with a client context, for `tlsconfig connect`: TCP with a
/// non-blocking connect, then `SSL_connect`, all under one deadline. The result says what
/// was negotiated or, on failure, what to fix. Blocks the calling thread.
package struct HandshakeProbe: Sendable {
    /// For name resolution, the TCP connect and the handshake together. Name resolution
    /// itself uses the system resolver, which has its own timeouts.
    package var timeout: Duration
    /// How long to wait after a TLS 1.3 handshake for the server's verdict on our client
    /// certificate (TLS 1.3 servers send it after the client thinks it is done). Ends early
    /// when the server sends a session ticket, data or an alert.
    package var verdictWait: Duration
    /// An HTTP proxy to tunnel through with CONNECT; see ``ConnectProxy/forHost(_:environment:)``.
    package var proxy: ConnectProxy?
    /// How TLS begins: at once, or after PostgreSQL's SSLRequest.
    package var start: TLSConnection.Start = .immediate

    /// A probe; `timeout` bounds the whole attempt, `verdictWait` how long a silent TLS 1.3 server may take to reject the client certificate.
    package init(timeout: Duration = .seconds(10), verdictWait: Duration = .seconds(1), proxy: ConnectProxy? = nil) {
        self.timeout = timeout
        self.verdictWait = verdictWait
        self.proxy = proxy
    }

    /// Connects to `target` (port 443 when it has none).
    package func run(_ context: TLSContext, target: HostTarget, defaultPort: Int = 443) -> HandshakeReport {
        run(context, host: target.host, port: target.port ?? defaultPort)
    }

    /// Connects to `host` (a name or an IP address, IPv6 without brackets) on `port`.
    package func run(_ context: TLSContext, host: String, port: Int) -> HandshakeReport {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let (report, session) = ClientSession.open(
            context, host: host, port: port, deadline: deadline, verdictWait: verdictWait, proxy: proxy, start: start)
        session?.shutdown()
        return report
    }
}
