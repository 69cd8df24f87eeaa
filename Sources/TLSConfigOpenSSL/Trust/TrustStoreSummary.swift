/// What a context trusts, for `tlsconfig show` and for tests that need to see the cache work.
package struct TrustStoreSummary: Sendable, Hashable {
    /// One place the store draws certificates or CRLs from.
    package struct Source: Sendable, Hashable {
        /// What kind of place.
        package enum Kind: String, Sendable, Hashable {
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
        package var kind: Kind
        /// The path.
        package var path: String
        /// Certificates (or CRLs) loaded from it; `nil` for lazily looked-up directories.
        package var count: Int?
        /// Whether the path existed; only system sources may be missing.
        package var exists: Bool
        /// For the system bundle: the directory its certificates are looked up through, when
        /// that directory holds exactly them and the bundle was therefore not parsed. `count`
        /// is then the bundle's certificates, none of them loaded up front.
        package var lookedUpThrough: String?

        /// A source.
        package init(kind: Kind, path: String, count: Int?, exists: Bool = true, lookedUpThrough: String? = nil) {
            self.kind = kind
            self.path = path
            self.count = count
            self.exists = exists
            self.lookedUpThrough = lookedUpThrough
        }
    }

    /// Whether the platform store takes part.
    package var usesSystemStore: Bool
    /// Every source, in load order.
    package var sources: [Source]
    /// Certificates loaded eagerly (hashed directories add theirs on demand).
    package var certificates: Int
    /// CRLs loaded.
    package var crls: Int
    /// Leaf certificates are checked against the CRLs.
    package var checksRevocation: Bool
    /// Identifies the shared `X509_STORE`: two contexts with the same number share one store.
    package var storeID: Int
    /// Whether this context got an existing store from the cache instead of building one.
    package var reusedFromCache: Bool

    /// A summary, for tests and reports.
    package init(
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
