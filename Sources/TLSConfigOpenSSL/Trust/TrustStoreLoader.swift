internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// Builds an `X509_STORE` from trust sources. Configured files are read once and parsed
/// from memory; a directory with hash links gets OpenSSL's lazy `hash_dir` lookup, one
/// without them has every certificate file loaded. The system part mirrors
/// `SSL_CTX_set_default_verify_paths` but uses the compiled-in locations only: the
/// resolver has already decided what `SSL_CERT_FILE` and `SSL_CERT_DIR` mean.
struct TrustStoreLoader {
    var origins: SettingOrigins
    var maximumFileSize: Int

    private var files: SettingFile { SettingFile(maximumSize: maximumFileSize) }

    func build(_ sources: TrustSources) -> Result<SharedTrustStore, TLSContextError> {
        guard let store = X509_STORE_new() else {
            let reason = OpenSSLErrorQueue.drainedText(fallback: "out of memory")
            return .failure(TLSContextError(diagnostics: [Diagnostic(.error, .openSSLFailure, "cannot create a certificate store: \(reason)")]))
        }
        var state = BuildState()
        if sources.includesSystem {
            addSystemSources(to: store, &state)
        }
        for path in sources.caFiles {
            addFile(path, to: store, &state)
        }
        for path in sources.caDirectories {
            addDirectory(path, to: store, &state)
        }
        if let crlFile = sources.crlFile {
            addCRLs(crlFile, to: store, &state)
        }
        OpenSSLErrorQueue.clear()
        if state.diagnostics.hasErrors {
            X509_STORE_free(store)
            return .failure(TLSContextError(diagnostics: state.diagnostics))
        }
        return .success(SharedTrustStore(
            taking: store, stamps: state.stamps, sources: state.sources, usesSystemStore: sources.includesSystem,
            certificateCount: state.certificates, crlCount: state.crls, configuredAuthorities: state.authorities
        ))
    }

    private struct BuildState {
        var stamps: [FileStamp] = []
        var sources: [TrustStoreSummary.Source] = []
        var authorities: [OwnedCertificate] = []
        var certificates = 0
        var crls = 0
        var diagnostics: [Diagnostic] = []
    }

    // MARK: - System

