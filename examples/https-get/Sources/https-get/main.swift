import Foundation
import TLSConfig
import TLSConfigOpenSSL

// https-get URL: resolve the TLS settings for the URL's host exactly as `tlsconfig show --app
// https-get --host HOST:PORT` would (HTTPS_GET_* variables, https-get.toml, SSL_CERT_FILE,
// SSL_CLIENT_CERT, ...), build a client context, and GET the URL over HTTP/1.1.
// Exit codes: 0 response received, 1 configuration or connection problem, 2 usage error.

let environment = ProcessInfo.processInfo.environment

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    exit(code)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let url = URLComponents(string: arguments.first!), url.scheme == "https",
    let hostName = url.host, !hostName.isEmpty
else {
    fail("usage: https-get https://HOST[:PORT]/PATH", code: 2)
}
let port = url.port ?? 443
let path =
    (url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath) + (url.percentEncodedQuery.map { "?" + $0 } ?? "")

// 1. Resolve: host sections for HOST:PORT apply; every error is reported, with its origin.
let target: HostTarget
do throws(HostTarget.SyntaxError) {
    target = try HostTarget(host: hostName, port: port)
} catch {
    fail("error: \(error)", code: 2)
}
let resolution = SettingsResolver(ResolverConfiguration(appName: "https-get")).resolve(host: target)
let renderer = DiagnosticRenderer(sources: resolution.sources)
let warnings = resolution.diagnostics.filter { $0.severity == .warning }
if !warnings.isEmpty { FileHandle.standardError.write(Data(renderer.render(warnings).utf8)) }
guard !resolution.hasErrors else { fail(renderer.render(resolution.diagnostics.errors)) }

// 2. Build the context: reads every file once, checks the key matches the certificate.
let context: TLSContext
do throws(TLSSettingsError) {
    context = try TLSContextBuilder(resolution: resolution).makeClientContext()
} catch {
    fail(renderer.render(error.diagnostics))
}

// 3. Connect: SNI, hostname check, pins and the client certificate come from the context.
let connection: TLSConnection
do throws(HandshakeFailure) {
    connection = try TLSConnection.connect(to: target, using: context, timeout: .seconds(15))
} catch {
    fail("error: cannot connect to \(target.authority): \(error) [\(error.code)]")
}
defer { connection.close() }

// 4. One request; `Connection: close` lets the response end with the connection.
let hostHeader = target.kind == .ipv6 ? "[\(hostName)]" : hostName
let request =
    "GET \(path) HTTP/1.1\r\nHost: \(hostHeader)\(port == 443 ? "" : ":\(port)")\r\nUser-Agent: https-get (TLSConfig example)\r\nAccept: */*\r\nConnection: close\r\n\r\n"
var response: [UInt8] = []
do throws(TLSConnectionError) {
    try connection.write(Array(request.utf8))
    while true {
        let chunk = try connection.read(upTo: 16_384)
        if chunk.isEmpty { break }
        response += chunk
    }
} catch .refused(let failure) {
    // A TLS 1.3 server judges the client certificate after the handshake: same explanation.
    fail("error: \(failure) [\(failure.code)]")
} catch .unexpectedEOF {
    // Many servers close without TLS close_notify; with `Connection: close` the response ends there.
    FileHandle.standardError.write(Data("note: the server closed the connection without close_notify\n".utf8))
} catch {
    fail("error: \(error)")
}

// 5. Status line, then the body (headers are skipped; chunked bodies are printed as received).
let separator = Array("\r\n\r\n".utf8)
guard let statusEnd = response.firstRange(of: Array("\r\n".utf8)) else { fail("error: no HTTP response") }
print(String(decoding: response[..<statusEnd.lowerBound], as: UTF8.self))
if let headerEnd = response.firstRange(of: separator) {
    FileHandle.standardOutput.write(Data(response[headerEnd.upperBound...]))
}
