/// Where a value came from. Printed by `tlsconfig show` and attached to every diagnostic.
public enum Origin: Sendable, Hashable, CustomStringConvertible {
    /// A built-in default.
    case defaultValue
    /// An environment variable, by its exact name.
    case environment(variable: String)
    /// A configuration file: path as found, position of the value, and the host section (if any).
    case file(Origin.FileLocation)
    /// A value passed in code by the host tool.
    case override(label: String, fileID: String, line: Int)
    /// A value read through a keyed provider, such as one of swift-configuration's.
    case provider(Origin.ProviderLocation)

    /// The origin as `show` and diagnostics cite it.
    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .environment(let variable): "environment variable \(variable)"
        case .file(let location): location.description
        case .override(let label, let fileID, let line): "override \(label) (\(fileID):\(line))"
        case .provider(let location): location.description
        }
    }

    /// The file position, when the value came from a file.
    public var fileLocation: Origin.FileLocation? {
        if case .file(let location) = self { location } else { nil }
    }
}

extension Origin {
    /// A value's place in a configuration file.
    public struct FileLocation: Sendable, Hashable, CustomStringConvertible {
        /// The path as found (explicit paths as given, discovered ones absolute).
        public var path: String
        /// Where the value was written.
        public var span: SourceSpan
        /// The host section pattern, `nil` for top-level keys.
        public var section: String?
        /// Which scope the file was found in.
        public var scope: FileScope

        /// A file location.
        public init(path: String, span: SourceSpan, section: String? = nil, scope: FileScope) {
            self.path = path
            self.span = span
            self.section = section
            self.scope = scope
        }

        /// The 1-based line of the value.
        public var line: Int { span.start.line }
        /// The 1-based column of the value.
        public var column: Int { span.start.column }

        /// `PATH:LINE:COLUMN`, with the host section when there is one.
        public var description: String {
            let place = "\(path):\(line):\(column)"
            return section.map { "\(place) [hosts.\"\($0)\"]" } ?? place
        }
    }
}

package typealias FileLocation = Origin.FileLocation

extension Origin {
    /// Where a provider keeps a value: the provider, the key as it spells it (`TLS_CA_FILE` for
    /// environment variables, `tls.ca-file` for files, `--tls-ca-file` for arguments), the host
    /// section, and the file position when the provider knows one.
    public struct ProviderLocation: Sendable, Hashable, CustomStringConvertible {
        /// The provider's name, such as `EnvironmentVariablesProvider`.
        public var provider: String
        /// The key as the provider spells it.
        public var key: String
        /// The host section pattern, `nil` for top-level keys.
        public var section: String?
        /// The file the provider read, when it says.
        public var file: String?
        /// The 1-based line and column of the value in `file`, when the provider knows them.
        public var line: Int?
        /// See `line`.
        public var column: Int?

        /// A provider location.
        public init(
            provider: String, key: String, section: String? = nil, file: String? = nil, line: Int? = nil,
            column: Int? = nil
        ) {
            self.provider = provider
            self.key = key
            self.section = section
            self.file = file
            self.line = line
            self.column = column
        }

        /// `EnvironmentVariablesProvider key TLS_CA_FILE`, with `(FILE:LINE:COLUMN)` when known.
        public var description: String {
            var text = "\(provider) key \(key)"
            if let file {
                text += " (\(file)" + (line.map { ":\($0)" } ?? "") + (column.map { ":\($0)" } ?? "") + ")"
            } else if let line {
                text += " (line \(line)" + (column.map { ", column \($0)" } ?? "") + ")"
            }
            return text
        }
    }
}

package typealias ProviderLocation = Origin.ProviderLocation
