/// A configuration file the resolver looked for, found or not; `show` lists them.
public struct ConfigFileCandidate: Sendable, Hashable {
    public var path: String
    public var scope: FileScope
    public var exists: Bool
    /// Why it was considered: `--config`, `TLSCONFIG_CONFIG`, the project walk, ...
    public var reason: String

    public init(path: String, scope: FileScope, exists: Bool, reason: String) {
        self.path = path
        self.scope = scope
        self.exists = exists
        self.reason = reason
    }
}
