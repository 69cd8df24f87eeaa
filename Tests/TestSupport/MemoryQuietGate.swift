import Glibc
@_spi(Plumbing) import TLSConfig

/// Keeps the memory-hungry hardening tests (hostile inputs, 64 concurrent builds) from
/// running while the leak tests measure the heap in the same process: a leak test
/// holds the gate exclusively, the hardening tests share it. Waiting is by polling, and a
/// shared holder is only ever held up while an exclusive holder runs, which needs no other
/// thread, so the two cannot deadlock the cooperative pool.
public enum MemoryQuietGate {
    private static let state = Locked<(exclusive: Bool, shared: Int)>((false, 0))

    /// Runs `body` once no hardening test is running, and keeps new ones out meanwhile.
    public static func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        while !state.withLock({ value in
            guard !value.exclusive, value.shared == 0 else { return false }
            value.exclusive = true
            return true
        }) { usleep(10_000) }
        defer { state.withLock { $0.exclusive = false } }
        return try body()
    }

    private static func enter() -> Bool {
        state.withLock { value in
            guard !value.exclusive else { return false }
            value.shared += 1
            return true
        }
    }

    private static func leave() {
        state.withLock { $0.shared -= 1 }
    }

    public static func shared<T>(_ body: () throws -> T) rethrows -> T {
        while !enter() { usleep(10_000) }
        defer { leave() }
        return try body()
    }

    public static func shared<T>(_ body: () async throws -> T) async rethrows -> T {
        while !enter() { try? await Task.sleep(for: .milliseconds(10)) }
        defer { leave() }
        return try await body()
    }
}
