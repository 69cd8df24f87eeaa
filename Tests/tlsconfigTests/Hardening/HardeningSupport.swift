import Foundation
import TestSupport
import Testing

/// One file a hostile case puts into the sandbox before running the CLI.
struct HardeningFile: Sendable {
    enum Kind: Sendable {
        case bytes([UInt8])
        /// A sparse file of this many bytes (`ftruncate`), cheap however large.
        case sparse(Int)
        case fifo
        /// A bound UNIX-domain socket: `open` fails on it, and nothing may wait on it.
        case socket
        case directory
        case symlink(to: String)
        /// Bytes written with mode 000.
        case unreadable([UInt8])
        /// A file of the shared test PKI, changed by `edit`.
        case pki(String, HardeningEdit)
        /// Made by `openssl ARGUMENTS` run in the sandbox (`$OUT` is this file's path).
        case openssl([String])
    }

    var name: String
    var kind: Kind
    var mode: Int = 0o600

    static func text(_ name: String, _ text: String, mode: Int = 0o600) -> HardeningFile {
        HardeningFile(name: name, kind: .bytes(Array(text.utf8)), mode: mode)
    }

    static func bytes(_ name: String, _ bytes: [UInt8]) -> HardeningFile {
        HardeningFile(name: name, kind: .bytes(bytes))
    }

    /// Creates the file under `root`.
    func create(in root: String) throws {
        let path = root + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        switch kind {
        case .bytes(let bytes):
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            chmod(path, mode_t(mode))
        case .unreadable(let bytes):
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            chmod(path, 0)
        case .sparse(let size):
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard descriptor >= 0 else { throw HardeningError("open \(path): errno \(errno)") }
            defer { close(descriptor) }
            guard ftruncate(descriptor, off_t(size)) == 0 else {
                throw HardeningError("ftruncate \(path): errno \(errno)")
            }
        case .fifo:
            guard mkfifo(path, 0o600) == 0 else { throw HardeningError("mkfifo \(path): errno \(errno)") }
        case .socket:
            try Sockets.bindUnixSocket(at: path)
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .pki(let source, let edit):
            let bytes = try [UInt8](TestPKI.shared().bytes(source))
            try Data(edit.apply(bytes)).write(to: URL(fileURLWithPath: path))
            chmod(path, mode_t(mode))
        case .openssl(let arguments):
            let pki = try TestPKI.shared().directory.path
            try OpenSSLTool.run(
                arguments.map {
                    $0.replacingOccurrences(of: "$OUT", with: path).replacingOccurrences(of: "$PKI", with: pki)
                }, in: URL(fileURLWithPath: root))
            chmod(path, mode_t(mode))
        case .symlink(let target):
            guard symlink(target.replacingOccurrences(of: "$TMP", with: root), path) == 0 else {
                throw HardeningError("symlink \(path): errno \(errno)")
            }
        }
    }
}

/// How a hostile case damages a file of the test PKI.
enum HardeningEdit: Sendable {
    case none
    /// The first N bytes.
    case prefix(Int)
    /// Everything but the last N bytes.
    case dropLast(Int)
    /// The byte at this offset (from the start; negative from the end) XOR 0xFF.
    case flip(Int)
    case insert([UInt8], at: Int)
    case append([UInt8])
    case replace(String, with: String)
    /// Followed by another PKI file.
    case concatenate(String)

    func apply(_ bytes: [UInt8]) throws -> [UInt8] {
        switch self {
        case .none: return bytes
        case .prefix(let count): return Array(bytes.prefix(count))
        case .dropLast(let count): return Array(bytes.dropLast(count))
        case .flip(let offset):
            var copy = bytes
            let index = offset >= 0 ? offset : bytes.count + offset
            copy[index] ^= 0xFF
            return copy
        case .insert(let extra, let offset):
            var copy = bytes
            copy.insert(contentsOf: extra, at: min(offset, copy.count))
            return copy
        case .append(let extra): return bytes + extra
        case .replace(let old, let new):
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.contains(old) else { throw HardeningError("\(old) not found") }
            return Array(text.replacingOccurrences(of: old, with: new).utf8)
        case .concatenate(let other): return bytes + (try [UInt8](TestPKI.shared().bytes(other)))
        }
    }
}

struct HardeningError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A hostile input run through the real binary: files, variables and arguments, and the
/// origin (variable name or file name) its error must name. `$TMP` in arguments,
/// variables and `origin` stands for the sandbox.
struct HardeningCase: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [HardeningFile] = []
    var environment: [String: String] = [:]
    var arguments: [String] = ["check"]
    /// What the error must cite: an environment variable, or (part of) a file's path.
    var origin: String
    /// Codes any one of which the error may carry; empty accepts any error.
    var codes: Set<String> = []
    /// The outcome depends on not being root (a mode-000 file): when the tests run as root,
    /// the binary is run as the unprivileged user `nobody` instead.
    var needsUnprivilegedUser = false

    var testDescription: String { name }
}

