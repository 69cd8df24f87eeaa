/// The identity group: a client certificate, its key and where the key's passphrase comes from.
/// A key cannot be set without a certificate because the key lives inside this value.
public struct ClientIdentity: Sendable, Hashable {
    /// PEM (leaf first, then intermediates, optionally with the key) or PKCS#12, absolute path.
    public package(set) var certificateFile: String
    /// A separate key file; `nil` means the key is in `certificateFile`.
    public package(set) var keyFile: String?
    /// Where the key's passphrase comes from, when the key (or PKCS#12 file) is encrypted.
    public package(set) var passphrase: ClientIdentity.Passphrase?

    /// An identity; paths absolute.
    @_spi(Plumbing) public init(
        certificateFile: String, keyFile: String? = nil, passphrase: ClientIdentity.Passphrase? = nil
    ) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.passphrase = passphrase
    }

    /// The file that holds the private key.
    public var effectiveKeyFile: String { keyFile ?? certificateFile }
}

extension ClientIdentity {
    /// Where a key's passphrase is read from. The secret itself is never stored in settings,
    /// so settings can be printed, logged and compared freely.
    public enum Passphrase: Sendable, Hashable, CustomStringConvertible {
        /// `env:NAME`: the value of an environment variable.
        case environment(String)
        /// `file:PATH`: the first line of a file (absolute path).
        case file(String)

        /// Parses `env:NAME` or `file:PATH`; `nil` for anything else. Relative file paths are
        /// returned as written; the resolver anchors them.
        public init?(parsing text: String) {
            if text.hasPrefix("env:") {
                let name = String(text.dropFirst(4))
                guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    return nil
                }
                self = .environment(name)
            } else if text.hasPrefix("file:") {
                let path = String(text.dropFirst(5))
                guard !path.isEmpty else { return nil }
                self = .file(path)
            } else {
                return nil
            }
        }

        /// `env:NAME` or `file:PATH`, as written in files.
        public var description: String {
            switch self {
            case .environment(let name): "env:\(name)"
            case .file(let path): "file:\(path)"
            }
        }
    }
}

package typealias PassphraseSource = ClientIdentity.Passphrase
