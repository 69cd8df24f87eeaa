import Glibc
internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// One client connection from the TCP connect through the TLS handshake, shared by
/// `HandshakeProbe` (which reports and closes it) and `TLSConnection` (which keeps it open),
/// so SNI, the hostname or IP check, pins and the classification of failures are set up in
/// one place. It owns the socket, the `SSL` and its observer and frees them in `deinit`.
/// Single-threaded, like the `SSL` it wraps.
final class ClientSession {
    let context: TLSContext
    let descriptor: Int32
    let ssl: OpaquePointer
    /// Attached to `ssl` for the session's whole life: late alerts are classified with it.
    let observer = ConnectionObserver()
    private(set) var report: HandshakeReport

    private init(context: TLSContext, descriptor: Int32, ssl: OpaquePointer, report: HandshakeReport) {
        self.context = context
        self.descriptor = descriptor
        self.ssl = ssl
        self.report = report
        observer.attach(to: ssl)
        _ = SSL_set_fd(ssl, descriptor)
    }

    deinit {
        observer.detach(from: ssl)
        SSL_free(ssl)
        close(descriptor)
        OpenSSLErrorQueue.clear()
    }

    /// Connects to `host` (a name or an IP address, IPv6 without brackets) on `port` and
    /// shakes hands, all before `deadline`. Always returns the report; the session only when
    /// the handshake succeeded. `verdictWait` bounds the TLS 1.3 wait for the server's
    /// verdict on our certificate (zero: do not wait; a rejection then shows on first read).
    static func open(
        _ context: TLSContext, host: String, port: Int, deadline: ContinuousClock.Instant, verdictWait: Duration,
        proxy: ConnectProxy? = nil,
        start: TLSConnection.Start = .immediate
    ) -> (report: HandshakeReport, session: ClientSession?) {
        var report = HandshakeReport(host: host, port: port)
        report.securityLevel = context.securityLevel
        guard context.role == .client else {
            report.failure = .other("a server context cannot start a handshake")
            return (report, nil)
        }
        let connected: TCPConnector.Connected
        report.proxy = proxy.map { ProxyRoute(url: $0.url, variable: $0.variable) }
        switch TCPConnector(deadline: deadline).connect(host: proxy?.host ?? host, port: proxy?.port ?? port) {
        case .success(let value): connected = value
        case .failure(let failure):
            report.failure =
                switch failure {
                case .nameResolution(let reason): .nameResolution(reason)
                case .refused: .connectionRefused
                case .timedOut: .timedOut(.connecting)
                case .failed(let reason): .connectionFailed(reason)
                }
            return (report, nil)
        }
        report.address = connected.address
        if let proxy {
            if case .failure(let failure) = proxy.openTunnel(
                connected.descriptor, to: host, port: port, deadline: deadline)
            {
                close(connected.descriptor)
                report.failure = failure
                return (report, nil)
            }
        }
        if case .failure(let failure) = start.begin(connected.descriptor, host: host, port: port, deadline: deadline) {
            close(connected.descriptor)
            report.failure = failure
            return (report, nil)
        }
        let ssl: OpaquePointer
        switch context.makeConnection(host: host) {
        case .success(let value): ssl = value
        case .failure(let failure):
            close(connected.descriptor)
            report.failure = .other(failure.message)
            return (report, nil)
        }
        let session = ClientSession(context: context, descriptor: connected.descriptor, ssl: ssl, report: report)
        SignalGuard.withSIGPIPEBlocked { session.handshake(deadline: deadline, verdictWait: verdictWait) }
        if case .noCommonProtocolVersion = session.report.failure, session.report.serverVersion == nil {
            session.report.serverVersion = LegacyVersionProbe.version(
                for: context, host: host, port: port, deadline: deadline, proxy: proxy, start: start)
        }
        return (session.report, session.report.failure == nil ? session : nil)
    }

