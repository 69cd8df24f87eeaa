import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import TLSConfig
import TLSConfigNIO

// A Hummingbird 2 server with mutual TLS whose certificate and client CAs follow their files.
// Settings: HUMMINGBIRD_SERVER_CERT, _KEY, _CA_FILE, _CLIENT_AUTH (and TLSCONFIG_*), or the
// files `tlsconfig show --app hummingbird-server --server` lists. PORT picks the port (8443).
// Reloads are logged; SIGTERM or SIGINT stops it gracefully.

let logger = Logger(label: "hummingbird-server")
let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8443

let router = Router()
router.get("/") { _, _ in "hello from hummingbird\n" }

do {
    // --- TLSConfig: from here to `server:` is all the glue (the reloader is the rotating part). ---
    var configuration = ResolverConfiguration(appName: "hummingbird-server")
    configuration.role = .server
    let tls = try ReloadingServerTLS(for: .hummingbird, logger: logger) { [configuration] in
        SettingsResolver(configuration).resolve()
    }
    let hooked = try tls.configurationWithVerifier()
    let app = Application(
        router: router,
        server: try .tls(
            .http1(),
            configuration: .init(
                tlsConfiguration: hooked.configuration, customVerificationCallback: hooked.verificationCallback)),
        configuration: .init(address: .hostname("127.0.0.1", port: port)),
        services: [tls],
        onServerRunning: { channel in print("listening on \(channel.localAddress!)") },
        logger: logger
    )
    // --- end of TLSConfig ---
    FileHandle.standardError.write(Data(tls.current.renderedWarnings().utf8))
    try await app.runService()
} catch let error as TLSSettingsError {
    FileHandle.standardError.write(Data(error.description.utf8))
    exit(1)
}
