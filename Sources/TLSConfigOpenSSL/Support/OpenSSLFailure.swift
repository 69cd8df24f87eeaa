/// An OpenSSL failure rendered for people.
struct OpenSSLFailure: Error, Sendable, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
}