    /// Sends close_notify without waiting for the peer's.
    func shutdown() {
        SignalGuard.withSIGPIPEBlocked {
            OpenSSLErrorQueue.clear()
            _ = SSL_shutdown(ssl)
            OpenSSLErrorQueue.clear()
        }
    }

    private func handshake(deadline: ContinuousClock.Instant, verdictWait: Duration) {
        let name = context.verifiedName(forHost: report.host)
        report.serverName = context.settings.serverNameIndication(forHost: report.host)
        report.verifiedName = context.settings.verification == .full ? name : nil

        var outcome = drive(until: deadline) { SSL_connect($0) }
        if case .completed = outcome, verdictWait > .zero, SSL_version(ssl) == TLS1_3_VERSION,
            observer.certificateRequested
        {
            outcome = awaitVerdict(until: min(deadline, ContinuousClock.now.advanced(by: verdictWait)))
        }
        collect()
        switch outcome {
        case .completed:
            if let pin = observer.pinMismatch ?? postHandshakePinMismatch() {
                report.failure = .pinMismatch(presented: pin)
            }
        case .timedOut:
            report.failure = .timedOut(.handshaking)
        case .failed(let code, let errors):
            report.failure = classify(code: code, errors: errors)
        }
    }

    enum Step {
        case completed
        case timedOut
        case failed(sslError: Int32, errors: [OpenSSLError])
    }

    /// Repeats a non-blocking OpenSSL call, waiting on the socket as it asks, until done.
    /// `SSL_ERROR_ZERO_RETURN` (the peer's close_notify) counts as done.
    func drive(until deadline: ContinuousClock.Instant, _ call: (OpaquePointer) -> Int32) -> Step {
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

    /// After a TLS 1.3 handshake in which the server asked for a certificate, waits until the
    /// server shows its verdict: a session ticket or data (accepted), or an alert (rejected).
    /// Silence until `deadline` counts as accepted. Peeks, so no application data is lost.
    private func awaitVerdict(until deadline: ContinuousClock.Instant) -> Step {
        var byte: UInt8 = 0
        while !observer.receivedSessionTicket {
            OpenSSLErrorQueue.clear()
            let result = SSL_peek(ssl, &byte, 1)
            if result > 0 { return .completed }
            let error = SSL_get_error(ssl, result)
            switch error {
            case SSL_ERROR_WANT_READ:
                // The peek may just have consumed a NewSessionTicket: the server accepted us.
                if observer.receivedSessionTicket { return .completed }
                guard TCPConnector.wait(descriptor, for: Int16(POLLIN), until: deadline) else { return .completed }
            case SSL_ERROR_WANT_WRITE:
                guard TCPConnector.wait(descriptor, for: Int16(POLLOUT), until: deadline) else { return .completed }
            case SSL_ERROR_ZERO_RETURN:
                return .completed
            default:
                return .failed(sslError: error, errors: OpenSSLErrorQueue.drain())
            }
        }
        return .completed
    }

    private func collect() {
        if let version = observer.serverHelloVersion, version < TLS1_2_VERSION {
            report.serverVersion = TLSProtocolVersion(wireValue: version)
        }
        if SSL_is_init_finished(ssl) == 1 {
            report.protocolVersion = SSL_get_version(ssl).flatMap {
                TLSProtocolVersion(openSSLName: String(cString: $0))
            }
            report.cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
            var selected: UnsafePointer<UInt8>?
            var length: UInt32 = 0
            SSL_get0_alpn_selected(ssl, &selected, &length)
            if let selected, length > 0 {
                report.applicationProtocol = String(
                    decoding: UnsafeBufferPointer(start: selected, count: Int(length)), as: UTF8.self)
            }
        }
        if let chain = SSL_get_peer_cert_chain(ssl) {
            report.peerCertificates = (0..<ctls_sk_X509_num(chain)).compactMap { index in
                ctls_sk_X509_value(chain, index).map { OwnedCertificate(borrowing: $0).summary }
            }
        }
        report.clientCertificateRequested = observer.certificateRequested
        report.clientChain = context.certificateChain
        if observer.certificateRequested, let names = SSL_get_client_CA_list(ssl) {
            report.acceptableIssuers = (0..<ctls_sk_X509_NAME_num(names)).compactMap { index in
                ctls_sk_X509_NAME_value(names, index).map { OwnedCertificate.render($0) }
            }
        }
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
            report.verification = .failed(
                HandshakeFailure.VerificationError(
                    code: result, reason: String(cString: X509_verify_cert_error_string(result)), depth: 0,
                    subject: report.peerCertificates.first?.subject
                ))
        } else {
            report.verification = .passed
        }
    }

