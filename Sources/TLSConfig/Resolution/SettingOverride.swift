/// A value a host tool sets in code, typically from its own command-line flag.
/// It outranks every other layer and is shown with its label and call site.
public struct SettingOverride: Sendable, Hashable {
    /// The setting.
    public var key: SettingKey
    /// The value as written (one item, or the list).
    public var values: [String]
    /// Whether `values` is a list.
    public var isList: Bool
    /// What the user would recognise, such as `--cacert`.
    public var label: String
    /// Where in the tool's code it was made, for `show`.
    public var fileID: String
    /// The line of that call.
    public var line: Int

    /// One value, such as a `--cacert` argument.
    public init(_ key: SettingKey, _ value: String, label: String, fileID: String = #fileID, line: Int = #line) {
        self.key = key
        self.values = [value]
        self.isList = false
        self.label = label
        self.fileID = fileID
        self.line = line
    }

    /// A list value, such as repeated `--alpn` flags.
    public init(_ key: SettingKey, list: [String], label: String, fileID: String = #fileID, line: Int = #line) {
        self.key = key
        self.values = list
        self.isList = true
        self.label = label
        self.fileID = fileID
        self.line = line
    }

    var origin: Origin { .override(label: label, fileID: fileID, line: line) }
}