/// Runs hostile cases and checks the contract: exit status 1, a prompt end (the whole
/// process, under the runner's timeout), nothing on standard error that looks like a
/// crash, and an error whose origin or message names where the bad input came from.
enum HardeningRunner {
    /// Generous, because sanitizer builds and a loaded 2-core machine run every process far
    /// slower than the one second a user sees; a hang still fails.
    static var timeout: TimeInterval {
        ProcessInfo.processInfo.environment["TLSCONFIG_HARDENING_TIMEOUT"].flatMap(TimeInterval.init) ?? 20
    }

    static var isRoot: Bool { geteuid() == 0 }

    /// The user id of `nobody` on Debian.
    static let nobody: UInt32 = 65534

    static func run(_ hostile: HardeningCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try runUngated(hostile, sourceLocation: sourceLocation)
    }

    private static func runUngated(_ hostile: HardeningCase, sourceLocation: SourceLocation) throws {
        let sandbox = Sandbox()
        let user: UInt32? = hostile.needsUnprivilegedUser && isRoot ? nobody : nil
        if user != nil {
            // nobody must reach the sandbox and its home, but not the mode-000 file itself.
            for path in [sandbox.path, sandbox.path + "/home"] { chmod(path, 0o755) }
        }
        for file in hostile.files { try file.create(in: sandbox.path) }
        defer { for file in hostile.files { chmod(sandbox.path + "/" + file.name, 0o700) } }
        let pki = hostile.environment.values.contains { $0.contains("$PKI") } ? try TestPKI.shared().directory.path : ""
        let substitute = { (text: String) in
            text.replacingOccurrences(of: "$TMP", with: sandbox.path).replacingOccurrences(of: "$PKI", with: pki)
        }
        let environment = hostile.environment.mapValues(substitute)
        let arguments = hostile.arguments.map(substitute) + ["--format", "json"]
        let result = try CLI.run(
            arguments, in: sandbox.path, environment: environment, timeout: timeout, unprivilegedUser: user)
        let context =
            "\(hostile.name): status \(result.status)\nstdout: \(result.stdout.prefix(4000))\nstderr: \(result.stderr.prefix(2000))"
        #expect(result.status == 1, "\(context)", sourceLocation: sourceLocation)
        #expect(!looksLikeACrash(result.stderr), "\(context)", sourceLocation: sourceLocation)
        let origin = substitute(hostile.origin)
        let errors = try errorDiagnostics(result.stdout)
        #expect(!errors.isEmpty, "no error diagnostic: \(context)", sourceLocation: sourceLocation)
        let naming = errors.filter { names($0, origin) }
        #expect(!naming.isEmpty, "no error names \(origin): \(context)", sourceLocation: sourceLocation)
        if !hostile.codes.isEmpty {
            let codes = Set(naming.compactMap { $0["code"] as? String })
            #expect(
                !codes.isDisjoint(with: hostile.codes), "codes \(codes), expected one of \(hostile.codes): \(context)",
                sourceLocation: sourceLocation)
        }
        for diagnostic in naming {
            let message = diagnostic["message"] as? String ?? ""
            #expect(
                !message.isEmpty && message.count < 2000, "a clear, bounded message: \(message.prefix(300))",
                sourceLocation: sourceLocation)
        }
    }

    static func looksLikeACrash(_ stderr: String) -> Bool {
        ["Fatal error", "Sanitizer", "Segmentation", "Illegal instruction", "Stack dump", "Aborted"].contains {
            stderr.contains($0)
        }
    }

    /// The error diagnostics of a JSON report.
    static func errorDiagnostics(_ stdout: String) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
        let diagnostics = json?["diagnostics"] as? [[String: Any]] ?? []
        return diagnostics.filter { $0["severity"] as? String == "error" }
    }

    /// Whether a diagnostic cites `origin`: its origin (or a related one) is that variable or a
    /// file whose path contains it, or its message names it.
    static func names(_ diagnostic: [String: Any], _ origin: String) -> Bool {
        func cites(_ value: Any?) -> Bool {
            guard let object = value as? [String: Any] else { return false }
            if let variable = object["variable"] as? String, variable == origin { return true }
            if let path = object["path"] as? String, path.contains(origin) { return true }
            return false
        }
        if cites(diagnostic["origin"]) { return true }
        if let related = diagnostic["related"] as? [[String: Any]], related.contains(where: { cites($0["origin"]) }) {
            return true
        }
        return (diagnostic["message"] as? String)?.contains(origin) == true
    }
}
