extension ConfigDocument {
    /// Whether a configuration file may weaken TLS. A project file comes with the directory you
    /// work in (a cloned repository, say), so a setting in it that weakens verification or changes
    /// what is trusted applies only once you trusted the file, as `mise trust` and `direnv allow`
    /// work. Files you chose (`--config`, `PREFIX_CONFIG`, files a tool passes in code), your own
    /// and the system's configuration, and variables need no trust.
    public enum Trust: Sendable, Hashable, CustomStringConvertible {
        /// Not a project file: its settings apply as written.
        case notRequired
        /// Trusted, and how: recorded by `trust` (in its records file), listed in `PREFIX_TRUSTED_CONFIG_PATHS`,
        /// or accepted by the tool (``ResolverConfiguration/trustsProjectFiles``).
        case trusted(by: String)
        /// Never trusted: settings that weaken TLS are errors and do not apply.
        case untrusted
        /// Trusted once, but its content changed since: untrusted until trusted again.
        case changedSinceTrusted

        /// Whether settings that weaken TLS apply.
        public var allowsWeakening: Bool {
            switch self {
            case .notRequired, .trusted: true
            case .untrusted, .changedSinceTrusted: false
            }
        }

        /// As `show` prints it.
        public var description: String {
            switch self {
            case .notRequired: "needs no trust"
            case .trusted(let how): "trusted (\(how))"
            case .untrusted: "not trusted"
            case .changedSinceTrusted: "not trusted: changed since it was trusted"
            }
        }
    }
}

package typealias ProjectFileTrust = ConfigDocument.Trust
