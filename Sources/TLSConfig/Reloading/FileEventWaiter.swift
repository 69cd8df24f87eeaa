import Glibc

/// Waits for the next look at a reloader's inputs: at the interval, or as soon as one of the
/// directories holding them reports an event (Linux inotify), so a rotation is acted on within
/// milliseconds even with a long interval.
///
/// An event only wakes the caller; the file identities still decide whether anything changed.
/// So a spurious event costs one `stat` per input, and a missed one (a full event queue, a
/// directory created after the watch was set) costs at most one interval, never a wrong reload.
/// Directories are watched rather than files, because an atomic rename or a swapped `..data`
/// link replaces the file and would end a watch on it; a file reached through links also has
/// the directory of its target watched, where in-place rewrites of the real file happen.
package final class FileEventWaiter: @unchecked Sendable {
    // @unchecked: the watch table is used only by the one thread that calls `watch` and `wait`;
    // `cancel` writes to a pipe, which any thread may do.
    private let events: Int32
    /// The read end of a pipe that becomes readable, and stays so, once cancelled.
    private let cancelled: Int32
    private let cancelWriter: Int32
    /// The directories watched, by watch descriptor.
    private var watches: [Int32: String] = [:]

    private static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF
            | IN_MOVE_SELF)

    /// `nil` where inotify is unavailable (its instance limit is reached): then poll alone.
    package init?() {
        let events = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard events >= 0 else { return nil }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(events)
            return nil
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        self.events = events
        self.cancelled = ends[0]
        self.cancelWriter = ends[1]
    }

    deinit {
        close(events)
        close(cancelled)
        close(cancelWriter)
    }

    /// Watches the directories of `inputs` (and only those: watches of earlier inputs end);
    /// `true` when a directory is watched that was not before, since a change made in it before
    /// its watch was set had no event.
    ///
    /// For each input: the directory holding it (or the input directory itself), that
    /// directory's parent (which sees it renamed away, removed and recreated, or renamed into
    /// place), the directory of its real path (where in-place rewrites of a linked file
    /// happen), and each directory holding a link on its path (a swapped `..data` or
    /// `current -> releases/N` link). Watches are kept by the kernel's descriptor, which
    /// stands for the directory itself, so a path that now leads to another directory gets a
    /// watch of its own.
    @discardableResult
    package func watch(_ inputs: WatchedInputs) -> Bool {
        var wanted = Set<String>()
        for input in inputs.inputs {
            let holder = input.isDirectory ? input.path : PathName.directory(of: input.path)
            wanted.insert(holder)
            wanted.insert(PathName.directory(of: holder))
            if let target = Self.realPath(input.path), target != input.path {
                wanted.insert(input.isDirectory ? target : PathName.directory(of: target))
            }
            Self.addDirectoriesHoldingLinks(on: input.path, to: &wanted)
        }
        var now: [Int32: String] = [:]
        for directory in wanted {
            // A missing directory is not watched: its parent's watch sees it appear.
            let descriptor = inotify_add_watch(events, directory, Self.mask)
            if descriptor >= 0 { now[descriptor] = directory }
        }
        for descriptor in watches.keys where now[descriptor] == nil {
            inotify_rm_watch(events, descriptor)
        }
        let added = now.keys.contains { watches[$0] == nil }
        watches = now
        return added
    }

    /// How many directories are watched.
    package var watchedDirectoryCount: Int { watches.count }

    /// Returns `true` after an event or at the end of `timeout`, `false` once ``cancel()`` was called.
    package func wait(timeout: Duration) -> Bool {
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        var descriptors = [
            pollfd(fd: events, events: Int16(POLLIN), revents: 0),
            pollfd(fd: cancelled, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, 2, max(milliseconds, 1))
        if ready > 0, descriptors[1].revents != 0 { return false }
        guard ready > 0 else { return true }
        // A rotation writes several files within milliseconds: let the burst end, so it is
        // looked at once, and a busy directory wakes the caller at most every settle time.
        var cancel = [descriptors[1]]
        if poll(&cancel, 1, Self.settleMilliseconds) > 0 { return false }
        drain()
        return true
    }

    /// How long after an event the waiter lets further events arrive before waking the caller.
    package static let settleMilliseconds: Int32 = 20

    /// Ends the current and every later `wait`, from any thread.
    package func cancel() {
        var byte: UInt8 = 1
        _ = write(cancelWriter, &byte, 1)
    }

    /// Runs `look` on a thread of its own after each wait until cancelled, then `finished`;
    /// after each look the watches follow `inputs` (a reload or a swapped link moves them).
    /// A thread of its own, because waiting blocks and must not hold a thread of Swift's pool.
    package func start(
        every interval: Duration, inputs: @escaping @Sendable () -> WatchedInputs, look: @escaping @Sendable () -> Void,
        finished: @escaping @Sendable () -> Void
    ) {
        let body: @Sendable () -> Void = { [self] in
            loop(every: interval, inputs: inputs, look: look)
            finished()
        }
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { box in
                Unmanaged<ThreadBody>.fromOpaque(box!).takeRetainedValue().body()
                return nil
            }, box)
        if started == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            finished()
        }
    }

    /// The watch loop every watcher runs (the reloaders on their thread, `check --watch` on
    /// the main one): a look once the watches are set, then one after each event or interval,
    /// until cancelled; after each look the watches follow `inputs` (a reload or a swapped
    /// link moves them).
    package func loop(every interval: Duration, inputs: () -> WatchedInputs, look: () -> Void) {
        // Again whenever a look leads to a directory not watched before (a recreated or
        // swapped one): a change made in it before its watch had no event. Bounded, so a
        // directory that keeps being replaced leaves the rest to the next event.
        func lookAndFollow() {
            look()
            var rounds = 0
            while watch(inputs()), rounds < 3 {
                look()
                rounds += 1
            }
        }
        watch(inputs())
        lookAndFollow()
        while wait(timeout: interval) { lookAndFollow() }
    }

    /// Blocks the calling thread looking at `inputs` for ever: the shared loop where inotify is
    /// available, else a look at each interval. `starting` learns which, before the first look.
    package static func watchForever(
        every interval: Duration, inputs: () -> WatchedInputs, starting: (_ wakesOnFileEvents: Bool) -> Void,
        look: () -> Void
    ) -> Never {
        if let waiter = FileEventWaiter() {
            starting(true)
            waiter.loop(every: interval, inputs: inputs, look: look)
        } else {
            starting(false)
        }
        while true {
            let (seconds, attoseconds) = interval.components
            var pause = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            _ = nanosleep(&pause, nil)
            look()
        }
    }

    private final class ThreadBody: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Reads every queued event: one wake stands for all of them. A watch the kernel ended (its
    /// directory was removed) is forgotten, so the next `watch` sets it again if it comes back.
    /// A directory moved away keeps its watch until the next `watch` finds its path leads
    /// elsewhere.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            var offset = 0
            while offset + header <= count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                if event.mask & UInt32(IN_IGNORED) != 0 { watches[event.wd] = nil }
                offset += header + Int(event.len)
            }
        }
    }

    /// Adds the directory holding each symbolic link met on `path`, component by component.
    private static func addDirectoriesHoldingLinks(on path: String, to wanted: inout Set<String>) {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            let parent = prefix.isEmpty ? "/" : prefix
            prefix += "/" + component
            var facts = stat()
            if lstat(prefix, &facts) == 0, facts.st_mode & S_IFMT == S_IFLNK { wanted.insert(parent) }
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
