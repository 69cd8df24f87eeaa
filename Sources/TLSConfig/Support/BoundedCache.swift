/// A thread-safe dictionary that empties itself when full: a process that resolves against
/// ever-changing files must not grow without bound, and a refill costs one read per file.
package final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let capacity: Int
    private let entries = Locked<[Key: Value]>([:])

    package init(capacity: Int) {
        self.capacity = capacity
    }

    package subscript(key: Key) -> Value? {
        entries.withLock { $0[key] }
    }

    package func store(_ value: Value, for key: Key) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}