    private func addSystemSources(to store: OpaquePointer, _ state: inout BuildState) {
        let file = String(cString: X509_get_default_cert_file())
        let stamp = FileStamp(path: file, isDirectory: false)
        state.stamps.append(stamp)
        if stamp.identity != nil, case .success(let bytes) = FileInspector.read(file, maximumSize: maximumFileSize) {
            let bundle = CertificateBundle(bytes: bytes, path: file, what: "system CA file", setting: .trust, origin: nil)
            for entry in bundle.entries where X509_STORE_add_cert(store, entry.certificate.pointer) == 1 {
                state.certificates += 1
            }
            state.sources.append(.init(kind: .systemFile, path: file, count: bundle.entries.count))
        } else {
            state.sources.append(.init(kind: .systemFile, path: file, count: 0, exists: false))
        }
        let directory = String(cString: X509_get_default_cert_dir())
        let directoryStamp = FileStamp(path: directory, isDirectory: true)
        state.stamps.append(directoryStamp)
        if directoryStamp.identity != nil, let lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir()) {
            _ = ctls_X509_LOOKUP_add_dir(lookup, directory)
        }
        state.sources.append(.init(kind: .systemDirectory, path: directory, count: nil, exists: directoryStamp.identity != nil))
    }

    // MARK: - Configured

    private func addFile(_ path: String, to store: OpaquePointer, _ state: inout BuildState) {
        let origin = origins[.caFile]
        state.stamps.append(FileStamp(path: path, isDirectory: false))
        let bytes: [UInt8]
        switch files.read(path, what: "CA file", setting: .caFile, origin: origin) {
        case .success(let read): bytes = read
        case .failure(let diagnostic):
            state.diagnostics.append(diagnostic)
            return
        }
        let bundle = CertificateBundle(bytes: bytes, path: path, what: "CA file", setting: .caFile, origin: origin)
        state.diagnostics += bundle.diagnostics
        if bundle.certificateBlocks == 0 {
            state.diagnostics.append(Diagnostic(
                .error, .caFileWithoutCertificates, "CA file \(quoted(path)) holds no PEM certificate",
                setting: .caFile, origin: origin,
                help: "point ca-file at a PEM bundle (\"-----BEGIN CERTIFICATE-----\" blocks)"
            ))
        }
        add(bundle, to: store, &state)
        state.sources.append(.init(kind: .file, path: path, count: bundle.entries.count))
    }

    private func addDirectory(_ path: String, to store: OpaquePointer, _ state: inout BuildState) {
        let origin = origins[.caDir]
        let stamp = FileStamp(path: path, isDirectory: true)
        state.stamps.append(stamp)
        if case .failure(let problem) = FileInspector.inspect(path, expecting: .directory, maximumSize: maximumFileSize) {
            state.diagnostics.append(problem.diagnostic(what: "CA directory", path: path, setting: .caDir, origin: origin))
            return
        }
        let entries = FileInspector.entries(of: path)
        if CertificateDirectory.isHashed(entries) {
            guard let lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir()), ctls_X509_LOOKUP_add_dir(lookup, path) == 1 else {
                state.diagnostics.append(Diagnostic(
                    .error, .openSSLFailure,
                    "cannot add CA directory \(quoted(path)): \(OpenSSLErrorQueue.drainedText(fallback: "lookup failed"))",
                    setting: .caDir, origin: origin
                ))
                return
            }
            state.sources.append(.init(kind: .hashedDirectory, path: path, count: nil))
            return
        }
        var loaded = 0
        for name in entries {
            let file = CertificateDirectory.join(path, name)
            guard case .success = FileInspector.inspect(file, expecting: .regularFile, maximumSize: maximumFileSize) else { continue }
            state.stamps.append(FileStamp(path: file, isDirectory: false))
            guard case .success(let bytes) = FileInspector.read(file, maximumSize: maximumFileSize) else { continue }
            let bundle = CertificateBundle(bytes: bytes, path: file, what: "file in CA directory", setting: .caDir, origin: origin)
            guard bundle.certificateBlocks > 0 else { continue }
            state.diagnostics += bundle.diagnostics
            add(bundle, to: store, &state)
            loaded += bundle.entries.count
        }
        if loaded == 0 {
            state.diagnostics.append(Diagnostic(
                .error, .caDirectoryWithoutCertificates, "CA directory \(quoted(path)) holds no PEM certificate",
                setting: .caDir, origin: origin,
                help: "put PEM certificates in it, or hash it with `openssl rehash`"
            ))
        }
        state.sources.append(.init(kind: .directory, path: path, count: loaded))
    }

    private func add(_ bundle: CertificateBundle, to store: OpaquePointer, _ state: inout BuildState) {
        for entry in bundle.entries {
            if X509_STORE_add_cert(store, entry.certificate.pointer) == 1 {
                state.certificates += 1
            }
            state.authorities.append(entry.certificate)
        }
        OpenSSLErrorQueue.clear()
    }

    private func addCRLs(_ path: String, to store: OpaquePointer, _ state: inout BuildState) {
        let origin = origins[.crlFile]
        state.stamps.append(FileStamp(path: path, isDirectory: false))
        let bytes: [UInt8]
        switch files.read(path, what: "CRL file", setting: .crlFile, origin: origin) {
        case .success(let read): bytes = read
        case .failure(let diagnostic):
            state.diagnostics.append(diagnostic)
            return
        }
        let list = RevocationList.read(bytes, path: path, origin: origin)
        state.diagnostics += list.diagnostics
        for crl in list.entries where X509_STORE_add_crl(store, crl.crl.pointer) == 1 {
            state.crls += 1
        }
        OpenSSLErrorQueue.clear()
        state.sources.append(.init(kind: .crlFile, path: path, count: list.entries.count))
    }
}
