import Foundation
import TLSConfig
import TLSConfigNIO
import Vapor

// A Vapor 4 server with mutual TLS whose certificate and client CAs follow their files.
// Settings: VAPOR_SERVER_CERT, _KEY, _CA_FILE, _CLIENT_AUTH (and TLSCONFIG_*), or the files
// `tlsconfig show --app vapor-server --server` lists. PORT picks the port (8443).

let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8443
let app = try await Application.make(Environment(name: "production", arguments: ["vapor-server"]))
app.get { _ in "hello from vapor\n" }
app.http.server.configuration.hostname = "127.0.0.1"
app.http.server.configuration.port = port

do {
    // --- TLSConfig: from here to the callback is all the glue (the reloader and its task are the rotating part). ---
    var configuration = ResolverConfiguration(appName: "vapor-server")
    configuration.role = .server
    let tls = try ReloadingServerTLS(for: .vapor, logger: app.logger) { [configuration] in
        SettingsResolver(configuration).resolve()
    }
    let hooked = try tls.configurationWithVerifier()
    app.http.server.configuration.tlsConfiguration = hooked.configuration
    app.http.server.configuration.customCertificateVerifyCallback = hooked.verificationCallback
    let reloading = Task { await tls.run() }
    // --- end of TLSConfig ---
    FileHandle.standardError.write(Data(tls.current.renderedWarnings().utf8))
    try await app.execute()
    reloading.cancel()
    try await app.asyncShutdown()
} catch let error as TLSSettingsError {
    FileHandle.standardError.write(Data(error.description.utf8))
    try await app.asyncShutdown()
    exit(1)
}
