internal import COpenSSL
import TLSConfig

/// Answers OpenSSL's passphrase requests for one key. A callback is always installed, so
/// OpenSSL never falls back to prompting on the terminal; without a configured source it
/// refuses, and the request itself is remembered to tell "needs a passphrase" apart from
/// "wrong passphrase" and "not a key".
final class PassphraseProvider {
    enum Secret {
        /// No `client-key-passphrase` configured.
        case notConfigured
        /// Configured, but the variable or file could not supply it.
        case unavailable(Diagnostic)
        case available([UInt8])
    }

    private(set) var secret: Secret
    let source: PassphraseSource?
    private(set) var wasRequested = false

    init(source: PassphraseSource?, environment: [String: String], origin: Origin?, maximumFileSize: Int) {
        self.source = source
        guard let source else {
            secret = .notConfigured
            return
        }
        switch source {
        case .environment(let name):
            if let value = environment[name], !value.isEmpty {
                secret = .available(Array(value.utf8))
            } else {
                secret = .unavailable(Diagnostic(
                    .error, .passphraseUnavailable,
                    "the key passphrase source \(source) names an environment variable that is not set or empty",
                    setting: .clientKeyPassphrase, origin: origin,
                    help: "export \(name) before running, or use file:PATH"
                ))
            }
        case .file(let path):
            switch SettingFile(maximumSize: maximumFileSize).read(path, what: "passphrase file", setting: .clientKeyPassphrase, origin: origin) {
            case .success(let bytes):
                var line = Array(bytes.prefix { $0 != UInt8(ascii: "\n") })
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                secret = .available(line)
            case .failure(let diagnostic):
                secret = .unavailable(diagnostic)
            }
        }
    }

    deinit {
        wipe()
    }

    /// The passphrase for APIs that take it directly (PKCS#12); empty when none is configured.
    func withPassphrase<Result>(_ body: (UnsafePointer<CChar>, Int) -> Result) -> Result {
        wasRequested = true
        let bytes: [UInt8] = if case .available(let bytes) = secret { bytes } else { [] }
        var terminated = bytes.map { CChar(bitPattern: $0) } + [0]
        defer { for index in terminated.indices { terminated[index] = 0 } }
        return terminated.withUnsafeBufferPointer { body($0.baseAddress!, bytes.count) }
    }

    /// Called by OpenSSL through `supplyPassphrase`.
    fileprivate func fill(_ buffer: UnsafeMutablePointer<CChar>, size: Int) -> Int32 {
        wasRequested = true
        guard case .available(let bytes) = secret, bytes.count <= size else { return -1 }
        bytes.withUnsafeBufferPointer { source in
            buffer.withMemoryRebound(to: UInt8.self, capacity: size) { target in
                target.update(from: source.baseAddress!, count: source.count)
            }
        }
        return Int32(bytes.count)
    }

    /// Best effort: the array is overwritten before it is released.
    private func wipe() {
        if case .available(var bytes) = secret {
            secret = .notConfigured
            for index in bytes.indices { bytes[index] = 0 }
            _ = bytes
        }
    }
}

/// OpenSSL's passphrase callback for reads that must never decrypt anything (certificates,
/// CRLs) and the context default: refuses, so OpenSSL never prompts.
func refusePassphrase(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _ writing: Int32, _ userdata: UnsafeMutableRawPointer?) -> Int32 {
    -1
}

/// OpenSSL's passphrase callback for keys; `userdata` is an unretained `PassphraseProvider`
/// kept alive by the caller.
func supplyPassphrase(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _ writing: Int32, _ userdata: UnsafeMutableRawPointer?) -> Int32 {
    guard let buffer, let userdata, size > 0 else { return -1 }
    let provider = Unmanaged<PassphraseProvider>.fromOpaque(userdata).takeUnretainedValue()
    return provider.fill(buffer, size: Int(size))
}
