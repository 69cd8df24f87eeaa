import Glibc

/// A key passphrase fetched once from its source (`env:NAME` or `file:PATH`). It lives in memory
/// this type owns, is handed out only inside `withBytes`, never printed, and is overwritten when
/// the last reference goes away.
package final class PassphraseSecret: Sendable {
    /// Where it came from, for messages (never the secret).
    package let source: ClientIdentity.Passphrase
    /// Immutable after `init`; written again only by `deinit`, when no one else can see it.
    private nonisolated(unsafe) let storage: UnsafeMutableBufferPointer<UInt8>

    package init(source: ClientIdentity.Passphrase, bytes: some Collection<UInt8>) {
        self.source = source
        storage = .allocate(capacity: max(bytes.count, 1))
        _ = storage.initialize(from: bytes)
        count = bytes.count
    }

    package let count: Int

    deinit {
        Self.wipe(UnsafeMutableRawBufferPointer(storage))
        storage.deallocate()
    }

    /// Whether `other` holds the same passphrase (compared in time independent of where they differ).
    package func matches(_ other: PassphraseSecret) -> Bool {
        guard count == other.count else { return false }
        return withBytes { mine in
            other.withBytes { theirs in zip(mine, theirs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 }
        }
    }

    /// The passphrase's bytes, valid only inside `body`.
    package func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(rebasing: storage[..<count]))
    }
}

extension PassphraseSecret {
    /// Overwrites memory that held a secret (a passphrase, a private key in PEM) before it is
    /// freed or reused. `explicit_bzero`, because a plain store to memory about to be freed is
    /// one the compiler may remove. Every secret buffer of the package is wiped here.
    package static func wipe(_ memory: UnsafeMutableRawBufferPointer) {
        guard let base = memory.baseAddress, memory.count > 0 else { return }
        explicit_bzero(base, memory.count)
    }

    /// Wipes an array's bytes in place.
    package static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { wipe($0) }
    }
}
