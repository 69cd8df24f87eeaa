internal import COpenSSL
internal import CTLSShims
import TLSConfig

extension TLSContext {
    /// Judges a chain another TLS engine received (DER, leaf first) exactly as this context's
    /// own handshakes would: its trust store and CRLs, the purpose for its role (a client
    /// checks serverAuth, a server clientAuth), its security level, the subjectAltName-only
    /// name rule, and the pins. `host` is the name connected to; `server-name` overrides it.
    /// Cheap enough for a handshake: nothing is loaded, hashed directories are looked up.
    package func verifyPeerChain(_ chain: [[UInt8]], host: String?) -> PeerChainVerdict {
        verifyPeerChain(chain, host: host, summarizingAccepted: true, keepingValidatedChain: false)
    }

    /// As ``verifyPeerChain(_:host:)``, for a handshake's callback: an accepted chain is not
    /// summarised unless asked (rendering names and dates is most of the cost), and the chain
    /// OpenSSL built is kept only for callers that hand it on.
    package func verifyPeerChain(
        _ chain: [[UInt8]], host: String?, summarizingAccepted: Bool, keepingValidatedChain: Bool
    ) -> PeerChainVerdict {
        var certificates: [OwnedCertificate] = []
        for der in chain {
            guard case .success(let certificate) = Self.parsePeerCertificate(der) else {
                return PeerChainVerdict(
                    peerCertificates: certificates.map(\.summary), verifiedName: nil,
                    failure: .other("the peer sent a certificate OpenSSL cannot parse"))
            }
            certificates.append(certificate)
        }
        guard let leaf = certificates.first else {
            return PeerChainVerdict(
                peerCertificates: [], verifiedName: nil,
                failure: role == .client ? .other("the server sent no certificate") : .clientCertificateRequired)
        }
        let name = role == .client && settings.verification == .full ? host.map(verifiedName(forHost:)) : nil
        let enforcesChain = role == .server || settings.verification != .none
        var validated: [[UInt8]] = []
        if enforcesChain {
            switch verify(
                leaf: leaf, intermediates: certificates.dropFirst(), name: name, keepingChain: keepingValidatedChain)
            {
            case .refused(let error):
                let summaries = certificates.map(\.summary)
                let failure = HandshakeFailure.verification(
                    error, leaf: summaries.first, expectedName: name ?? host ?? "")
                return PeerChainVerdict(peerCertificates: summaries, verifiedName: name, failure: failure)
            case .built(let chain):
                validated = chain
            }
        }
        if role == .client, !settings.pinnedPublicKeys.isEmpty, !settings.pinnedPublicKeys.contains(leaf.publicKeyPin) {
            return PeerChainVerdict(
                peerCertificates: certificates.map(\.summary), verifiedName: name,
                failure: .pinMismatch(presented: leaf.publicKeyPin))
        }
        var verdict = PeerChainVerdict(
            peerCertificates: summarizingAccepted ? certificates.map(\.summary) : [], verifiedName: name, failure: nil)
        verdict.validatedChain = validated
        return verdict
    }

    /// `X509_verify_cert` set up as `ssl_verify_cert_chain` sets it up for a connection of this
    /// context: the chain it built (DER, leaf to trust anchor), or why it failed.
    private func verify(
        leaf: OwnedCertificate, intermediates: ArraySlice<OwnedCertificate>, name: String?, keepingChain: Bool
    ) -> ChainCheck {
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        guard let storeContext = X509_STORE_CTX_new(), let untrusted = ctls_sk_X509_new_null() else {
            return .refused(
                HandshakeFailure.VerificationError(
                    code: Int(X509_V_ERR_OUT_OF_MEM), reason: "out of memory", depth: 0, subject: leaf.subject))
        }
        defer {
            X509_STORE_CTX_free(storeContext)
            ctls_sk_X509_pop_free(untrusted)
        }
        for certificate in intermediates where X509_up_ref(certificate.pointer) == 1 {
            if ctls_sk_X509_push(untrusted, certificate.pointer) == 0 { X509_free(certificate.pointer) }
        }
        return withExtendedLifetime(self) { () -> ChainCheck in
            guard X509_STORE_CTX_init(storeContext, SSL_CTX_get_cert_store(pointer), leaf.pointer, untrusted) == 1,
                let parameters = X509_STORE_CTX_get0_param(storeContext)
            else {
                return .refused(
                    HandshakeFailure.VerificationError(
                        code: Int(X509_V_ERR_UNSPECIFIED),
                        reason: OpenSSLErrorQueue.drainedText(fallback: "cannot set up verification"), depth: 0,
                        subject: leaf.subject))
            }
            _ = X509_STORE_CTX_set_default(storeContext, role == .client ? "ssl_server" : "ssl_client")
            _ = X509_VERIFY_PARAM_set1(parameters, SSL_CTX_get0_param(pointer))
            X509_VERIFY_PARAM_set_auth_level(parameters, SSL_CTX_get_security_level(pointer))
            if let name, !Self.expect(name: name, target: try? HostTarget(parsing: name), in: parameters) {
                return .refused(
                    HandshakeFailure.VerificationError(
                        code: Int(X509_V_ERR_HOSTNAME_MISMATCH), reason: "cannot check the name \(quoted(name))",
                        depth: 0, subject: leaf.subject))
            }
            if X509_verify_cert(storeContext) == 1 {
                var built: [[UInt8]] = []
                if keepingChain, let chain = X509_STORE_CTX_get0_chain(storeContext) {
                    for index in 0..<ctls_sk_X509_num(chain) {
                        if let certificate = ctls_sk_X509_value(chain, index) {
                            built.append(OwnedCertificate(borrowing: certificate).der)
                        }
                    }
                }
                return .built(built)
            }
            let code = X509_STORE_CTX_get_error(storeContext)
            let current = X509_STORE_CTX_get_current_cert(storeContext).map { OwnedCertificate(borrowing: $0) }
            return .refused(
                HandshakeFailure.VerificationError(
                    code: Int(code), reason: String(cString: X509_verify_cert_error_string(Int(code))),
                    depth: Int(X509_STORE_CTX_get_error_depth(storeContext)), subject: current?.subject ?? leaf.subject
                ))
        }
    }

