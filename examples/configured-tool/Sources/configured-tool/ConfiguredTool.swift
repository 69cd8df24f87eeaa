import Configuration
import Foundation
import SystemPackage
import TLSConfig
import TLSConfigConfiguration

/// configured-tool [--host HOST:PORT] [--tls-KEY VALUE ...]: a tool whose settings,
/// its own and its TLS ones, come from swift-configuration: arguments, then CONFIGURED_TOOL_*
/// style environment variables (`TLS_CA_FILE`), then `configured-tool.json` and
/// `configured-tool.toml` in the working directory. Exit codes: 0 fine, 1 configuration errors.
@main
struct ConfiguredTool {
    static func main() async throws {
        let providers: [any ConfigProvider] = [
            CommandLineArgumentsProvider(),
            EnvironmentVariablesProvider(),
            try await FileProvider<JSONSnapshot>(filePath: "configured-tool.json", allowMissing: true),
            try await FileProvider<TOMLSnapshot>(filePath: "configured-tool.toml", allowMissing: true),
        ]
        // The tool's own settings come from the same reader...
        let config = ConfigReader(providers: providers)
        let host = config.string(forKey: "host")
        // ... and TLSConfig reads the `tls` scope of the same providers: this is all the glue.
        // (The providers own the tool's files, so TLSConfig looks for no files of its own.)
        let resolver = SettingsResolver(
            ResolverConfiguration(
                appName: "configured-tool", documents: InMemoryDocuments([]),
                configReader: ConfigProviderDocuments(providers: providers)
            ))
        let resolution = host.map { resolver.resolve(host: $0) } ?? resolver.resolve()
        // The `tlsconfig show` report (its diagnostics included), naming each value's provider and key.
        print(ResolutionReport(resolution).text(), terminator: "")
        if resolution.hasErrors { exit(1) }
    }
}
