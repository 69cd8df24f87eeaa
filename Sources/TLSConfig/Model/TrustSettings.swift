extension TrustSettings {
    /// Which certificate authorities a client trusts.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// The platform store (OpenSSL's default verify paths).
        case system
        /// Only the configured CA files and directories; configuring CAs alone means this,
        /// as it does for curl, pip and uv.
        case custom
        /// The platform store plus the configured CAs.
        case systemAndCustom = "system+custom"
    }
}

package typealias TrustMode = TrustSettings.Mode

/// The trust group: mode and CA sources always come from one place together.
public struct TrustSettings: Sendable, Hashable {
    /// System, custom or both.
    public package(set) var mode: TrustSettings.Mode
    /// Absolute paths of PEM bundles.
    public package(set) var caFiles: [String]
    /// Absolute paths of certificate directories.
    public package(set) var caDirectories: [String]

    /// A trust group.
    @_spi(Plumbing) public init(
        mode: TrustSettings.Mode = .system, caFiles: [String] = [], caDirectories: [String] = []
    ) {
        self.mode = mode
        self.caFiles = caFiles
        self.caDirectories = caDirectories
    }

    /// The platform store alone, the default.
    public static let system = TrustSettings()

    /// Whether the platform store takes part.
    public var usesSystemStore: Bool { mode != .custom }
}
