#if Configuration
public import Configuration

/// A snapshot that can list its keys and say where each was written. swift-configuration's
/// providers cannot (their protocols look keys up, nothing more); snapshots that conform give
/// ``ConfigProviderDocuments`` unknown-key warnings with a did-you-mean, host sections without
/// a `host-sections` list, and file positions in every origin. ``TOMLSnapshot`` conforms.
public protocol ConfigKeyListing: ConfigSnapshot {
    /// Every key that holds a value, in written order.
    var keys: [AbsoluteConfigKey] { get }
    /// The file the snapshot was read from, when known.
    var file: String? { get }
    /// The 1-based line and column of the value of `key`.
    func position(of key: AbsoluteConfigKey) -> (line: Int, column: Int)?
}
#endif
