import Glibc

/// A value behind a pthread mutex, shared by this package's caches.
///
/// `Synchronization.Mutex` is a futex on Linux that ThreadSanitizer cannot see: CI's TSan run
/// reported races inside its `withLock`. A pthread mutex gives the same exclusion and TSan
/// understands it.
package final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    package init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
