internal import COpenSSL
internal import CTLSShims

/// One entry of OpenSSL's thread-local error queue, kept as text so it can travel in a
/// diagnostic. OpenSSL never puts passphrases or key bytes into the queue.
struct OpenSSLError: Sendable, Hashable, CustomStringConvertible {
    var code: UInt
    var library: String?
    var reason: String?
    /// Extra text some routines attach, such as a file name or an algorithm.
    var data: String?

    var description: String {
        var text = reason ?? "error code \(code)"
        if let library { text = "\(library): \(text)" }
        if let data, !data.isEmpty { text += " (\(data))" }
        return text
    }
}

/// Draining the queue after every failing call keeps errors from one operation out of
/// the next one's message, and keeps the queue from growing in long-running processes.
enum OpenSSLErrorQueue {
    static func clear() {
        ERR_clear_error()
    }

    /// Removes and returns every queued error, oldest first.
    static func drain() -> [OpenSSLError] {
        var errors: [OpenSSLError] = []
        while true {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            errors.append(
                OpenSSLError(
                    code: code,
                    library: ERR_lib_error_string(code).map { String(cString: $0) },
                    reason: ERR_reason_error_string(code).map { String(cString: $0) },
                    data: (flags & ctls_ERR_TXT_STRING()) != 0 ? data.map { String(cString: $0) } : nil
                ))
        }
        return errors
    }

    /// The drained errors as one line, most specific (last) first, without repeats.
    static func drainedText(fallback: String) -> String {
        render(drain(), fallback: fallback)
    }

    static func render(_ errors: [OpenSSLError], fallback: String) -> String {
        var seen = Set<String>()
        let lines = errors.reversed().map(\.description).filter { seen.insert($0).inserted }
        return lines.isEmpty ? fallback : lines.joined(separator: "; ")
    }
}