    private func verificationError(
        _ failure: ConnectionObserver.VerificationFailure
    ) -> HandshakeFailure.VerificationError {
        HandshakeFailure.VerificationError(
            code: Int(failure.code), reason: String(cString: X509_verify_cert_error_string(Int(failure.code))),
            depth: Int(failure.depth), subject: failure.subject
        )
    }

    /// With `verify = none` OpenSSL may skip the leaf callback; pins still hold.
    private func postHandshakePinMismatch() -> PublicKeyPin? {
        let pins = context.settings.pinnedPublicKeys
        guard !pins.isEmpty, let leaf = report.peerCertificates.first, !pins.contains(leaf.publicKeyPin) else {
            return nil
        }
        return leaf.publicKeyPin
    }

    /// What a failed OpenSSL call means for the person connecting: used for the handshake and
    /// for reads and writes after it (a TLS 1.3 server refuses a client certificate only then).
    func classify(code: Int32, errors: [OpenSSLError]) -> HandshakeFailure {
        if let pin = observer.pinMismatch {
            return .pinMismatch(presented: pin)
        }
        if context.settings.verification != .none, let failure = observer.verificationFailure {
            return .verification(
                verificationError(failure), leaf: report.peerCertificates.first,
                expectedName: report.verifiedName ?? report.host)
        }
        let sentCertificate = report.clientCertificateSent != nil
        if let alert = observer.alertsReceived.last.map(HandshakeFailure.Alert.init(code:)) {
            switch alert.code {
            case 116:
                return sentCertificate ? .clientCertificateRejected(alert) : .clientCertificateRequired
            case 40 where observer.certificateRequested && !sentCertificate:
                return .clientCertificateRequired
            case 70:
                return .noCommonProtocolVersion(
                    "the server refused our versions (\(context.protocolVersions)) with alert \(alert)")
            case 120:
                return .noCommonApplicationProtocol
            case _ where alert.rejectsCertificate && sentCertificate:
                return .clientCertificateRejected(alert)
            case _ where alert.rejectsCertificate && observer.certificateRequested:
                return .clientCertificateRequired
            case 40 where !observer.certificateRequested:
                return .noCommonCipher(alert)
            default:
                return .other(
                    "the server ended the handshake with alert \(alert): \(OpenSSLErrorQueue.render(errors, fallback: "no details"))"
                )
            }
        }
        let reasons = errors.compactMap(\.reason)
        if observer.alertsSent.contains(70)
            || reasons.contains(where: { $0.contains("unsupported protocol") || $0.contains("no protocols available") })
        {
            let detail = OpenSSLErrorQueue.render(errors, fallback: "protocol version")
            return .noCommonProtocolVersion(
                "the server offered a version outside \(context.protocolVersions): \(detail)")
        }
        if reasons.contains(where: {
            $0.contains("wrong version number") || $0.contains("packet length too long") || $0.contains("http request")
        }) {
            return .notTLS(OpenSSLErrorQueue.render(errors, fallback: "not a TLS record"))
        }
        if code == SSL_ERROR_SYSCALL || code == SSL_ERROR_ZERO_RETURN
            || reasons.contains(where: { $0.contains("unexpected eof") })
        {
            return .closedDuringHandshake
        }
        return .other(OpenSSLErrorQueue.render(errors, fallback: "handshake failed (SSL error \(code))"))
    }
}
