#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard error; the CLI avoids full Foundation to start faster.
func printError(_ text: String) {
    let line = text.hasSuffix("\n") ? text : text + "\n"
    var bytes = Array(line.utf8)
    // write(2) on the descriptor: no shared C `FILE *` to reason about under strict concurrency.
    while !bytes.isEmpty {
        let written = write(STDERR_FILENO, bytes, bytes.count)
        if written <= 0 { return }
        bytes.removeFirst(written)
    }
}

/// Whether standard error is a terminal, for `--color auto` on diagnostics.
var standardErrorIsTerminal: Bool {
    isatty(STDERR_FILENO) == 1
}

/// Whether standard output is a terminal, for `--color auto`.
var standardOutputIsTerminal: Bool {
    isatty(STDOUT_FILENO) == 1
}

/// Ends the process with `code`.
func exitProcess(_ code: Int32) -> Never {
    exit(code)
}
