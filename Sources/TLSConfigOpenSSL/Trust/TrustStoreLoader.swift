internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// Builds an `X509_STORE` from a resolution's trust material. Configured files come from the
/// material (read once by the resolution) and are parsed from memory; a directory with hash
/// links gets OpenSSL's lazy `hash_dir` lookup, one without them has every certificate file
/// loaded. The system part mirrors `SSL_CTX_set_default_verify_paths` but uses the compiled-in
/// locations only: the resolver has already decided what `SSL_CERT_FILE` and `SSL_CERT_DIR` mean.
/// When the system directory mirrors the bundle, the bundle is not parsed: its certificates are
/// looked up through the directory (`SystemTrustMirror`).
/// That files exist and hold PEM blocks was checked by the core; this reports what only
/// decoding can find.
struct TrustStoreLoader {
    var material: Material
    var maximumFileSize: Int
    /// Shared with the deep checks of the same task, when it runs them.
    var decoded: DecodedMaterial? = nil

    func build(_ sources: TrustSources) -> Result<SharedTrustStore, TLSSettingsError> {
        guard let store = X509_STORE_new() else {
            let reason = OpenSSLErrorQueue.drainedText(fallback: "out of memory")
            return .failure(
                TLSSettingsError(diagnostics: [
                    Diagnostic(.error, .openSSLFailure, "cannot create a certificate store: \(reason)")
                ]))
        }
        var state = BuildState()
        if sources.includesSystem {
            addSystemSources(sources.system, to: store, &state)
        }
        for file in material.caFiles {
            if !sources.listsAuthorities, lookUpAsSystemBundle(file, sources.system, in: store, &state) { continue }
            let bundle = decoded.bundle(file, what: "CA file")
            state.diagnostics += bundle.diagnostics
            add(bundle, to: store, &state)
            state.sources.append(.init(kind: .file, path: file.path, count: bundle.entries.count))
        }
        for directory in material.caDirectories {
            addDirectory(directory, to: store, &state)
        }
        // Every decoded certificate (system bundle, CA files, unhashed directories) goes in at
        // once: one path for one file or 20,000.
        state.certificates += Self.addAll(state.pending, to: store)
        state.pending = []
        if let crl = material.crl {
            let list = RevocationList(crl)
            state.diagnostics += list.diagnostics
            for entry in list.entries where X509_STORE_add_crl(store, entry.crl.pointer) == 1 {
                state.crls += 1
            }
            OpenSSLErrorQueue.clear()
            state.sources.append(.init(kind: .crlFile, path: crl.path, count: list.entries.count))
        }
        OpenSSLErrorQueue.clear()
        if state.diagnostics.hasErrors {
            X509_STORE_free(store)
            return .failure(TLSSettingsError(diagnostics: state.diagnostics))
        }
        return .success(
            SharedTrustStore(
                taking: store, stamps: state.stamps, sources: state.sources, usesSystemStore: sources.includesSystem,
                certificateCount: state.certificates, crlCount: state.crls, configuredAuthorities: state.authorities
            ))
    }

    private struct BuildState {
        var stamps: [SystemPathStamp] = []
        var sources: [TrustStoreSummary.Source] = []
        var authorities: [OwnedCertificate] = []
        /// Decoded, not yet in the store.
        var pending: [OwnedCertificate] = []
        var certificates = 0
        var crls = 0
        var diagnostics: [Diagnostic] = []
    }

    // MARK: - System

