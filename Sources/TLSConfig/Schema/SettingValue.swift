/// A path as written and as it will be used.
package struct ResolvedPath: Sendable, Hashable, CustomStringConvertible {
    /// The text the user wrote.
    package var written: String
    /// The absolute path after `~` expansion and anchoring.
    package var absolute: String
    /// The directory a relative path was resolved against; `nil` when it was absolute.
    package var base: String?

    package init(written: String, absolute: String, base: String? = nil) {
        self.written = written
        self.absolute = absolute
        self.base = base
    }

    package var description: String { absolute }
}

/// A setting's value after parsing, before the settings are assembled.
enum SettingValue: Sendable, Hashable {
    case trust(TrustSettings.Mode)
    case paths([ResolvedPath])
    case path(ResolvedPath)
    case passphrase(ClientIdentity.Passphrase)
    case verify(PeerVerification)
    case clientAuth(ClientAuthentication)
    case version(TLSProtocolVersion)
    case text(String)
    case list([String])
    case pins([PublicKeyPin])

    /// The value as display strings, one per list element. Never a secret: passphrases are only ever sources.
    var items: [String] {
        switch self {
        case .paths(let paths): paths.map(\.absolute)
        case .list(let items): items
        case .pins(let pins): pins.map(\.description)
        default: single.map { [$0] } ?? []
        }
    }

    /// A value that is one item, as it displays; `nil` for lists.
    private var single: String? {
        switch self {
        case .trust(let mode): mode.rawValue
        case .path(let path): path.absolute
        case .passphrase(let source): source.description
        case .verify(let mode): mode.rawValue
        case .clientAuth(let mode): mode.rawValue
        case .version(let version): version.rawValue
        case .text(let text): text
        case .paths, .list, .pins: nil
        }
    }

    /// How `show` prints the value. (Every candidate carries one, so single values skip the
    /// array `items` builds.)
    var display: String { single ?? items.joined(separator: ", ") }

    var paths: [ResolvedPath] {
        switch self {
        case .paths(let paths): paths
        case .path(let path): [path]
        default: []
        }
    }
}
