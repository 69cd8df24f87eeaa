/// How much of the server's certificate is checked.
public enum PeerVerification: String, Sendable, Hashable, CaseIterable {
    /// Chain to a trusted root and the name matches the host (or `server-name`).
    case full
    /// Chain is checked, the name is not; for servers reached by an address their certificate does not list.
    case noHostname = "no-hostname"
    /// Nothing is checked. Always warned about.
    case none
}
