/// Keeps a context current while the files behind it change, for services that run for weeks
/// while cert-manager, a Vault agent or an ACME client rotates their certificates.
///
/// At each poll it compares the resolution's inputs with the file system. When one
/// changed, it resolves again; when the settings or the bytes read differ (a touch changes
/// neither), it builds, and the new context replaces the current one only if the build
/// succeeds. Settings from configuration providers (a source whose
/// ``ConfigDocumentSource/changesWithoutFiles`` is true) have no file to watch: then each poll
/// resolves again, which reads the files the settings name, and reloads when the settings or
/// their errors differ from the last attempt's.
///
/// New material that fails (missing, half-written, a key that does not match
/// the certificate, expired, garbage) never replaces the last good context: the failure is
/// reported as a ``ReloadEvent`` with its diagnostics, and the reloader tries again at the
/// next change. A certificate and key replaced in two steps therefore keep the old pair until
/// the new pair matches.
///
/// `Context` is whatever `build` makes: `TLSContext` (TLSConfigOpenSSL), `ClientTLS` or
/// `ServerTLS` (TLSConfigNIO). Take ``current`` for each new connection; connections already
/// open keep the context they were made with.
///
/// ```swift
/// let reloader = try ContextReloader(resolve: { resolver.resolve(host: host) }) { try TLSContextBuilder(resolution: $0).makeClientContext() }
/// Task { await reloader.run(every: .seconds(2)) }
/// let context = reloader.current
/// ```
public final class ContextReloader<Context: Sendable>: Sendable {
    /// Makes a context from a resolution; throws its errors.
    public typealias Build = @Sendable (Resolution) throws(TLSSettingsError) -> Context

    private struct State: Sendable {
        var current: Context
        var resolution: Resolution
        var generation = 1
        /// The inputs of the last attempt, good or not: a failed attempt is retried only when
        /// something changes again.
        var watched: WatchedInputs
        /// The resolution of the last attempt, good or not, for sources without files.
        var attempted: Resolution
        var subscribers: [Int: AsyncStream<ReloadEvent>.Continuation] = [:]
        var nextSubscriber = 0
    }

    private let resolve: @Sendable () -> Resolution
    private let build: Build
    /// Told each event as it happens, before the subscribers (a logger).
    private let observe: (@Sendable (ReloadEvent) -> Void)?
    private let state: Locked<State>
    /// Held for a whole check, so concurrent checks never build twice for one change.
    private let checking = Locked<Void>(())

    /// Resolves and builds the first context; its failure is thrown, since there is nothing to
    /// keep yet.
    public convenience init(
        resolve: @escaping @Sendable () -> Resolution, build: @escaping Build
    ) throws(TLSSettingsError) {
        try self.init(resolve: resolve, observe: nil, build: build)
    }

    /// As the public initialiser, with `observe` told each event as it happens.
    package init(
        resolve: @escaping @Sendable () -> Resolution, observe: (@Sendable (ReloadEvent) -> Void)?,
        build: @escaping Build
    ) throws(TLSSettingsError) {
        let resolution = resolve()
        let context = try Self.attempt(resolution, build)
        self.resolve = resolve
        self.build = build
        self.observe = observe
        self.state = Locked(
            State(current: context, resolution: resolution, watched: WatchedInputs(resolution), attempted: resolution))
    }

    deinit {
        state.withLock { state in
            for continuation in state.subscribers.values { continuation.finish() }
        }
    }

    /// The context to use for a new connection.
    public var current: Context { state.withLock { $0.current } }

    /// The resolution the current context was built from.
    public var currentResolution: Resolution { state.withLock { $0.resolution } }

    /// 1 for the first context, one more per successful reload.
    public var generation: Int { state.withLock { $0.generation } }

    /// What is watched now (the inputs of the last attempt).
    package var watchedInputs: WatchedInputs { state.withLock { $0.watched } }