    private func addSystemSources(_ system: SystemTrustLocations, to store: OpaquePointer, _ state: inout BuildState) {
        let file = system.file
        let stamp = SystemPathStamp(path: file, isDirectory: false)
        let directory = system.directory
        let directoryStamp = SystemPathStamp(path: directory, isDirectory: true)
        state.stamps += [stamp, directoryStamp]
        // Where the directory holds exactly the bundle's certificates, look them up by hash
        // instead of parsing the bundle: the same certificates, a fraction of the cost.
        if let fileIdentity = stamp.identity,
            let count = lookUpThroughMirror(file, fileIdentity, system, directoryStamp, in: store)
        {
            state.sources.append(.init(kind: .systemFile, path: file, count: count, lookedUpThrough: directory))
            state.sources.append(.init(kind: .systemDirectory, path: directory, count: nil))
            return
        }
        if stamp.identity != nil, case .success(let contents) = FileInspector.read(file, maximumSize: maximumFileSize) {
            let system = MaterialFile(setting: .trust, writtenPath: file, path: file, origin: nil, contents: contents)
            // A damaged block in the platform bundle is not the user's configuration: skip it.
            let bundle = CertificateBundle(system, what: "system CA file", origin: nil)
            state.pending += bundle.entries.map(\.certificate)
            state.sources.append(.init(kind: .systemFile, path: file, count: bundle.entries.count))
        } else {
            state.sources.append(.init(kind: .systemFile, path: file, count: 0, exists: false))
        }
        if directoryStamp.identity != nil, let lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir()) {
            _ = ctls_X509_LOOKUP_add_dir(lookup, directory)
        }
        state.sources.append(
            .init(kind: .systemDirectory, path: directory, count: nil, exists: directoryStamp.identity != nil))
        OpenSSLErrorQueue.clear()
    }

    // MARK: - Configured

    /// `SSL_CERT_FILE` (or `ca-file`) naming the system bundle itself, as CI images and
    /// Debian's own scripts often set it: when the system directory mirrors that bundle, its
    /// certificates are looked up through the directory, as for the system store. Not for a
    /// server that lists its client CAs by name: that list needs every certificate up front.
    private func lookUpAsSystemBundle(
        _ file: MaterialFile, _ system: SystemTrustLocations, in store: OpaquePointer, _ state: inout BuildState
    ) -> Bool {
        guard FileInspector.identity(of: system.file, directory: false) == file.identity else { return false }
        let directoryStamp = SystemPathStamp(path: system.directory, isDirectory: true)
        guard let count = lookUpThroughMirror(file.path, file.identity, system, directoryStamp, in: store) else {
            return false
        }
        state.stamps.append(directoryStamp)
        state.sources.append(.init(kind: .file, path: file.path, count: count, lookedUpThrough: system.directory))
        return true
    }

    /// One rule for the system store and for a CA file that is the system bundle: where the
    /// system directory holds exactly the file's certificates, the store looks them up by hash
    /// instead of parsing the file. The file's certificate count, or `nil` (then load it).
    private func lookUpThroughMirror(
        _ file: String, _ fileIdentity: FileIdentity, _ system: SystemTrustLocations, _ directoryStamp: SystemPathStamp,
        in store: OpaquePointer
    ) -> Int? {
        defer { OpenSSLErrorQueue.clear() }
        guard system.lookUpWhenMirrored, let directoryIdentity = directoryStamp.identity,
            let count = SystemTrustMirror.mirroredCount(
                file: file, fileIdentity: fileIdentity, directory: system.directory,
                directoryIdentity: directoryIdentity, maximumFileSize: maximumFileSize
            ),
            let lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir()),
            ctls_X509_LOOKUP_add_dir(lookup, system.directory) == 1
        else { return nil }
        return count
    }

    private func addDirectory(_ directory: MaterialDirectory, to store: OpaquePointer, _ state: inout BuildState) {
        if directory.isHashed {
            guard let lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir()),
                ctls_X509_LOOKUP_add_dir(lookup, directory.path) == 1
            else {
                state.diagnostics.append(
                    Diagnostic(
                        .error, .openSSLFailure,
                        "cannot add CA directory \(quoted(directory.path)): \(OpenSSLErrorQueue.drainedText(fallback: "lookup failed"))",
                        setting: .caDir, origin: directory.origin
                    ))
                return
            }
            state.sources.append(.init(kind: .hashedDirectory, path: directory.path, count: nil))
            return
        }
        var loaded = 0
        for file in directory.files {
            let bundle = decoded.bundle(file, what: "file in CA directory")
            state.diagnostics += bundle.diagnostics
            add(bundle, to: store, &state)
            loaded += bundle.entries.count
        }
        state.sources.append(.init(kind: .directory, path: directory.path, count: loaded))
    }

    private func add(_ bundle: CertificateBundle, to store: OpaquePointer, _ state: inout BuildState) {
        let certificates = bundle.entries.map(\.certificate)
        state.authorities += certificates
        state.pending += certificates
    }

    /// Adds `certificates` in bulk, or one by one when the store cannot be locked.
    private static func addAll(_ certificates: [OwnedCertificate], to store: OpaquePointer) -> Int {
        if let added = addInBulk(certificates, to: store) { return added }
        var added = 0
        for certificate in certificates where X509_STORE_add_cert(store, certificate.pointer) == 1 {
            added += 1
        }
        OpenSSLErrorQueue.clear()
        return added
    }

    /// OpenSSL 3.0 checks each `X509_STORE_add_cert` for a duplicate with a search that sorts
    /// the store's objects again after every insertion: a 20,000-certificate bundle (or an
    /// unhashed directory of 20,000 files) then takes seconds (curl, which loads through the
    /// same call, pays it too). Pushing the objects and sorting once is O(n log n); duplicates
    /// are skipped as the call skips them, found by a hash of the DER and confirmed with
    /// `X509_cmp` (no copy of any DER is kept). `nil` when the store cannot be locked, and
    /// the caller adds one by one.
    private static func addInBulk(_ certificates: [OwnedCertificate], to store: OpaquePointer) -> Int? {
        guard X509_STORE_lock(store) == 1 else { return nil }
        defer { X509_STORE_unlock(store) }
        guard let objects = X509_STORE_get0_objects(store) else { return nil }
        var hasher = DERHasher()
        var seen: [Int: [OpaquePointer]] = [:]
        seen.reserveCapacity(Int(ctls_sk_X509_OBJECT_num(objects)) + certificates.count)
        /// Whether `certificate` was already seen; records it when not.
        func isNew(_ certificate: OpaquePointer) -> Bool {
            let hash = hasher.hash(certificate)
            if let same = seen[hash], same.contains(where: { X509_cmp($0, certificate) == 0 }) { return false }
            seen[hash, default: []].append(certificate)
            return true
        }
        for index in 0..<ctls_sk_X509_OBJECT_num(objects) {
            if let object = ctls_sk_X509_OBJECT_value(objects, index), let certificate = X509_OBJECT_get0_X509(object) {
                _ = isNew(certificate)
            }
        }
        var added = 0
        for certificate in certificates {
            added += 1
            guard isNew(certificate.pointer) else { continue }
            guard let object = X509_OBJECT_new() else { continue }
            guard X509_OBJECT_set1_X509(object, certificate.pointer) == 1, ctls_sk_X509_OBJECT_push(objects, object) > 0
            else {
                X509_OBJECT_free(object)
                added -= 1
                continue
            }
        }
        ctls_sk_X509_OBJECT_sort(objects)
        OpenSSLErrorQueue.clear()
        return added
    }
}

/// Hashes a certificate's DER through one reused buffer: the bulk add hashes every
/// certificate of a file of thousands, and keeps none of their bytes.
private struct DERHasher {
    private var buffer: [UInt8] = []

    mutating func hash(_ certificate: OpaquePointer) -> Int {
        let length = Int(i2d_X509(certificate, nil))
        guard length > 0 else { return 0 }
        if buffer.count < length { buffer = [UInt8](repeating: 0, count: max(length, 4_096)) }
        return buffer.withUnsafeMutableBufferPointer { storage in
            var cursor: UnsafeMutablePointer<UInt8>? = storage.baseAddress
            _ = i2d_X509(certificate, &cursor)
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: storage[..<length])))
            return hasher.finalize()
        }
    }
}
