#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import COpenSSL
internal import CTLSShims
public import TLSConfig

/// Tries one real handshake with a client context, for `tlsconfig connect`: TCP with a
/// non-blocking connect, then `SSL_connect`, all under one deadline. The result says what
/// was negotiated or, on failure, what to fix. Blocks the calling thread.
public struct HandshakeProbe: Sendable {
    /// For name resolution, the TCP connect and the handshake together. Name resolution
    /// itself uses the system resolver, which has its own timeouts.
    public var timeout: Duration
    /// How long to wait after a TLS 1.3 handshake for the server's verdict on our client
    /// certificate (TLS 1.3 servers send it after the client thinks it is done). Ends early
    /// when the server sends a session ticket, data or an alert.
    public var verdictWait: Duration

    public init(timeout: Duration = .seconds(10), verdictWait: Duration = .seconds(1)) {
        self.timeout = timeout
        self.verdictWait = verdictWait
    }

    /// Connects to `target` (port 443 when it has none).
    public func run(_ context: TLSContext, target: HostTarget, defaultPort: Int = 443) -> HandshakeReport {
        run(context, host: target.host, port: target.port ?? defaultPort)
    }

    /// Connects to `host` (a name or an IP address, IPv6 without brackets) on `port`.
    public func run(_ context: TLSContext, host: String, port: Int) -> HandshakeReport {
        var report = HandshakeReport(host: host, port: port)
        guard context.role == .client else {
            report.failure = .other("a server context cannot start a handshake")
            return report
        }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let connected: TCPConnector.Connected
        switch TCPConnector(deadline: deadline).connect(host: host, port: port) {
        case .success(let value): connected = value
        case .failure(let failure):
            report.failure = switch failure {
            case .nameResolution(let reason): .nameResolution(reason)
            case .refused: .connectionRefused
            case .timedOut: .timedOut(.connecting)
            case .failed(let reason): .connectionFailed(reason)
            }
            return report
        }
        defer { close(connected.descriptor) }
        report.address = connected.address
        return SignalGuard.withSIGPIPEBlocked {
            handshake(context, descriptor: connected.descriptor, deadline: deadline, report: report)
        }
    }

    private func handshake(_ context: TLSContext, descriptor: Int32, deadline: ContinuousClock.Instant, report: HandshakeReport) -> HandshakeReport {
        var report = report
        let ssl: OpaquePointer
        switch context.makeConnection(host: report.host) {
        case .success(let value): ssl = value
        case .failure(let failure):
            report.failure = .other(failure.message)
            return report
        }
        let observer = ConnectionObserver()
        observer.attach(to: ssl)
        defer {
            observer.detach(from: ssl)
            SSL_free(ssl)
            OpenSSLErrorQueue.clear()
        }
        _ = SSL_set_fd(ssl, descriptor)
        let name = context.verifiedName(forHost: report.host)
        let isAddress = (try? HostTarget(parsing: name)).map { $0.kind != .name } ?? false
        report.serverName = isAddress ? nil : name
        report.verifiedName = context.settings.verification == .full ? name : nil

        var outcome = drive(ssl, descriptor: descriptor, deadline: deadline) { SSL_connect($0) }
        if case .completed = outcome, SSL_version(ssl) == TLS1_3_VERSION, observer.certificateRequested {
            outcome = awaitVerdict(ssl, descriptor: descriptor, observer: observer, deadline: deadline)
        }
        collect(ssl, context: context, observer: observer, into: &report)
        switch outcome {
        case .completed:
            if let pin = observer.pinMismatch ?? postHandshakePinMismatch(context, report: report) {
                report.failure = .pinMismatch(presented: pin)
            }
        case .timedOut:
            report.failure = .timedOut(.handshaking)
        case .failed(let code, let errors):
            report.failure = classify(code: code, errors: errors, ssl: ssl, context: context, observer: observer, report: report)
        }
        if report.failure == nil {
            _ = SSL_shutdown(ssl)
        }
        return report
    }

    private enum Step {
        case completed
        case timedOut
        case failed(sslError: Int32, errors: [OpenSSLError])
    }

    /// Repeats a non-blocking OpenSSL call, waiting on the socket as it asks, until done.
    private func drive(_ ssl: OpaquePointer, descriptor: Int32, deadline: ContinuousClock.Instant, _ call: (OpaquePointer) -> Int32) -> Step {
        while true {
            OpenSSLErrorQueue.clear()
            let result = call(ssl)
            if result > 0 { return .completed }
            let error = SSL_get_error(ssl, result)
            switch error {
            case SSL_ERROR_WANT_READ:
                guard TCPConnector.wait(descriptor, for: Int16(POLLIN), until: deadline) else { return .timedOut }
            case SSL_ERROR_WANT_WRITE:
                guard TCPConnector.wait(descriptor, for: Int16(POLLOUT), until: deadline) else { return .timedOut }
            default:
                return .failed(sslError: error, errors: OpenSSLErrorQueue.drain())
            }
        }
    }

    /// After a TLS 1.3 handshake in which the server asked for a certificate, reads until the
    /// server shows its verdict: a session ticket or data (accepted), or an alert (rejected).
    /// Silence until `verdictWait` ends counts as accepted.
    private func awaitVerdict(_ ssl: OpaquePointer, descriptor: Int32, observer: ConnectionObserver, deadline: ContinuousClock.Instant) -> Step {
        let verdictDeadline = min(deadline, ContinuousClock.now.advanced(by: verdictWait))
        var buffer = [UInt8](repeating: 0, count: 256)
        while !observer.receivedSessionTicket {
            OpenSSLErrorQueue.clear()
            let result = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
            if result > 0 { return .completed }
            let error = SSL_get_error(ssl, result)
            switch error {
            case SSL_ERROR_WANT_READ:
                guard TCPConnector.wait(descriptor, for: Int16(POLLIN), until: verdictDeadline) else { return .completed }
            case SSL_ERROR_WANT_WRITE:
                guard TCPConnector.wait(descriptor, for: Int16(POLLOUT), until: verdictDeadline) else { return .completed }
            case SSL_ERROR_ZERO_RETURN:
                return .completed
            default:
                return .failed(sslError: error, errors: OpenSSLErrorQueue.drain())
            }
        }
        return .completed
    }

