@_spi(Plumbing) import TLSConfig

/// When a server shares no version with the settings, a second handshake that offers only
/// TLS 1.0 and 1.1 (at security level 0, checking nothing) learns whether the server speaks
/// one of them: then the next step can say so, and what allowing it would take. A server
/// that speaks only TLS 1.0 answers a modern ClientHello with an alert, never its version.
enum LegacyVersionProbe {
    static func version(
        for context: TLSContext, host: String, port: Int, deadline: ContinuousClock.Instant, proxy: ConnectProxy?,
        start: TLSConnection.Start
    ) -> TLSProtocolVersion? {
        guard context.role == .client, context.settings.versions.minimum > .tls1_1,
            let versions = try? TLSVersionRange(minimum: .tls1_0, maximum: .tls1_1)
        else { return nil }
        let settings = TLSSettings(
            verification: .none, versions: versions, ciphers: "DEFAULT:@SECLEVEL=0",
            serverName: context.settings.serverName)
        guard let legacy = try? TLSContextBuilder(resolution: Resolution(settings: settings)).makeClientContext() else {
            return nil
        }
        let (report, session) = ClientSession.open(
            legacy, host: host, port: port, deadline: deadline, verdictWait: .zero, proxy: proxy, start: start)
        session?.shutdown()
        return report.protocolVersion ?? report.serverVersion
    }
}
