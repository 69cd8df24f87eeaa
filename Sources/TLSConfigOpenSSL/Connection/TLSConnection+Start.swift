import TLSConfig
import Glibc

extension TLSConnection {
    /// How TLS begins on a connection: at once (HTTPS, gRPC, most services), or after the
    /// protocol's own request to switch, as PostgreSQL's SSLRequest. A probe of a PostgreSQL
    /// server that started TLS at once would be closed unanswered, and its explanation would be
    /// about the wrong thing.
    public enum Start: String, Sendable, Hashable {
        /// TLS from the first byte.
        case immediate
        /// PostgreSQL: the 8-byte SSLRequest first; the server answers `S` to go on with TLS.
        case postgreSQL = "postgresql"

        /// Runs what comes before the TLS handshake on `descriptor`.
        func begin(
            _ descriptor: Int32, host: String, port: Int, deadline: ContinuousClock.Instant
        ) -> Result<Void, HandshakeFailure> {
            switch self {
            case .immediate:
                return .success(())
            case .postgreSQL:
                // Length 8, then the SSLRequest code 80877103.
                let request: [UInt8] = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F]
                switch TCPConnector.sendAll(request, on: descriptor, until: deadline) {
                case nil: break
                case .timedOut: return .failure(.timedOut(.connecting))
                case .failed(let reason):
                    return .failure(.connectionFailed("cannot send PostgreSQL's SSLRequest: \(reason)"))
                }
                var answer: UInt8 = 0
                while true {
                    guard TCPConnector.wait(descriptor, for: Int16(POLLIN), until: deadline) else {
                        return .failure(.timedOut(.connecting))
                    }
                    let count = recv(descriptor, &answer, 1, 0)
                    if count < 0, errno == EINTR || errno == EAGAIN { continue }
                    guard count == 1 else { return .failure(.closedDuringHandshake) }
                    break
                }
                switch answer {
                case UInt8(ascii: "S"):
                    return .success(())
                case UInt8(ascii: "N"):
                    return .failure(
                        .other(
                            "the PostgreSQL server at \(HostTarget.authority(host: host, port: port)) does not offer TLS (it answered N to SSLRequest): set ssl = on, with ssl_cert_file and ssl_key_file, in its postgresql.conf"
                        ))
                default:
                    return .failure(
                        .other(
                            "\(HostTarget.authority(host: host, port: port)) answered PostgreSQL's SSLRequest with neither S nor N: it does not look like a PostgreSQL server"
                        ))
                }
            }
        }
    }
}

package typealias TLSStart = TLSConnection.Start
