internal import COpenSSL
import TLSConfig

/// Answers OpenSSL's passphrase requests for one key from the passphrase the resolution fetched.
/// A callback is always installed, so OpenSSL never falls back to prompting on the terminal;
/// without a passphrase it refuses, and the request itself is remembered to tell "wrong
/// passphrase" apart from "not a key".
final class PassphraseProvider {
    let secret: PassphraseSecret?
    private(set) var wasRequested = false

    init(_ secret: PassphraseSecret?) {
        self.secret = secret
    }

    /// The passphrase for APIs that take it directly (PKCS#12), NUL-terminated in a buffer that
    /// is wiped afterwards; empty when none is configured.
    func withPassphrase<Result>(_ body: (UnsafePointer<CChar>, Int) -> Result) -> Result {
        wasRequested = true
        let count = secret?.count ?? 0
        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: count + 1)
        buffer.initialize(repeating: 0)
        defer {
            explicitWipe(UnsafeMutableRawBufferPointer(buffer))
            buffer.deallocate()
        }
        secret?.withBytes { bytes in
            for index in bytes.indices { buffer[index] = CChar(bitPattern: bytes[index]) }
        }
        return body(UnsafePointer(buffer.baseAddress!), count)
    }

    /// Called by OpenSSL through `supplyPassphrase`.
    fileprivate func fill(_ buffer: UnsafeMutablePointer<CChar>, size: Int) -> Int32 {
        wasRequested = true
        guard let secret, secret.count <= size else { return -1 }
        secret.withBytes { source in
            buffer.withMemoryRebound(to: UInt8.self, capacity: size) { target in
                if let base = source.baseAddress { target.update(from: base, count: source.count) }
            }
        }
        return Int32(secret.count)
    }
}

/// Overwrites memory that held a secret, in a way the optimiser keeps.
func explicitWipe(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress else { return }
    OPENSSL_cleanse(base, buffer.count)
}

/// OpenSSL's passphrase callback for reads that must never decrypt anything (certificates,
/// CRLs) and the context default: refuses, so OpenSSL never prompts.
func refusePassphrase(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _ writing: Int32, _ userdata: UnsafeMutableRawPointer?
) -> Int32 {
    -1
}

/// OpenSSL's passphrase callback for keys; `userdata` is an unretained `PassphraseProvider`
/// kept alive by the caller.
func supplyPassphrase(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _ writing: Int32, _ userdata: UnsafeMutableRawPointer?
) -> Int32 {
    guard let buffer, let userdata, size > 0 else { return -1 }
    let provider = Unmanaged<PassphraseProvider>.fromOpaque(userdata).takeUnretainedValue()
    return provider.fill(buffer, size: Int(size))
}
