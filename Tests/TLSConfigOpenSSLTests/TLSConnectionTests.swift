import COpenSSL
import Foundation
import Glibc
import Synchronization
@_spi(Plumbing) import TLSConfig
import Testing
import TestSupport
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// `TLSConnection` against an echo server of our own on 127.0.0.1: bytes go through the
/// tunnel and back, mTLS works, and failures are the probe's classified failures.
@Suite("TLS connections")
struct TLSConnectionTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    @Test func echoesBytesOverMutualTLS() throws {
        let server = try EchoServer(context: fixtures.serverContext(alpn: ["echo"]))
        defer { server.stop() }
        let context = try fixtures.clientContext(
            fixtures.clientSettings(identity: fixtures.identity("client-combined.pem"), alpn: ["echo"]))
        let connection = try TLSConnection.connect(
            to: HostTarget(host: "localhost", port: server.port), using: context, timeout: .seconds(10))
        #expect(connection.handshake.applicationProtocol == "echo")
        #expect(connection.handshake.verification == .passed)
        #expect(connection.handshake.clientCertificateSent?.subject == "CN=Test Client")

        let message = Array("ping over TLS\n".utf8)
        try connection.write(message)
        #expect(try readExactly(message.count, from: connection) == message)

        // Larger than one TLS record, so reads come back in pieces.
        let large = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try connection.write(large)
        #expect(try readExactly(large.count, from: connection) == large)

        connection.close()
        #expect(throws: TLSConnectionError.closed) { try connection.write(message) }
        #expect(server.peerSubjects() == ["CN=Test Client"])
    }

    @Test func readReturnsEmptyAfterThePeerClosesCleanly() throws {
        let server = try EchoServer(context: fixtures.serverContext(clientAuthentication: .none), closeAfter: 5)
        defer { server.stop() }
        let connection = try TLSConnection.connect(
            host: "127.0.0.1", port: server.port, using: fixtures.clientContext(fixtures.clientSettings()))
        try connection.write(Array("hello".utf8))
        #expect(try readExactly(5, from: connection) == Array("hello".utf8))
        #expect(try connection.read(upTo: 100) == [])
    }

    @Test func aMissingClientCertificateIsExplained() throws {
        let server = try EchoServer(context: fixtures.serverContext())
        defer { server.stop() }
        let anonymous = try fixtures.clientContext(fixtures.clientSettings())
        // TLS 1.3 servers refuse after the client's handshake is done, so the refusal can come
        // from connect or from the first read; both carry the same classification.
        do throws(HandshakeFailure) {
            let connection = try TLSConnection.connect(host: "127.0.0.1", port: server.port, using: anonymous)
            #expect(throws: TLSConnectionError.refused(.clientCertificateRequired)) {
                _ = try connection.read(upTo: 10)
            }
        } catch {
            #expect(error == .clientCertificateRequired)
        }
    }

    @Test func handshakeFailuresAreTheProbesFailures() throws {
        let server = try EchoServer(context: fixtures.serverContext(clientAuthentication: .none))
        defer { server.stop() }
        let untrusting = try fixtures.clientContext(fixtures.clientSettings(trusting: ["other-ca.pem"]))
        #expect {
            _ = try TLSConnection.connect(host: "localhost", port: server.port, using: untrusting)
        } throws: { error in
            guard case .serverCertificateNotTrusted = error as? HandshakeFailure else { return false }
            return true
        }
        let wrongName = try fixtures.clientContext(fixtures.clientSettings(serverName: "not-localhost.example"))
        #expect {
            _ = try TLSConnection.connect(host: "127.0.0.1", port: server.port, using: wrongName)
        } throws: { error in
            guard case .hostnameMismatch(expected: "not-localhost.example", _) = error as? HandshakeFailure else {
                return false
            }
            return true
        }
        let refused = try Sockets.freePort()
        #expect(throws: HandshakeFailure.connectionRefused) {
            _ = try TLSConnection.connect(
                host: "127.0.0.1", port: refused, using: fixtures.clientContext(fixtures.clientSettings()))
        }
    }

    @Test func aSilentPeerTimesOutReads() throws {
        let server = try EchoServer(context: fixtures.serverContext(clientAuthentication: .none), echoes: false)
        defer { server.stop() }
        let connection = try TLSConnection.connect(
            host: "localhost", port: server.port, using: fixtures.clientContext(fixtures.clientSettings()),
            timeout: .milliseconds(300))
        #expect(throws: TLSConnectionError.timedOut) { _ = try connection.read(upTo: 10) }
    }

    private func readExactly(_ count: Int, from connection: TLSConnection) throws -> [UInt8] {
        var received: [UInt8] = []
        while received.count < count {
            let chunk = try connection.read(upTo: count - received.count)
            if chunk.isEmpty { break }
            received += chunk
        }
        return received
    }
}

/// A TLS echo server on 127.0.0.1 with one of our server contexts, on its own thread: it
/// serves one client at a time, echoing what it reads (or, with `echoes: false`, staying
/// silent) until the client closes or `closeAfter` bytes were echoed, then closes cleanly.
private final class EchoServer: Sendable {
    let port: Int
    private let listener: Int32
    private let subjects = Locked<[String]>([])
    private let stopping = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    init(context: TLSContext, echoes: Bool = true, closeAfter: Int? = nil) throws {
        (listener, port) = try Sockets.listen()
        let thread = Thread { [self] in
            Sockets.blockSIGPIPEOnThisThread()
            while !stopping.load(ordering: .acquiring) {
                var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, 50) > 0 else { continue }
                let client = accept(listener, nil, nil)
                guard client >= 0 else { continue }
                Sockets.setTimeouts(client, seconds: 2)
                serve(context: context, descriptor: client, echoes: echoes, closeAfter: closeAfter)
                close(client)
            }
            finished.store(true, ordering: .releasing)
        }
        thread.start()
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
        for _ in 0..<300 where !finished.load(ordering: .acquiring) {
            usleep(10_000)
        }
        close(listener)
    }

    func peerSubjects() -> [String] {
        subjects.withLock { $0 }
    }

    private func serve(context: TLSContext, descriptor: Int32, echoes: Bool, closeAfter: Int?) {
        guard let ssl = SSL_new(context.pointer) else { return }
        defer { SSL_free(ssl) }
        SSL_set_fd(ssl, descriptor)
        ERR_clear_error()
        guard SSL_accept(ssl) == 1 else { return }
        if let peer = SSL_get1_peer_certificate(ssl) {
            let subject = OwnedCertificate(taking: peer).subject
            subjects.withLock { $0.append(subject) }
        }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var echoed = 0
        while echoes, !stopping.load(ordering: .acquiring) {
            let limit = min(buffer.count, closeAfter.map { $0 - echoed } ?? buffer.count)
            let count = SSL_read(ssl, &buffer, Int32(limit))
            guard count > 0 else { break }
            var offset = 0
            while offset < Int(count) {
                let sent = buffer[offset..<Int(count)].withUnsafeBytes {
                    SSL_write(ssl, $0.baseAddress, Int32($0.count))
                }
                guard sent > 0 else { return }
                offset += Int(sent)
            }
            echoed += Int(count)
            if let closeAfter, echoed >= closeAfter { break }
        }
        if !echoes {
            // Wait for the client to give up, then leave without a word.
            var byte: UInt8 = 0
            _ = SSL_read(ssl, &byte, 1)
        }
        _ = SSL_shutdown(ssl)
    }
}
