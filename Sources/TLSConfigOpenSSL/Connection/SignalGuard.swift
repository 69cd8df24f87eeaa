import Glibc

/// OpenSSL writes to sockets with `write`, which raises SIGPIPE when the peer has gone and
/// would kill the process. Blocking the signal on this thread (and discarding one raised
/// meanwhile) avoids that without touching the process-wide disposition.
enum SignalGuard {
    static func withSIGPIPEBlocked<Result>(_ body: () -> Result) -> Result {
        var pipeOnly = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeOnly, &previous)
        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1, sigismember(&previous, SIGPIPE) == 0 {
                var immediately = timespec()
                _ = sigtimedwait(&pipeOnly, nil, &immediately)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return body()
    }
}
