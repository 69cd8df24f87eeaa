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
        guard CommandLine.arguments.count == 2, let url = URL(string: CommandLine.arguments[1]), url.scheme == "https", let host = url.host else {
            fail("usage: ahc-get https://HOST[:PORT]/PATH", code: 2)
        }
        // --- TLSConfig: from here to `configuration` is all a tool writes. ---
        let resolution = SettingsResolver(ResolverConfiguration(
            appName: "ahc-get", documents: ConfigFileDiscovery(projectFileNames: ["ahc-get.toml"], tablePath: ["tls"])
        )).resolve(host: "\(host):\(url.port ?? 443)")
        let renderer = DiagnosticRenderer(sources: resolution.sources)
        let configuration: TLSConfiguration
        do throws(TLSSettingsError) {
            configuration = try NIOClientTLS(resolution: resolution).configuration(for: .asyncHTTPClient)
        } catch {
            fail(renderer.render(error.diagnostics))
        }
        // --- end of TLSConfig ---
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: configuration))
        do {
            let response = try await client.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(15))
            let body = try await response.body.collect(upTo: 1 << 20)
            print("HTTP \(response.status)")
            print(String(buffer: body), terminator: "")
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            fail("error: cannot GET \(url.absoluteString): \(error)")
        }
    }

    static func fail(_ message: String, code: Int32 = 1) -> Never {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
        exit(code)
    }
}
