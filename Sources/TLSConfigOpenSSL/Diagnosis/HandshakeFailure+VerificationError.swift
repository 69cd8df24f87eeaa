extension HandshakeFailure {
    /// Why the server's certificate was not accepted, as OpenSSL's verifier put it.
    public struct VerificationError: Sendable, Hashable, CustomStringConvertible {
        /// OpenSSL's `X509_V_ERR_*` number.
        public var code: Int
        /// OpenSSL's text for the code.
        public var reason: String
        /// 0 is the server's own certificate, 1 its issuer, and so on.
        public var depth: Int
        /// Subject of the certificate at `depth`, when known.
        public var subject: String?

        /// A verification error.
        public init(code: Int, reason: String, depth: Int, subject: String?) {
            self.code = code
            self.reason = reason
            self.depth = depth
            self.subject = subject
        }

        /// OpenSSL's reason, with its error number and the depth of the certificate.
        public var description: String {
            "\(reason) (X509 error \(code) at depth \(depth)\(subject.map { ", \($0)" } ?? ""))"
        }
    }
}

package typealias VerificationError = HandshakeFailure.VerificationError
