internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// Watches one handshake from OpenSSL's callbacks: the first verification failure with its
/// depth, pin mismatches, alerts in both directions, and the handshake messages that tell
/// whether the server asked for a client certificate and accepted it. The probe owns it and
/// detaches it before freeing the connection.
final class ConnectionObserver {
    struct VerificationFailure {
        var code: Int32
        var depth: Int32
        var subject: String?
    }

    private(set) var verificationFailure: VerificationFailure?
    private(set) var pinMismatch: PublicKeyPin?
    private(set) var certificateRequested = false
    /// A NewSessionTicket arrived after the handshake: the server accepted our Finished (and
    /// our certificate, in TLS 1.3).
    private(set) var receivedSessionTicket = false
    /// The version in the ServerHello's legacy field: below 1.2 it is the version the server
    /// chose, which says why a handshake failed with a server that speaks only TLS 1.0.
    private(set) var serverHelloVersion: Int32?
    private(set) var alertsReceived: [UInt8] = []
    private(set) var alertsSent: [UInt8] = []

    func recordVerificationFailure(code: Int32, depth: Int32, subject: String?) {
        if verificationFailure == nil {
            verificationFailure = VerificationFailure(code: code, depth: depth, subject: subject)
        }
    }

    func recordPinMismatch(_ pin: PublicKeyPin) {
        pinMismatch = pin
    }

    func record(alert: UInt8, sent: Bool) {
        if sent { alertsSent.append(alert) } else { alertsReceived.append(alert) }
    }

    func record(receivedHandshakeMessage type: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        if type == SSL3_MT_SERVER_HELLO, bytes.count >= 6 {
            serverHelloVersion = Int32(bytes[4]) << 8 | Int32(bytes[5])
        }
        switch type {
        case SSL3_MT_CERTIFICATE_REQUEST: certificateRequested = true
        case SSL3_MT_NEWSESSION_TICKET: receivedSessionTicket = true
        default: break
        }
    }

    private static let exDataIndex: Int32 = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL, 0, nil, nil, nil, nil)

    /// Attaches without retaining: the caller keeps the observer alive while `ssl` is in use.
    func attach(to ssl: OpaquePointer) {
        let pointer = Unmanaged.passUnretained(self).toOpaque()
        _ = SSL_set_ex_data(ssl, Self.exDataIndex, pointer)
        SSL_set_msg_callback(ssl, observeProtocolMessage)
        ctls_SSL_set_msg_callback_arg(ssl, pointer)
    }

    func detach(from ssl: OpaquePointer) {
        _ = SSL_set_ex_data(ssl, Self.exDataIndex, nil)
        SSL_set_msg_callback(ssl, nil)
        ctls_SSL_set_msg_callback_arg(ssl, nil)
    }

    static func attached(to ssl: OpaquePointer) -> ConnectionObserver? {
        guard let pointer = SSL_get_ex_data(ssl, exDataIndex) else { return nil }
        return Unmanaged<ConnectionObserver>.fromOpaque(pointer).takeUnretainedValue()
    }
}

/// OpenSSL's message callback: sees every alert and (decrypted) handshake message.
/// `argument` is the unretained `ConnectionObserver`.
func observeProtocolMessage(
    _ written: Int32, _ version: Int32, _ contentType: Int32, _ buffer: UnsafeRawPointer?, _ length: Int,
    _ ssl: OpaquePointer?, _ argument: UnsafeMutableRawPointer?
) {
    guard let argument, let buffer, length > 0 else { return }
    let observer = Unmanaged<ConnectionObserver>.fromOpaque(argument).takeUnretainedValue()
    let bytes = buffer.assumingMemoryBound(to: UInt8.self)
    switch contentType {
    case SSL3_RT_ALERT where length >= 2:
        observer.record(alert: bytes[1], sent: written != 0)
    case SSL3_RT_HANDSHAKE where written == 0:
        observer.record(receivedHandshakeMessage: Int32(bytes[0]), UnsafeBufferPointer(start: bytes, count: length))
    default:
        break
    }
}
