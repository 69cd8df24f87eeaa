internal import COpenSSL
internal import CTLSShims

/// OpenSSL reads key material from a read-only memory BIO over bytes we already hold,
/// so every file is read once and the checks see exactly what the context uses.
enum MemoryBIO {
    /// A read-only BIO over `bytes`, without copying them when they are contiguous (key bytes
    /// should not be duplicated in memory).
    static func with<Result>(_ bytes: some Collection<UInt8>, _ body: (OpaquePointer) -> Result) -> Result? {
        func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Result? {
            guard let base = buffer.baseAddress, let bio = BIO_new_mem_buf(base, Int32(buffer.count)) else {
                return nil
            }
            defer { BIO_free(bio) }
            return body(bio)
        }
        if let result = bytes.withContiguousStorageIfAvailable(run) { return result }
        return Array(bytes).withUnsafeBufferPointer(run)
    }

    /// Text written by an OpenSSL printing routine.
    static func text(_ body: (OpaquePointer) -> Void) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        body(bio)
        var data: UnsafePointer<CChar>?
        let length = ctls_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
