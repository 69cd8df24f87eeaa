extension HostTarget {
    /// Default ports of the URL schemes that run over TLS, for ``SettingsResolver/resolve(url:)``.
    /// A scheme not listed needs its port written.
    public static let defaultPorts: [String: Int] = [
        "https": 443, "wss": 443, "ldaps": 636, "smtps": 465, "imaps": 993, "pop3s": 995, "ftps": 990,
        "postgres": 5432, "postgresql": 5432, "mysql": 3306, "rediss": 6379, "amqps": 5671, "mqtts": 8883,
    ]

    /// The host and port of `scheme://[user@]host[:port][/path]`, the port from the scheme
    /// when not written (then `assumedPort` is true).
    package static func parsing(url: String) throws(HostTarget.SyntaxError) -> (target: HostTarget, assumedPort: Bool) {
        let characters = Array(url)
        guard let colon = characters.firstIndex(of: ":"), characters.count > colon + 2,
            characters[colon + 1] == "/", characters[colon + 2] == "/", colon > 0
        else {
            throw HostTarget.SyntaxError(input: url, reason: "not a URL: write SCHEME://HOST[:PORT]")
        }
        let scheme = String(characters[..<colon]).lowercased()
        var authority = characters[(colon + 3)...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[(at + 1)...] }
        let text = String(authority)
        let parsed = try HostTarget(parsing: text)
        if parsed.port != nil { return (parsed, false) }
        guard let port = defaultPorts[scheme] else {
            throw HostTarget.SyntaxError(
                input: url,
                reason: "the scheme \"\(scheme)\" has no default port known here: write \(scheme)://HOST:PORT")
        }
        return (try HostTarget(host: text, port: port), true)
    }
}
