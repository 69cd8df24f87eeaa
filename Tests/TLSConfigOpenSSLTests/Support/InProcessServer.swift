import Foundation
import TestSupport
import Glibc
import Synchronization
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL
import COpenSSL
import CTLSShims

/// A TLS server on 127.0.0.1 running one of our server contexts on its own thread: it
/// accepts up to `connections` clients, completes the handshake (or fails it, sending the
/// alert OpenSSL chooses), greets, and closes. Outcomes are recorded for the test to check.
final class InProcessServer: Sendable {
    struct Outcome: Sendable {
        var accepted: Bool
        var error: String?
        var peerSubject: String?
        var applicationProtocol: String?
    }

    let port: Int
    private let listener: Int32
    private let outcomes = Locked<[Outcome]>([])
    private let finished = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)

    convenience init(context: TLSContext, connections: Int = 1) throws {
        try self.init(connections: connections) { context }
    }

    /// A server that asks `contexts` for the context of each connection it accepts (a
    /// reloader's `current`, say).
    init(connections: Int = 1, contexts: @escaping @Sendable () -> TLSContext) throws {
        let (descriptor, port) = try Sockets.listen()
        self.listener = descriptor
        self.port = port
        let thread = Thread { [self] in
            Sockets.blockSIGPIPEOnThisThread()
            serve(contexts: contexts, connections: connections)
            finished.store(true, ordering: .releasing)
        }
        thread.start()
    }

    /// Stops accepting and waits (briefly) for the serving thread to finish.
    func stop() {
        stopping.store(true, ordering: .releasing)
        for _ in 0..<200 where !finished.load(ordering: .acquiring) {
            usleep(10_000)
        }
        close(listener)
    }

    /// Waits until `count` connections were handled (or about five seconds passed).
    func waitForOutcomes(_ count: Int) -> [Outcome] {
        for _ in 0..<500 {
            let current = outcomes.withLock { $0 }
            if current.count >= count { return current }
            usleep(10_000)
        }
        return outcomes.withLock { $0 }
    }

    private func serve(contexts: @Sendable () -> TLSContext, connections: Int) {
        var handled = 0
        while handled < connections, !stopping.load(ordering: .acquiring) {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            handled += 1
            Sockets.setTimeouts(client, seconds: 5)
            let outcome = handshake(context: contexts(), descriptor: client)
            outcomes.withLock { $0.append(outcome) }
            close(client)
        }
    }

    private func handshake(context: TLSContext, descriptor: Int32) -> Outcome {
        guard let ssl = SSL_new(context.pointer) else { return Outcome(accepted: false, error: "SSL_new failed") }
        defer { SSL_free(ssl) }
        SSL_set_fd(ssl, descriptor)
        ERR_clear_error()
        guard SSL_accept(ssl) == 1 else {
            return Outcome(accepted: false, error: OpenSSLErrorQueue.drainedText(fallback: "SSL_accept failed"))
        }
        var outcome = Outcome(accepted: true)
        if let peer = SSL_get1_peer_certificate(ssl) {
            outcome.peerSubject = OwnedCertificate(taking: peer).subject
        }
        var selected: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &selected, &length)
        if let selected, length > 0 {
            outcome.applicationProtocol = String(
                decoding: UnsafeBufferPointer(start: selected, count: Int(length)), as: UTF8.self)
        }
        let greeting = Array("hello\n".utf8)
        _ = SSL_write(ssl, greeting, Int32(greeting.count))
        _ = SSL_shutdown(ssl)
        return outcome
    }
}

/// A listener that accepts TCP connections and never speaks: handshakes against it time out.
final class SilentServer: Sendable {
    let port: Int
    private let listener: Int32

    init() throws {
        (listener, port) = try Sockets.listen()
    }

    func stop() {
        close(listener)
    }
}
