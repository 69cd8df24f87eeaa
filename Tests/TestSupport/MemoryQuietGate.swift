import Glibc
@_spi(Plumbing) import TLSConfig

/// Keeps the memory-hungry hardening tests (hostile inputs, 64 concurrent builds) from
/// running while the leak tests measure the heap in the same process: a leak test
/// holds the gate exclusively, the hardening tests share it. Waiting is by polling. Exclusive
/// holders wait by sleeping the task, never a thread: a shared holder may need the
/// cooperative pool (a task group) to finish, and with leak tests of several suites waiting at
/// once, blocked threads would take the whole pool on a 2-core machine. An exclusive body
/// needs no other pool thread, so shared waiters blocking theirs cannot deadlock it either.
public enum MemoryQuietGate {
    private static let state = Locked<(exclusive: Bool, shared: Int)>((false, 0))

    /// Runs `body` once no hardening test is running, and keeps new ones out meanwhile.
    public static func exclusive<T>(_ body: () throws -> T) async rethrows -> T {
        while !state.withLock({ value in
            guard !value.exclusive, value.shared == 0 else { return false }
            value.exclusive = true
            return true
        }) { try? await Task.sleep(for: .milliseconds(10)) }
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
