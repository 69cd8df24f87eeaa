public import TLSConfig

extension ContextReloader where Context == TLSContext {
    /// Client contexts that follow their files. A reload is refused when the deep checks find
    /// an error (an expired or not-yet-valid certificate, an expired CRL) as well as when the
    /// build fails, so a rotation never makes things worse.
    public static func clientContexts(
        resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) -> ContextReloader<TLSContext> {
        try clientContexts(trustStoreCache: .shared, resolve: resolve)
    }

    /// The same, with trust stores shared through `trustStoreCache` only.
    @_spi(Plumbing) public static func clientContexts(
        trustStoreCache: TrustStoreCache, resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) -> ContextReloader<TLSContext> {
        try ContextReloader(resolve: resolve) { resolution throws(TLSSettingsError) in
            try TLSContextBuilder(resolution: resolution, trustStoreCache: trustStoreCache).makeCheckedClientContext()
        }
    }

    /// Server contexts that follow their files: take `current` for each
    /// accepted connection (`SSL_new` per connection), so new handshakes present the new
    /// certificate and connections already open are not disturbed.
    public static func serverContexts(
        clientAuthentication: ClientAuthentication? = nil, resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) -> ContextReloader<TLSContext> {
        try ContextReloader(resolve: resolve) { resolution throws(TLSSettingsError) in
            try TLSContextBuilder(resolution: resolution).makeCheckedServerContext(
                clientAuthentication: clientAuthentication)
        }
    }
}

extension DecodedMaterial {
    /// The resolution's material, decoded once, after the deep checks found no error: what
    /// every checked build (OpenSSL or NIO, first or reload) is made from. Throws their errors.
    package static func checked(_ resolution: Resolution) throws(TLSSettingsError) -> DecodedMaterial {
        let decoded = DecodedMaterial()
        let errors = MaterialChecks(resolution: resolution, decoded: decoded).run().errors
        if !errors.isEmpty { throw TLSSettingsError(diagnostics: errors) }
        return decoded
    }
}
