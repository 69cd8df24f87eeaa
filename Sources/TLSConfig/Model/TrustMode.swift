/// Which certificate authorities a client trusts.
public enum TrustMode: String, Sendable, Hashable, CaseIterable {
    /// The platform store (OpenSSL's default verify paths).
    case system
    /// Only the configured CA files and directories; configuring CAs alone means this,
    /// as it does for curl, pip and uv.
    case custom
    /// The platform store plus the configured CAs.
    case systemAndCustom = "system+custom"
}

/// The trust group: mode and CA sources always come from one place together.
public struct TrustSettings: Sendable, Hashable {
    /// System, custom or both.
    public var mode: TrustMode
    /// Absolute paths of PEM bundles.
    public var caFiles: [String]
    /// Absolute paths of certificate directories.
    public var caDirectories: [String]

    /// A trust group.
    public init(mode: TrustMode = .system, caFiles: [String] = [], caDirectories: [String] = []) {
        self.mode = mode
        self.caFiles = caFiles
        self.caDirectories = caDirectories
    }

    /// The platform store alone, the default.
    public static let system = TrustSettings()

    /// Whether the platform store takes part.
    public var usesSystemStore: Bool { mode != .custom }
}
