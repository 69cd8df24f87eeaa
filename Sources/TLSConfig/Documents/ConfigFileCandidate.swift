extension ConfigDocumentLoad {
    /// A configuration file the resolver looked for, found or not; `show` lists them.
    public struct FileCandidate: Sendable, Hashable {
        /// The path looked at.
        public var path: String
        /// The scope it would have.
        public var scope: FileScope
        /// Whether a file was there.
        public var exists: Bool
        /// Why it was considered: `--config`, `TLSCONFIG_CONFIG`, the project walk, ...
        public var reason: String
        /// For a project file that was read: whether it may weaken TLS (`show` prints it).
        public var trust: ConfigDocument.Trust = .notRequired

        /// A candidate.
        public init(path: String, scope: FileScope, exists: Bool, reason: String) {
            self.path = path
            self.scope = scope
            self.exists = exists
            self.reason = reason
        }
    }
}

package typealias ConfigFileCandidate = ConfigDocumentLoad.FileCandidate