    /// Every event from now on, until the reloader is freed. Each access is a new subscription.
    public var events: AsyncStream<ReloadEvent> {
        let (stream, continuation) = AsyncStream<ReloadEvent>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id = state.withLock { state -> Int in
            state.nextSubscriber += 1
            state.subscribers[state.nextSubscriber] = continuation
            return state.nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Polls once: `nil` when nothing changed, else what was done about the change.
    @discardableResult
    public func check() -> ReloadEvent? {
        checking.withLock { _ -> ReloadEvent? in
            let (watched, attempted) = state.withLock { ($0.watched, $0.attempted) }
            var changed = watched.changedPaths()
            var fresh: Resolution?
            if changed.isEmpty {
                guard watched.followsSourcesBeyondFiles else { return nil }
                let resolution = resolve()
                changed = Self.settingChanges(from: attempted, to: resolution)
                guard !changed.isEmpty else { return nil }
                fresh = resolution
            }
            let resolution = fresh ?? resolve()
            let newWatched = WatchedInputs(resolution)
            if fresh == nil, resolution.hasSameOutcome(as: attempted) {
                // Touched, or rewritten with the same bytes: nothing to rebuild or report.
                state.withLock { $0.watched = newWatched }
                return nil
            }
            let event: ReloadEvent
            do throws(TLSSettingsError) {
                let context = try Self.attempt(resolution, build)
                event = state.withLock { state in
                    state.current = context
                    state.resolution = resolution
                    state.generation += 1
                    state.watched = newWatched
                    state.attempted = resolution
                    let built = (context as? any BuildWarnings)?.buildWarnings ?? []
                    let warnings = (resolution.diagnostics + built).filter { $0.severity == .warning }
                    return ReloadEvent(
                        outcome: .reloaded, generation: state.generation, changedPaths: changed, diagnostics: warnings)
                }
            } catch {
                let diagnostics = error.diagnostics
                event = state.withLock { state in
                    state.watched = newWatched
                    state.attempted = resolution
                    return ReloadEvent(
                        outcome: .rejected, generation: state.generation, changedPaths: changed,
                        diagnostics: diagnostics)
                }
            }
            observe?(event)
            let subscribers = state.withLock { Array($0.subscribers.values) }
            for continuation in subscribers { continuation.yield(event) }
            return event
        }
    }

    /// Polls every `interval` until the task is cancelled. With `wakingOnFileEvents`, it also
    /// looks as soon as a directory holding an input reports an event (inotify on Linux; about
    /// 20 ms after the event, so a burst of writes is looked at once), so a rotation is acted on
    /// at once and the interval only bounds what an event could miss. Where inotify is not
    /// available it polls alone.
    public func run(every interval: Duration, wakingOnFileEvents: Bool) async {
        guard wakingOnFileEvents, let waiter = FileEventWaiter() else { return await run(every: interval) }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                waiter.start(
                    every: interval, inputs: { [self] in watchedInputs }, look: { [self] in check() },
                    finished: { finished.resume() })
            }
        } onCancel: {
            waiter.cancel()
        }
    }

    /// Polls every `interval` until the task is cancelled.
    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            check()
        }
    }

    /// For sources without files: each key whose value differs, with where it comes from now
    /// (or came from, when it fell back to the default); else, when only the errors differ,
    /// the origins of the new errors. Empty when neither the settings nor the errors changed.
    static func settingChanges(from old: Resolution, to new: Resolution) -> [String] {
        let oldErrors = Set(old.diagnostics.errors), newErrors = Set(new.diagnostics.errors)
        guard old.settings != new.settings || oldErrors != newErrors else { return [] }
        var changes: [String] = []
        for (before, after) in zip(old.values, new.values) where before.items != after.items {
            changes.append("\(after.key.rawValue) from \(after.isDefault ? before.origin : after.origin)")
        }
        if changes.isEmpty {
            changes = newErrors.subtracting(oldErrors).map { $0.origin.map { "\($0)" } ?? "\($0.code)" }.sorted()
        }
        return changes.isEmpty ? ["the settings of a configuration provider"] : changes
    }

    private static func attempt(_ resolution: Resolution, _ build: Build) throws(TLSSettingsError) -> Context {
        if resolution.hasErrors { throw TLSSettingsError(diagnostics: resolution.diagnostics.errors) }
        return try build(resolution)
    }
}