    private func collect(_ ssl: OpaquePointer, context: TLSContext, observer: ConnectionObserver, into report: inout HandshakeReport) {
        if SSL_is_init_finished(ssl) == 1 {
            report.protocolVersion = SSL_get_version(ssl).flatMap { TLSVersion(openSSLName: String(cString: $0)) }
            report.cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
            var selected: UnsafePointer<UInt8>?
            var length: UInt32 = 0
            SSL_get0_alpn_selected(ssl, &selected, &length)
            if let selected, length > 0 {
                report.applicationProtocol = String(decoding: UnsafeBufferPointer(start: selected, count: Int(length)), as: UTF8.self)
            }
        }
        if let chain = SSL_get_peer_cert_chain(ssl) {
            report.peerCertificates = (0..<ctls_sk_X509_num(chain)).compactMap { index in
                ctls_sk_X509_value(chain, index).map { OwnedCertificate(borrowing: $0).summary }
            }
        }
        report.clientCertificateRequested = observer.certificateRequested
        if observer.certificateRequested, SSL_get_certificate(ssl) != nil {
            report.clientCertificateSent = context.certificateChain.first
        }
        guard !report.peerCertificates.isEmpty else { return }
        let failure = observer.verificationFailure.map(verificationError)
        if context.settings.verification == .none {
            report.verification = .notEnforced(failure)
        } else if let failure {
            report.verification = .failed(failure)
        } else if case let result = SSL_get_verify_result(ssl), result != Int(X509_V_OK) {
            report.verification = .failed(VerificationError(
                code: result, reason: String(cString: X509_verify_cert_error_string(result)), depth: 0, subject: report.peerCertificates.first?.subject
            ))
        } else {
            report.verification = .passed
        }
    }

    private func verificationError(_ failure: ConnectionObserver.VerificationFailure) -> VerificationError {
        VerificationError(
            code: Int(failure.code), reason: String(cString: X509_verify_cert_error_string(Int(failure.code))),
            depth: Int(failure.depth), subject: failure.subject
        )
    }

    /// With `verify = none` OpenSSL may skip the leaf callback; pins still hold.
    private func postHandshakePinMismatch(_ context: TLSContext, report: HandshakeReport) -> PublicKeyPin? {
        let pins = context.settings.pinnedPublicKeys
        guard !pins.isEmpty, let leaf = report.peerCertificates.first, !pins.contains(leaf.publicKeyPin) else { return nil }
        return leaf.publicKeyPin
    }

    private func classify(
        code: Int32, errors: [OpenSSLError], ssl: OpaquePointer, context: TLSContext, observer: ConnectionObserver, report: HandshakeReport
    ) -> HandshakeFailure {
        if let pin = observer.pinMismatch {
            return .pinMismatch(presented: pin)
        }
        if context.settings.verification != .none, let failure = observer.verificationFailure {
            if failure.code == X509_V_ERR_HOSTNAME_MISMATCH || failure.code == X509_V_ERR_IP_ADDRESS_MISMATCH {
                let names = report.peerCertificates.first?.subjectAlternativeNames ?? []
                return .hostnameMismatch(expected: report.verifiedName ?? report.host, certificateNames: names)
            }
            return .serverCertificateNotTrusted(verificationError(failure))
        }
        let sentCertificate = report.clientCertificateSent != nil
        if let alert = observer.alertsReceived.last.map(TLSAlert.init(code:)) {
            switch alert.code {
            case 116:
                return sentCertificate ? .clientCertificateRejected(alert) : .clientCertificateRequired
            case 40 where observer.certificateRequested && !sentCertificate:
                return .clientCertificateRequired
            case 70:
                return .noCommonProtocolVersion("the server refused our versions (\(context.protocolVersions)) with alert \(alert)")
            case _ where alert.rejectsCertificate && sentCertificate:
                return .clientCertificateRejected(alert)
            case _ where alert.rejectsCertificate && observer.certificateRequested:
                return .clientCertificateRequired
            default:
                return .other("the server ended the handshake with alert \(alert): \(OpenSSLErrorQueue.render(errors, fallback: "no details"))")
            }
        }
        let reasons = errors.compactMap(\.reason)
        if observer.alertsSent.contains(70) || reasons.contains(where: { $0.contains("unsupported protocol") || $0.contains("no protocols available") }) {
            let detail = OpenSSLErrorQueue.render(errors, fallback: "protocol version")
            return .noCommonProtocolVersion("the server offered a version outside \(context.protocolVersions): \(detail)")
        }
        if reasons.contains(where: { $0.contains("wrong version number") || $0.contains("packet length too long") }) {
            return .other("the server did not answer with TLS; is this a plain-text port? (\(OpenSSLErrorQueue.render(errors, fallback: "")))")
        }
        if code == SSL_ERROR_SYSCALL, errors.isEmpty {
            return .other("the server closed the connection during the handshake")
        }
        return .other(OpenSSLErrorQueue.render(errors, fallback: "handshake failed (SSL error \(code))"))
    }
}
