import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The whole resolution from one configuration file plus an environment, then every renderer.
///
/// Input layout: one selector byte, then up to three parts separated by NUL bytes:
///
///     SELECTOR  CONFIG-TEXT \0 HOST \n KEY=VALUE \n KEY=VALUE ... \0 DATA-FILE
///
/// - selector bit 0: the file is YAML (else TOML); bits 1-2: where it is written
///   (project file in the working directory, system `etc/tlsconfig/`, user
///   `$XDG_CONFIG_HOME/tlsconfig/`, or explicit via `configFile`); bit 3: colour;
///   bit 4: show losing candidates.
/// - HOST: empty resolves for no host; anything else goes to `resolve(host:)`, malformed or not.
/// - DATA-FILE: written to `ca.pem` in the working directory when present, so settings that name
///   it reach the PEM checks.
///
/// A known passphrase is put in the environment as `FUZZ_PASSPHRASE`; it must never appear in
/// any output unless the input itself spells it.
///
/// Replay one input and see what it renders with
/// `FUZZ_TARGET=resolve FUZZ_PRINT=1 Fuzz/.build-fuzz/tlsconfig-fuzz FILE`.
enum ResolveTarget {
    static let secret = "fuzz-secret-Qm9vdHN0cmFw-passphrase"

    /// A fresh directory per process, removed at exit.
    static let directory: String = {
        let base = ProcessInfo.processInfo.environment["FUZZ_SCRATCH_DIR"] ?? NSTemporaryDirectory()
        let parent = base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base
        var template = Array((parent + "/tlsconfig-fuzz-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            FileHandle.standardError.write(Data("cannot create a scratch directory under \(parent)\n".utf8))
            exit(2)
        }
        let path = String(cString: made)
        for sub in ["etc/tlsconfig", "xdg/tlsconfig"] {
            try? FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true)
        }
        atexit {
            try? FileManager.default.removeItem(atPath: ResolveTarget.directory)
        }
        return path
    }()

    /// `FUZZ_PRINT=1` prints every rendering, for replaying one input by hand.
    static let printsOutputs = ProcessInfo.processInfo.environment["FUZZ_PRINT"] == "1"

    /// Every file an input may have written, removed before the next input.
    static let writtenNames = [
        "tlsconfig.toml", "tlsconfig.yaml", "etc/tlsconfig/config.toml", "etc/tlsconfig/config.yaml",
        "xdg/tlsconfig/config.toml", "xdg/tlsconfig/config.yaml", "explicit.toml", "explicit.yaml", "ca.pem",
    ]

    static func run(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let parts = bytes.dropFirst().split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        let config = Array(parts[0])
        let environmentText = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : ""
        let dataFile = parts.count > 2 ? Array(parts[2]) : nil

        let root = directory
        for name in writtenNames { unlink(root + "/" + name) }

        let isYAML = selector & 1 != 0
        let ext = isYAML ? "yaml" : "toml"
        let placement = (selector >> 1) & 3
        let fileName =
            switch placement {
            case 0: "tlsconfig.\(ext)"
            case 1: "etc/tlsconfig/config.\(ext)"
            case 2: "xdg/tlsconfig/config.\(ext)"
            default: "explicit.\(ext)"
            }
        write(config, to: root + "/" + fileName)
        if let dataFile { write(dataFile, to: root + "/ca.pem") }

        var lines = environmentText.split(separator: "\n", omittingEmptySubsequences: false)
        let host = lines.isEmpty ? "" : String(lines.removeFirst())
        var environment = ["HOME": root + "/home"]
        if placement == 2 { environment["XDG_CONFIG_HOME"] = root + "/xdg" }
        for line in lines {
            guard let equals = line.firstIndex(of: "=") else { continue }
            environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        environment["FUZZ_PASSPHRASE"] = secret

        let configuration = ResolverConfiguration(
            appName: "tlsconfig",
            environment: environment,
            workingDirectory: root,
            configFile: placement == 3 ? "explicit.\(ext)" : nil,
            documents: ConfigFileDiscovery(systemDirectory: root + "/etc")
        )
        let resolver = SettingsResolver(configuration)
        let resolution = host.isEmpty ? resolver.resolve() : resolver.resolve(host: host)

        let style = TextStyle(color: selector & 8 != 0)
        let renderer = DiagnosticRenderer(style: style, sources: resolution.sources)
        let report = ResolutionReport(resolution, showLosers: selector & 16 != 0)
        let json = report.json()
        var outputs = [
            renderer.render(resolution.diagnostics),
            renderer.json(resolution.diagnostics).rendered(pretty: false),
            report.text(style: style),
            json.rendered(),
            json.rendered(pretty: false),
        ]
        do {
            _ = try resolution.validatedSettings()
            fuzzCheck(!resolution.hasErrors, "validatedSettings() accepted a resolution with errors")
        } catch {
            fuzzCheck(!error.diagnostics.isEmpty, "validatedSettings() failed without a diagnostic")
            outputs.append(error.description)
        }

        if printsOutputs {
            print(outputs.joined(separator: "\n----------------\n"))
        }

        // Every key has exactly one value, in order.
        fuzzCheck(resolution.values.map(\.key) == SettingKey.allCases, "values are not one per key in SettingKey order")

        // JSON output is valid JSON (the pretty form differs only in white space).
        fuzzCheck(
            (try? JSONSerialization.jsonObject(with: Data(outputs[4].utf8))) != nil,
            "report JSON does not parse:\n\(outputs[4])")

        // The passphrase never leaks.
        let secretBytes = Array(secret.utf8)
        if !bytes.containsSequence(secretBytes) {
            for text in outputs {
                fuzzCheck(
                    !Array(text.utf8).containsSequence(secretBytes), "the passphrase appears in the output:\n\(text)")
            }
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count <= 0 { return }
            written += count
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func containsSequence(_ needle: [UInt8]) -> Bool {
        PEMScanner.find(needle, in: self, from: 0) != nil
    }
}