    /// The identity this context presents, for engines that load their own copy: the chain as
    /// DER (leaf first) and the key as unencrypted PKCS#8 PEM, decoded once from the
    /// resolution's material with its passphrase. The caller wipes the key bytes when done.
    package func exportedIdentity() -> (chain: [[UInt8]], keyPEM: [UInt8])? {
        withExtendedLifetime(self) {
            guard let leaf = SSL_CTX_get0_certificate(pointer), let key = SSL_CTX_get0_privatekey(pointer) else {
                return nil
            }
            var chain = [OwnedCertificate(borrowing: leaf).der]
            var extra: OpaquePointer?
            if ctls_SSL_CTX_get0_chain_certs(pointer, &extra) == 1, let extra {
                for index in 0..<ctls_sk_X509_num(extra) {
                    if let certificate = ctls_sk_X509_value(extra, index) {
                        chain.append(OwnedCertificate(borrowing: certificate).der)
                    }
                }
            }
            guard let bio = BIO_new(BIO_s_mem()) else { return nil }
            defer { BIO_free(bio) }
            guard PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil) == 1 else {
                OpenSSLErrorQueue.clear()
                return nil
            }
            var data: UnsafePointer<CChar>?
            let length = ctls_BIO_get_mem_data(bio, &data)
            guard length > 0, let data else { return nil }
            let keyPEM = [UInt8](UnsafeRawBufferPointer(start: data, count: length))
            // The memory BIO's buffer held the key in clear: wipe it before it is freed.
            PassphraseSecret.wipe(
                UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(mutating: data), count: length))
            return (chain, keyPEM)
        }
    }

    /// Every certificate the trust store holds as loaded (system bundle, CA files, unhashed
    /// directories) plus those of hashed directories, read through their hash links; for
    /// engines that need trust roots as a list. DER, deduplicated, in load order.
    package func trustAnchorsDER(maximumFileSize: Int = ResolverConfiguration.defaultMaximumFileSize) -> [[UInt8]] {
        withExtendedLifetime(self) {
            var seen = Set<[UInt8]>()
            var anchors: [[UInt8]] = []
            func add(_ der: [UInt8]) {
                if !der.isEmpty, seen.insert(der).inserted { anchors.append(der) }
            }
            // Lazy directory lookups add to the store's objects during handshakes: hold its lock.
            if let store = SSL_CTX_get_cert_store(pointer), X509_STORE_lock(store) == 1 {
                if let objects = X509_STORE_get0_objects(store) {
                    for index in 0..<ctls_sk_X509_OBJECT_num(objects) {
                        if let object = ctls_sk_X509_OBJECT_value(objects, index),
                            let certificate = X509_OBJECT_get0_X509(object)
                        {
                            add(OwnedCertificate(borrowing: certificate).der)
                        }
                    }
                }
                X509_STORE_unlock(store)
            }
            // The system directory is read when the bundle was not loaded: missing, or looked
            // up through the directory because it holds the same certificates.
            let systemBundleLoaded = trustStore.sources.contains {
                $0.kind == .systemFile && ($0.count ?? 0) > 0 && $0.lookedUpThrough == nil
            }
            // A CA file that is the system bundle may be looked up through the system directory too.
            for source in trustStore.sources
            where source.kind == .hashedDirectory
                || (source.kind == .systemDirectory && source.exists && !systemBundleLoaded)
                || (source.kind == .file && source.lookedUpThrough != nil)
            {
                for certificate in HashedDirectoryReader(
                    path: source.lookedUpThrough ?? source.path, maximumFileSize: maximumFileSize
                ).certificates() {
                    add(certificate.der)
                }
            }
            return anchors
        }
    }
}

extension TLSContext {
    /// Peers present the same certificates on every connection, and OpenSSL 3's decoders make
    /// parsing one the largest part of a verification: parsed certificates are kept by their
    /// DER bytes (all of them, so a hit is the same certificate), across contexts.
    private static let peerCertificates = BoundedCache<[UInt8], OwnedCertificate>(capacity: 512)

    fileprivate static func parsePeerCertificate(_ der: [UInt8]) -> Result<OwnedCertificate, OpenSSLFailure> {
        if let cached = peerCertificates[der] { return .success(cached) }
        let parsed = OwnedCertificate.parse(der: der)
        if case .success(let certificate) = parsed { peerCertificates.store(certificate, for: der) }
        return parsed
    }
}

/// The outcome of one `X509_verify_cert`: the chain it built, or why it refused.
private enum ChainCheck {
    case built([[UInt8]])
    case refused(HandshakeFailure.VerificationError)
}
