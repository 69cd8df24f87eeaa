/// Keeps a context current while the files behind it change, for services that run for weeks
/// while cert-manager, a Vault agent or an ACME client rotates their certificates.
///
/// At each poll it compares the resolution's ``WatchedInputs`` with the file system. When one
/// changed, it resolves again and builds; the new context replaces the current one only if the
/// build succeeds. New material that fails (missing, half-written, a key that does not match
/// the certificate, expired, garbage) never replaces the last good context: the failure is
/// reported as a ``ReloadEvent`` with its diagnostics, and the reloader tries again at the
/// next change. A certificate and key replaced in two steps therefore keep the old pair until
/// the new pair matches.
///
/// `Context` is whatever `build` makes: `TLSContext` (TLSConfigOpenSSL), `NIOClientTLS` or
/// `NIOServerTLS` (TLSConfigNIO). Take ``current`` for each new connection; connections already
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
        var subscribers: [Int: AsyncStream<ReloadEvent>.Continuation] = [:]
        var nextSubscriber = 0
    }

    private let resolve: @Sendable () -> Resolution
    private let build: Build
    private let state: Locked<State>
    /// Held for a whole check, so concurrent checks never build twice for one change.
    private let checking = Locked<Void>(())

    /// Resolves and builds the first context; its failure is thrown, since there is nothing to
    /// keep yet.
    public init(resolve: @escaping @Sendable () -> Resolution, build: @escaping Build) throws(TLSSettingsError) {
        let resolution = resolve()
        let context = try Self.attempt(resolution, build)
        self.resolve = resolve
        self.build = build
        self.state = Locked(State(current: context, resolution: resolution, watched: WatchedInputs(resolution)))
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
    public var watchedInputs: WatchedInputs { state.withLock { $0.watched } }

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
            let changed = state.withLock { $0.watched }.changedPaths()
            guard !changed.isEmpty else { return nil }
            let resolution = resolve()
            let watched = WatchedInputs(resolution)
            let event: ReloadEvent
            do throws(TLSSettingsError) {
                let context = try Self.attempt(resolution, build)
                event = state.withLock { state in
                    state.current = context
                    state.resolution = resolution
                    state.generation += 1
                    state.watched = watched
                    return ReloadEvent(outcome: .reloaded, generation: state.generation, changedPaths: changed, diagnostics: resolution.diagnostics.filter { $0.severity == .warning })
                }
            } catch {
                let diagnostics = error.diagnostics
                event = state.withLock { state in
                    state.watched = watched
                    return ReloadEvent(outcome: .rejected, generation: state.generation, changedPaths: changed, diagnostics: diagnostics)
                }
            }
            let subscribers = state.withLock { Array($0.subscribers.values) }
            for continuation in subscribers { continuation.yield(event) }
            return event
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

    private static func attempt(_ resolution: Resolution, _ build: Build) throws(TLSSettingsError) -> Context {
        if resolution.hasErrors { throw TLSSettingsError(diagnostics: resolution.diagnostics.errors) }
        return try build(resolution)
    }
}
