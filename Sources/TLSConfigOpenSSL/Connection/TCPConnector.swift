import Glibc

/// A non-blocking TCP connect to every address of a host in turn, bounded by one deadline.
struct TCPConnector {
    struct Connected {
        var descriptor: Int32
        /// The numeric address that answered.
        var address: String
    }

    enum Failure: Error {
        case nameResolution(String)
        case refused
        case timedOut
        case failed(String)
    }

    var deadline: ContinuousClock.Instant

    func connect(host: String, port: Int) -> Result<Connected, Failure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamType
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failure(.nameResolution(reason))
        }
        defer { freeaddrinfo(list) }
        var failure = Failure.failed("no address for \(host)")
        var sawRefused = false
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            entry = current.pointee.ai_next
            switch attempt(current.pointee) {
            case .success(let connected):
                return .success(connected)
            case .failure(.timedOut):
                return .failure(.timedOut)
            case .failure(.refused):
                sawRefused = true
            case .failure(let other):
                failure = other
            }
        }
        return .failure(sawRefused ? .refused : failure)
    }

    private func attempt(_ info: addrinfo) -> Result<Connected, Failure> {
        let descriptor = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard descriptor >= 0 else { return .failure(.failed(String(cString: strerror(errno)))) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var result = Self.systemConnect(descriptor, info.ai_addr, info.ai_addrlen)
        if result != 0, errno == EINPROGRESS {
            guard Self.wait(descriptor, for: Int16(POLLOUT), until: deadline) else {
                close(descriptor)
                return .failure(.timedOut)
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            result = error == 0 ? 0 : -1
            errno = error
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            return .failure(code == ECONNREFUSED ? .refused : .failed(String(cString: strerror(code))))
        }
        return .success(Connected(descriptor: descriptor, address: Self.numericAddress(info)))
    }

    /// Waits until `descriptor` is ready for `events`; `false` when the deadline passes first.
    static func wait(_ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return false }
            let milliseconds = max(
                1,
                Int32(
                    clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds
                        / 1_000_000_000_000_000))
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return true }  // let the following call report the error
        }
    }

    /// Sends all of `bytes` before the deadline, for what a protocol says before TLS (a proxy's
    /// CONNECT, PostgreSQL's SSLRequest): `nil` when sent, else why not.
    static func sendAll(_ bytes: [UInt8], on descriptor: Int32, until deadline: ContinuousClock.Instant) -> SendFailure?
    {
        var sent = 0
        while sent < bytes.count {
            guard wait(descriptor, for: Int16(POLLOUT), until: deadline) else { return .timedOut }
            let count = bytes[sent...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failed(String(cString: strerror(errno)))
            }
            sent += count
        }
        return nil
    }

    /// Why ``sendAll(_:on:until:)`` did not send everything.
    enum SendFailure: Error {
        case timedOut
        case failed(String)
    }

    private static func numericAddress(_ info: addrinfo) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(info.ai_addr, info.ai_addrlen, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0
        else { return "?" }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static func systemConnect(_ socket: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32
    {
        Glibc.connect(socket, address, length)
    }
}
