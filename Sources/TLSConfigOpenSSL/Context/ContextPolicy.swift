internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// The decisions OpenSSL's callbacks need (pins, whether chain errors are fatal, the server's
/// ALPN list). It hangs off the `SSL_CTX` as ex-data holding one reference that OpenSSL
/// releases when the `SSL_CTX` is freed, so a connection can never outlive it.
final class ContextPolicy: Sendable {
    /// `false` only for `verify = none` with pins: the chain may be anything, the pin must match.
    let enforcesChain: Bool
    let pins: Set<PublicKeyPin>
    /// ALPN protocols in wire format; for servers, OpenSSL's selection points into it.
    nonisolated(unsafe) let alpnWire: UnsafeMutableBufferPointer<UInt8>

    init(enforcesChain: Bool, pins: [PublicKeyPin], alpnWire: [UInt8]) {
        self.enforcesChain = enforcesChain
        self.pins = Set(pins)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(alpnWire.count, 1))
        _ = buffer.initialize(from: alpnWire)
        self.alpnWire = UnsafeMutableBufferPointer(rebasing: buffer[0..<alpnWire.count])
    }

    deinit {
        alpnWire.deallocate()
    }

    private static let exDataIndex: Int32 = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_CTX, 0, nil, nil, nil) {
        _, pointer, _, _, _, _ in
        if let pointer {
            Unmanaged<ContextPolicy>.fromOpaque(pointer).release()
        }
    }

    func attach(to context: OpaquePointer) -> Bool {
        let pointer = Unmanaged.passRetained(self).toOpaque()
        guard SSL_CTX_set_ex_data(context, Self.exDataIndex, pointer) == 1 else {
            Unmanaged<ContextPolicy>.fromOpaque(pointer).release()
            return false
        }
        return true
    }

    static func attached(to context: OpaquePointer?) -> ContextPolicy? {
        guard let context, let pointer = SSL_CTX_get_ex_data(context, exDataIndex) else { return nil }
        return Unmanaged<ContextPolicy>.fromOpaque(pointer).takeUnretainedValue()
    }
}

/// OpenSSL's verify callback, run for every certificate it checks: records failures for the
/// probe, lets chain errors through when verification is off, and enforces SPKI pins on the leaf.
func verifyPeerCertificate(_ preverified: Int32, _ storeContext: OpaquePointer?) -> Int32 {
    guard let storeContext,
        let raw = X509_STORE_CTX_get_ex_data(storeContext, SSL_get_ex_data_X509_STORE_CTX_idx())
    else { return preverified }
    let ssl = OpaquePointer(raw)
    guard let policy = ContextPolicy.attached(to: SSL_get_SSL_CTX(ssl)) else { return preverified }
    let observer = ConnectionObserver.attached(to: ssl)
    let depth = X509_STORE_CTX_get_error_depth(storeContext)
    if preverified == 0 {
        let current = X509_STORE_CTX_get_current_cert(storeContext).map { OwnedCertificate(borrowing: $0) }
        observer?.recordVerificationFailure(
            code: X509_STORE_CTX_get_error(storeContext), depth: depth, subject: current?.subject)
        return policy.enforcesChain ? 0 : 1
    }
    if depth == 0, !policy.pins.isEmpty, let leaf = X509_STORE_CTX_get_current_cert(storeContext) {
        let pin = OwnedCertificate(borrowing: leaf).publicKeyPin
        if !policy.pins.contains(pin) {
            X509_STORE_CTX_set_error(storeContext, X509_V_ERR_APPLICATION_VERIFICATION)
            observer?.recordPinMismatch(pin)
            return 0
        }
    }
    return 1
}

/// OpenSSL's ALPN selection callback for servers: the first of our protocols the client also
/// offers; none in common means no ALPN rather than a failed handshake, as `openssl s_server`
/// does. `argument` is the context's `ContextPolicy`.
func selectApplicationProtocol(
    _ ssl: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
    _ outLength: UnsafeMutablePointer<UInt8>?,
    _ offered: UnsafePointer<UInt8>?, _ offeredLength: UInt32, _ argument: UnsafeMutableRawPointer?
) -> Int32 {
    guard let out, let outLength, let offered, let argument else { return SSL_TLSEXT_ERR_NOACK }
    let policy = Unmanaged<ContextPolicy>.fromOpaque(argument).takeUnretainedValue()
    guard let ours = policy.alpnWire.baseAddress, !policy.alpnWire.isEmpty else { return SSL_TLSEXT_ERR_NOACK }
    var selected: UnsafeMutablePointer<UInt8>?
    let status = SSL_select_next_proto(
        &selected, outLength, ours, UInt32(policy.alpnWire.count), offered, offeredLength)
    guard status == OPENSSL_NPN_NEGOTIATED, let selected else { return SSL_TLSEXT_ERR_NOACK }
    out.pointee = UnsafePointer(selected)
    return SSL_TLSEXT_ERR_OK
}
