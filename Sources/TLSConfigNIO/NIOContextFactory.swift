#if NIO
internal import NIOSSL
import TLSConfig

/// Builds an `NIOSSLContext`, turning BoringSSL's refusal into a diagnostic. What the adapter
/// hands over was accepted by OpenSSL and filtered for BoringSSL first, so this is a last line.
enum NIOContextFactory {
    static func make(_ configuration: TLSConfiguration, resolution: Resolution) throws(TLSSettingsError) -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSSettingsError(diagnostics: [Diagnostic(
                .error, .nioContextFailed, "swift-nio-ssl cannot build a context from these settings: \(error)",
                help: "run `tlsconfig check` for these settings; if it finds nothing, report this with the settings it shows"
            )])
        }
    }
}
#endif
