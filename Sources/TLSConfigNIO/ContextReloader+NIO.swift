#if NIO
public import TLSConfig
public import TLSConfigOpenSSL

extension ContextReloader where Context == ClientTLS {
    /// NIO clients that follow their files: each new connection takes `current` (its handler
    /// or configuration); a reload is refused, keeping the last good one, when the deep checks
    /// or the build find an error.
    public static func nioClients(
        accepting: Set<UnenforcedSetting> = [], trustStoreCache: TrustStoreCache = .shared,
        resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) -> ContextReloader<ClientTLS> {
        try ContextReloader(resolve: resolve) { resolution throws(TLSSettingsError) in
            let decoded = DecodedMaterial()
            try MaterialChecks.requireUsable(resolution, decoded: decoded)
            return try ClientTLS(resolution: resolution, accepting: accepting, trustStoreCache: trustStoreCache, decoded: decoded)
        }
    }
}

extension ContextReloader where Context == ServerTLS {
    /// NIO servers that follow their files: make each child channel's handler from `current`
    /// (`reloader.current.makeHandler()`), so new handshakes use the newest certificate and open
    /// connections keep theirs.
    public static func nioServers(
        clientAuthentication: ClientAuthentication? = nil, accepting: Set<UnenforcedSetting> = [],
        trustStoreCache: TrustStoreCache = .shared, resolve: @escaping @Sendable () -> Resolution
    ) throws(TLSSettingsError) -> ContextReloader<ServerTLS> {
        try ContextReloader(resolve: resolve) { resolution throws(TLSSettingsError) in
            let decoded = DecodedMaterial()
            try MaterialChecks.requireUsable(resolution, decoded: decoded)
            return try ServerTLS(resolution: resolution, clientAuthentication: clientAuthentication, accepting: accepting, trustStoreCache: trustStoreCache, decoded: decoded)
        }
    }
}
#endif
