import Glibc

/// A TCP listener on 127.0.0.1 that plays a misbehaving server, or an HTTP CONNECT proxy, on a
/// thread of its own until `stop()`: what `tlsconfig connect` must explain without a TLS peer.
public final class LoopbackListener: @unchecked Sendable {
    public enum Behaviour: Sendable {
        /// Writes these bytes and closes (a plain-text server).
        case respond([UInt8])
        /// Accepts and closes at once.
        case closeImmediately
        /// Accepts and never answers.
        case silent
        /// An HTTP CONNECT proxy: answers 200 and relays to the requested 127.0.0.1 port.
        case connectProxy
    }

    public let port: Int
    private let descriptor: Int32
    private let behaviour: Behaviour
    private var thread: pthread_t?
    private var stopped = false
    private var requests: [String] = []
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    public init(_ behaviour: Behaviour) throws {
        let (descriptor, port) = try Sockets.listen()
        self.descriptor = descriptor
        self.port = port
        self.behaviour = behaviour
        pthread_mutex_init(lock, nil)
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        pthread_create(
            &thread, nil,
            { argument in
                let listener = Unmanaged<LoopbackListener>.fromOpaque(argument!).takeRetainedValue()
                listener.serve()
                return nil
            }, box.toOpaque())
        self.thread = thread
    }

    deinit {
        lock.deallocate()
    }

    /// The request heads a proxy received, for tests that check what was sent.
    public var receivedRequests: [String] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return requests
    }

    public func stop() {
        pthread_mutex_lock(lock)
        stopped = true
        pthread_mutex_unlock(lock)
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    private var isStopped: Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return stopped
    }

    private func serve() {
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        while !isStopped {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) >= 0 else { return }
            guard entry.revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { if isStopped { return } else { continue } }
            switch behaviour {
            case .respond(let bytes):
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(client)
            case .closeImmediately:
                close(client)
            case .silent:
                held.append(client)
            case .connectProxy:
                proxy(client)
            }
        }
    }

    /// One CONNECT: read the head, connect to the requested port on 127.0.0.1, relay until
    /// either side closes.
    private func proxy(_ client: Int32) {
        defer { close(client) }
        var head: [UInt8] = []
        while !(head.count >= 4 && head.suffix(4).elementsEqual([13, 10, 13, 10])), head.count < 16_384 {
            var byte: UInt8 = 0
            guard recv(client, &byte, 1, 0) == 1 else { return }
            head.append(byte)
        }
        let text = String(decoding: head, as: UTF8.self)
        pthread_mutex_lock(lock)
        requests.append(text)
        pthread_mutex_unlock(lock)
        let target = text.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        guard let portText = target.split(separator: ":").last, let port = UInt16(portText) else { return }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(upstream) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        let answer = Array(
            (connected == 0 ? "HTTP/1.1 200 Connection established\r\n\r\n" : "HTTP/1.1 502 Bad Gateway\r\n\r\n").utf8)
        _ = answer.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard connected == 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var entries = [
            pollfd(fd: client, events: Int16(POLLIN), revents: 0),
            pollfd(fd: upstream, events: Int16(POLLIN), revents: 0),
        ]
        while !isStopped {
            guard poll(&entries, 2, 50) >= 0 else { return }
            for (index, entry) in entries.enumerated() where entry.revents != 0 {
                let from = entry.fd, to = index == 0 ? upstream : client
                let count = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                _ = buffer.withUnsafeBytes { send(to, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }
}
