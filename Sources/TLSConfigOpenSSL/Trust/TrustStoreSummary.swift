/// What a context trusts, for `tlsconfig show` and for tests that need to see the cache work.
public struct TrustStoreSummary: Sendable, Hashable {
    /// One place the store draws certificates or CRLs from.
    public struct Source: Sendable, Hashable {
        /// What kind of place.
        public enum Kind: String, Sendable, Hashable {
            /// The platform bundle OpenSSL was built with (`X509_get_default_cert_file`).
            case systemFile = "system-file"
            /// The platform directory, looked up lazily (`X509_get_default_cert_dir`).
            case systemDirectory = "system-directory"
            /// A configured CA file, loaded.
            case file
            /// A directory with hash links, looked up lazily by OpenSSL.
            case hashedDirectory = "hashed-directory"
            /// A directory without hash links: every certificate file in it was loaded.
            case directory
            /// The configured CRL file.
            case crlFile = "crl-file"
        }

        /// The kind.
        public var kind: Kind
        /// The path.
        public var path: String
        /// Certificates (or CRLs) loaded from it; `nil` for lazily looked-up directories.
        public var count: Int?
        /// Whether the path existed; only system sources may be missing.
        public var exists: Bool
        /// For the system bundle: the directory its certificates are looked up through, when
        /// that directory holds exactly them and the bundle was therefore not parsed. `count`
        /// is then the bundle's certificates, none of them loaded up front.
        public var lookedUpThrough: String?

        /// A source.
        public init(kind: Kind, path: String, count: Int?, exists: Bool = true, lookedUpThrough: String? = nil) {
            self.kind = kind
            self.path = path
            self.count = count
            self.exists = exists
            self.lookedUpThrough = lookedUpThrough
        }
    }

    /// Whether the platform store takes part.
    public var usesSystemStore: Bool
    /// Every source, in load order.
    public var sources: [Source]
    /// Certificates loaded eagerly (hashed directories add theirs on demand).
    public var certificates: Int
    /// CRLs loaded.
    public var crls: Int
    /// Leaf certificates are checked against the CRLs.
    public var checksRevocation: Bool
    /// Identifies the shared `X509_STORE`: two contexts with the same number share one store.
    public var storeID: Int
    /// Whether this context got an existing store from the cache instead of building one.
    public var reusedFromCache: Bool

    /// A summary, for tests and reports.
    public init(
        usesSystemStore: Bool, sources: [Source], certificates: Int, crls: Int,
        checksRevocation: Bool, storeID: Int, reusedFromCache: Bool
    ) {
        self.usesSystemStore = usesSystemStore
        self.sources = sources
        self.certificates = certificates
        self.crls = crls
        self.checksRevocation = checksRevocation
        self.storeID = storeID
        self.reusedFromCache = reusedFromCache
    }
}
