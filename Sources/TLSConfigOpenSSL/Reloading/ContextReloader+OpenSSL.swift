public import TLSConfig

extension ContextReloader where Context == TLSContext {
    /// Client contexts that follow their files. A reload is refused when the deep checks find
    /// an error (an expired or not-yet-valid certificate, an expired CRL) as well as when the
    /// build fails, so a rotation never makes things worse.
    public static func clientContexts(
        trustStoreCache: TrustStoreCache = .shared, resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) -> ContextReloader<TLSContext> {
        try ContextReloader(resolve: resolve) { resolution throws(TLSSettingsError) in
            let decoded = DecodedMaterial()
            try MaterialChecks.requireUsable(resolution, decoded: decoded)
            var builder = TLSContextBuilder(resolution: resolution, trustStoreCache: trustStoreCache)
            builder.decoded = decoded
            return try builder.makeClientContext()
        }
    }

    /// Server contexts that follow their files: take `current` for each
    /// accepted connection (`SSL_new` per connection), so new handshakes present the new
    /// certificate and connections already open are not disturbed.
    public static func serverContexts(
        clientAuthentication: ClientAuthentication? = nil, trustStoreCache: TrustStoreCache = .shared,
        resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) -> ContextReloader<TLSContext> {
        try ContextReloader(resolve: resolve) { resolution throws(TLSSettingsError) in
            let decoded = DecodedMaterial()
            try MaterialChecks.requireUsable(resolution, decoded: decoded)
            var builder = TLSContextBuilder(resolution: resolution, trustStoreCache: trustStoreCache)
            builder.decoded = decoded
            return try builder.makeServerContext(clientAuthentication: clientAuthentication)
        }
    }
}

extension MaterialChecks {
    /// Throws the deep checks' errors: material a reloader must not switch to. `decoded` is
    /// shared with the build that follows.
    package static func requireUsable(_ resolution: Resolution, decoded: DecodedMaterial? = nil) throws(TLSSettingsError) {
        let errors = MaterialChecks(resolution: resolution, decoded: decoded).run().errors
        if !errors.isEmpty { throw TLSSettingsError(diagnostics: errors) }
    }
}
