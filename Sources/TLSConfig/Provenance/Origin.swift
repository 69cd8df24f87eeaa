/// Where a value came from. Printed by `tlsconfig show` and attached to every diagnostic.
public enum Origin: Sendable, Hashable, CustomStringConvertible {
    /// A built-in default.
    case defaultValue
    /// An environment variable, by its exact name.
    case environment(variable: String)
    /// A configuration file: path as found, position of the value, and the host section (if any).
    case file(FileLocation)
    /// A value passed in code by the host tool.
    case override(label: String, fileID: String, line: Int)

    /// The origin as `show` and diagnostics cite it.
    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .environment(let variable): "environment variable \(variable)"
        case .file(let location): location.description
        case .override(let label, let fileID, let line): "override \(label) (\(fileID):\(line))"
        }
    }

    /// The file position, when the value came from a file.
    public var fileLocation: FileLocation? {
        if case .file(let location) = self { location } else { nil }
    }
}

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
