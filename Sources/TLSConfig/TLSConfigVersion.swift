/// The one version number of TLSConfig: `tlsconfig --version` prints it, and every JSON
/// document carries it as `toolVersion`, so a report says which release made it.
public enum TLSConfigVersion {
    /// Semantic version of this release.
    public static let current = "0.3.0"
}
