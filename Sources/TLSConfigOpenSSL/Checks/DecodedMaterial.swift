import TLSConfig

/// Material decoded for one task that reads the same files twice: `check` runs the deep checks
/// and then builds a context from the same files, and `connect` builds its context and then
/// checks its own certificate before connecting. A 20,000-certificate bundle costs about as
/// much to parse as everything else together, and decoding a certificate and key costs
/// OpenSSL 3.0 a decoder set-up each. Keyed by file identity, so only the same bytes are
/// shared; dropped with the task.
package final class DecodedMaterial: Sendable {
    private struct BundleKey: Hashable, Sendable {
        var path: String
        var identity: FileIdentity
        var what: String
    }

    private struct IdentityKey: Hashable, Sendable {
        var certificate: FileIdentity?
        var keyHolder: FileIdentity?
        var role: String
    }

    private let bundles = Locked<[BundleKey: CertificateBundle]>([:])
    private let identities = Locked<[IdentityKey: LoadedIdentity]>([:])

    package init() {}

    /// The bundle of `file`, decoded once per task.
    func bundle(_ file: MaterialFile, what: String) -> CertificateBundle {
        let key = BundleKey(path: file.path, identity: file.identity, what: what)
        if let decoded = bundles.withLock({ $0[key] }) { return decoded }
        let decoded = CertificateBundle(file, what: what)
        bundles.withLock { $0[key] = decoded }
        return decoded
    }

    /// What `loader` loads, decoded once per task.
    func identity(_ loader: IdentityLoader) -> LoadedIdentity {
        let key = IdentityKey(
            certificate: loader.material.certificate?.identity, keyHolder: loader.material.keyHolder?.identity,
            role: loader.keys.role.rawValue)
        if let loaded = identities.withLock({ $0[key] }) { return loaded }
        let loaded = loader.load()
        identities.withLock { $0[key] = loaded }
        return loaded
    }
}

extension Optional where Wrapped == DecodedMaterial {
    /// Decodes through the task's memo when there is one.
    func bundle(_ file: MaterialFile, what: String) -> CertificateBundle {
        self?.bundle(file, what: what) ?? CertificateBundle(file, what: what)
    }

    func identity(_ loader: IdentityLoader) -> LoadedIdentity {
        self?.identity(loader) ?? loader.load()
    }
}
