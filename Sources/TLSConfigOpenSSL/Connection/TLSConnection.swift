import Glibc
internal import COpenSSL
public import TLSConfig

/// A client TLS connection made with a `TLSContext`: TCP connect, SNI, the hostname (or IP)
/// check, pins and the handshake are exactly what `HandshakeProbe` and `tlsconfig connect`
/// do, so a connection fails for the same reasons the probe explains.
///
/// ```swift
/// let connection = try TLSConnection.connect(to: target, using: context, timeout: .seconds(10))
/// try connection.write(Array("GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n".utf8))
/// while case let chunk = try connection.read(upTo: 16_384), !chunk.isEmpty { ... }
/// connection.close()
/// ```
///
/// Blocking and single-threaded: an OpenSSL `SSL` must not be used from two threads at once,
/// so this class is deliberately not `Sendable`. Keep it on one thread or task, or wrap it in
/// your own lock. The socket and the `SSL` are freed by `close()` or, at the latest, in `deinit`.
public final class TLSConnection {
    /// What was negotiated: protocol, cipher, ALPN, the peer chain and the verification verdict.
    public let handshake: HandshakeReport
    /// The longest a single `read` or `write` waits for the peer.
    public var timeout: Duration

    private var session: ClientSession?

    private init(session: ClientSession, timeout: Duration) {
        self.session = session
        self.handshake = session.report
        self.timeout = timeout
    }

    /// Connects to `target`, on `defaultPort` when it names none, and completes the handshake.
    /// `timeout` bounds name resolution, the TCP connect and the handshake together, and later
    /// each read and write.
    public static func connect(
        to target: HostTarget, defaultPort: Int = 443, using context: TLSContext, timeout: Duration = .seconds(30)
    ) throws(HandshakeFailure) -> TLSConnection {
        try connect(host: target.host, port: target.port ?? defaultPort, using: context, timeout: timeout)
    }

    /// Connects to `host` (a name, or an IP address with IPv6 unbracketed) on `port`.
    public static func connect(
        host: String, port: Int, using context: TLSContext, timeout: Duration = .seconds(30)
    ) throws(HandshakeFailure) -> TLSConnection {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        // No verdict wait: a TLS 1.3 server that refuses our certificate says so on the first
        // read, which `read` classifies the same way (`TLSConnectionError.refused`).
        let (report, session) = ClientSession.open(
            context, host: host, port: port, deadline: deadline, verdictWait: .zero)
        guard let session else {
            throw report.failure ?? .other("the handshake did not complete")
        }
        return TLSConnection(session: session, timeout: timeout)
    }

    /// Sends every byte of `bytes`, or throws.
    public func write(_ bytes: [UInt8]) throws(TLSConnectionError) {
        guard let session else { throw .closed }
        guard !bytes.isEmpty else { return }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var written = 0
        // One buffer pointer for every retry: OpenSSL wants a retried write to pass the same buffer.
        let step: ClientSession.Step = SignalGuard.withSIGPIPEBlocked {
            bytes.withUnsafeBytes { buffer in
                session.drive(until: deadline) { ssl in
                    var count = 0
                    let result = SSL_write_ex(ssl, buffer.baseAddress, buffer.count, &count)
                    written = count
                    return result
                }
            }
        }
        switch step {
        case .completed where written == bytes.count: return
        case .completed: throw .failed("OpenSSL wrote \(written) of \(bytes.count) bytes")
        case .timedOut: throw .timedOut
        case .failed(let code, let errors): throw Self.error(code: code, errors: errors, session: session)
        }
    }

    /// Up to `maximum` bytes as soon as any arrive; empty once the peer has closed the
    /// connection cleanly (TLS close_notify).
    public func read(upTo maximum: Int) throws(TLSConnectionError) -> [UInt8] {
        guard let session else { throw .closed }
        guard maximum > 0 else { return [] }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var buffer = [UInt8](repeating: 0, count: maximum)
        var count = 0
        let step: ClientSession.Step = SignalGuard.withSIGPIPEBlocked {
            buffer.withUnsafeMutableBytes { raw in
                session.drive(until: deadline) { SSL_read_ex($0, raw.baseAddress, raw.count, &count) }
            }
        }
        switch step {
        case .completed:
            return Array(buffer.prefix(count))
        case .timedOut:
            throw .timedOut
        case .failed(SSL_ERROR_ZERO_RETURN, _):
            return []
        case .failed(let code, let errors):
            throw Self.error(code: code, errors: errors, session: session)
        }
    }

    /// Sends close_notify (without waiting for the peer's) and frees the socket and the `SSL`.
    /// Later reads and writes throw `TLSConnectionError.closed`; closing twice is harmless.
    public func close() {
        session?.shutdown()
        session = nil
    }

    private static func error(code: Int32, errors: [OpenSSLError], session: ClientSession) -> TLSConnectionError {
        // A fatal alert from the server: the same explanations as for a failed handshake.
        if let alert = session.observer.alertsReceived.last, alert != 0 {
            return .refused(session.classify(code: code, errors: errors))
        }
        if errors.contains(where: { $0.reason?.contains("unexpected eof") == true })
            || (code == SSL_ERROR_SYSCALL && errors.isEmpty && errno == 0)
        {
            return .unexpectedEOF
        }
        if code == SSL_ERROR_SYSCALL, errors.isEmpty {
            return .failed(String(cString: strerror(errno)))
        }
        return .failed(OpenSSLErrorQueue.render(errors, fallback: "SSL error \(code)"))
    }
}

/// `TLSConnection` is single-threaded; see its documentation.
@available(*, unavailable)
extension TLSConnection: Sendable {}

/// Why a read or write on an established `TLSConnection` failed.
public enum TLSConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The peer sent nothing (or accepted nothing) within the connection's timeout.
    case timedOut
    /// The connection was closed with `close()`.
    case closed
    /// The TCP connection ended without TLS close_notify, so the data may be cut short. Many
    /// HTTP servers do this; a caller that knows the length it expects can accept it.
    case unexpectedEOF
    /// The server ended the connection with an alert after the handshake seemed complete;
    /// TLS 1.3 servers reject a missing or refused client certificate this way.
    case refused(HandshakeFailure)
    /// Anything else, with the system's or OpenSSL's text.
    case failed(String)

    /// What failed, for a log line.
    public var description: String {
        switch self {
        case .timedOut: "timed out waiting for the peer"
        case .closed: "the connection is closed"
        case .unexpectedEOF: "the peer closed the connection without TLS close_notify (the data may be truncated)"
        case .refused(let failure): failure.description
        case .failed(let text): text
        }
    }
}
