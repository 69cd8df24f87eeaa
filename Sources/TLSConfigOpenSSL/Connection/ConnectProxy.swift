import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TLSConfig

/// An HTTP proxy reached with `CONNECT`, chosen from the environment as curl chooses it:
/// `https_proxy` or `HTTPS_PROXY` (then `all_proxy` or `ALL_PROXY`), unless `no_proxy` or
/// `NO_PROXY` lists the host. Credentials in the URL are sent as `Proxy-Authorization: Basic`
/// and never shown: `url` is the proxy without them.
package struct ConnectProxy: Sendable, Hashable {
    /// The proxy's host.
    package let host: String
    /// The proxy's port (1080 when the URL has none, as in curl).
    package let port: Int
    /// The variable it came from, such as `HTTPS_PROXY`.
    package let variable: String
    /// `user:password`, when the URL carried them; never printed.
    let credentials: String?

    /// `http://host:port`, without credentials: safe to print.
    package var url: String { "http://" + HostTarget.authority(host: host, port: port) }

    /// Why a proxy variable cannot be used.
    package struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The variable.
        package let variable: String
        /// What is wrong, without the variable's value (it may hold a password).
        package let reason: String

        /// `HTTPS_PROXY: reason`.
        package var description: String { "\(variable): \(reason)" }
    }

    /// The proxy for a connection to `host`, or `nil` when none applies.
    package static func forHost(_ host: String, environment: [String: String]) -> Result<ConnectProxy?, Problem> {
        if let exclusions = firstSet(["no_proxy", "NO_PROXY"], in: environment), excludes(exclusions.value, host: host)
        {
            return .success(nil)
        }
        guard
            let (variable, value) = firstSet(["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"], in: environment)
        else {
            return .success(nil)
        }
        return parse(value, variable: variable).map { $0 }
    }

    /// Parses `[http://][user[:password]@]host[:port][/]`.
    static func parse(_ text: String, variable: String) -> Result<ConnectProxy, Problem> {
        var rest = Substring(text)
        if let scheme = rest.firstRange(of: "://") {
            let name = rest[..<scheme.lowerBound].lowercased()
            guard name == "http" else {
                return .failure(
                    Problem(
                        variable: variable,
                        reason: "\(name):// proxies are not supported; use an http:// proxy (CONNECT)"))
            }
            rest = rest[scheme.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var credentials: String?
        if let at = rest.lastIndex(of: "@") {
            credentials = percentDecoded(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        guard let target = try? HostTarget(parsing: String(rest)) else {
            return .failure(
                Problem(variable: variable, reason: "not a proxy URL such as http://proxy.example.com:3128"))
        }
        return .success(
            ConnectProxy(host: target.host, port: target.port ?? 1080, variable: variable, credentials: credentials))
    }

    /// `%40` and friends in URL credentials.
    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func firstSet(_ names: [String], in environment: [String: String]) -> (name: String, value: String)?
    {
        for name in names { if let value = environment[name], !value.isEmpty { return (name, value) } }
        return nil
    }

    /// curl's rules: `*` excludes everything; otherwise a comma-separated list of names (a
    /// leading dot optional) matching the host or any name under it, and exact IP addresses.
    static func excludes(_ list: String, host: String) -> Bool {
        let host = host.lowercased()
        for raw in list.split(separator: ",") {
            var entry = String(
                raw.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            ).lowercased()
            if entry == "*" { return true }
            if entry.hasPrefix(".") { entry.removeFirst() }
            if entry.hasPrefix("["), entry.hasSuffix("]") { entry = String(entry.dropFirst().dropLast()) }
            guard !entry.isEmpty else { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }

    /// Opens the tunnel on a connected socket: `CONNECT host:port`, then a 2xx answer.
    func openTunnel(
        _ descriptor: Int32, to host: String, port: Int, deadline: ContinuousClock.Instant
    ) -> Result<Void, HandshakeFailure> {
        let authority = HostTarget.authority(host: host, port: port)
        var request = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
        if let credentials {
            request += "Proxy-Authorization: Basic \(Data(credentials.utf8).base64EncodedString())\r\n"
        }
        request += "\r\n"
        var bytes = Array(request.utf8)
        defer { for index in bytes.indices { bytes[index] = 0 } }
        switch TCPConnector.sendAll(bytes, on: descriptor, until: deadline) {
        case nil: break
        case .timedOut: return .failure(.timedOut(.connecting))
        case .failed(let reason): return .failure(.proxyFailed("cannot send CONNECT to the proxy \(url): \(reason)"))
        }
        // Read the answer up to the blank line, one byte at a time so no tunnelled byte is taken.
        var answer: [UInt8] = []
        while !answer.ends(with: [13, 10, 13, 10]) {
            guard answer.count < 16_384 else {
                return .failure(.proxyFailed("the proxy \(url) sent an answer of more than 16 KiB"))
            }
            guard TCPConnector.wait(descriptor, for: Int16(POLLIN), until: deadline) else {
                return .failure(.timedOut(.connecting))
            }
            var byte: UInt8 = 0
            let count = recv(descriptor, &byte, 1, 0)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count == 1 else {
                return .failure(.proxyFailed("the proxy \(url) closed the connection before answering CONNECT"))
            }
            answer.append(byte)
        }
        let statusLine = String(decoding: answer.prefix { $0 != 13 }, as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            return .failure(.proxyFailed("the proxy \(url) did not answer CONNECT with HTTP"))
        }
        guard (200..<300).contains(status) else {
            let reason = parts.count > 2 ? " \(parts[2])" : ""
            return .failure(.proxyFailed("the proxy \(url) refused CONNECT \(authority) with \(status)\(reason)"))
        }
        return .success(())
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
