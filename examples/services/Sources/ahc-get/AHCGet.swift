import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import TLSConfig
import TLSConfigNIO

/// ahc-get URL: resolve the TLS settings for the URL's host, hand them to AsyncHTTPClient and
/// GET the URL. Exit codes: 0 response received, 1 configuration or connection problem,
/// 2 usage error.
@main
struct AHCGet {
    static func main() async {
        guard CommandLine.arguments.count == 2, let url = URL(string: CommandLine.arguments[1]), url.scheme == "https",
            let host = url.host
        else {
            fail("usage: ahc-get https://HOST[:PORT]/PATH", code: 2)
        }
        // --- TLSConfig: from here to `configuration` is all a tool writes. ---
        let resolution = SettingsResolver(
            ResolverConfiguration(
                appName: "ahc-get",
                documents: ConfigFileDiscovery(projectFileNames: ["ahc-get.toml"], tablePath: ["tls"])
            )
        ).resolve(host: host, defaultPort: url.port ?? 443)
        let tls: ClientTLS
        let configuration: TLSConfiguration
        do throws(TLSSettingsError) {
            tls = try ClientTLS(resolution: resolution)
            // AsyncHTTPClient has no verification hook: swift-nio-ssl checks the chain and the
            // name by its own rules (the README's table), which this tool accepts in code.
            configuration = try tls.configuration(for: .asyncHTTPClient, accepting: [.verify])
        } catch {
            fail(DiagnosticRenderer(sources: resolution.sources).render(error.diagnostics))
        }
        // Warnings (verify = "none", a certificate close to expiry, ...) are never silent.
        let warnings = tls.renderedWarnings()
        if !warnings.isEmpty { FileHandle.standardError.write(Data(warnings.utf8)) }
        // --- end of TLSConfig ---
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: configuration)
        )
        do {
            let response = try await client.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(15))
            let body = try await response.body.collect(upTo: 1 << 20)
            print("HTTP \(response.status)")
            print(String(buffer: body), terminator: "")
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            // The same failure, cause and next step as `tlsconfig connect`.
            let explanation = tls.explain(error, host: host, port: url.port ?? 443)
            fail("error: cannot GET \(url.absoluteString): \(error)\n" + explanation.text())
        }
    }

    static func fail(_ message: String, code: Int32 = 1) -> Never {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
        exit(code)
    }
}
