/// A value a host tool sets in code, typically from its own command-line flag.
/// It outranks every other layer and is shown with its label and call site.
public struct SettingOverride: Sendable, Hashable {
    public var key: SettingKey
    public var values: [String]
    public var isList: Bool
    /// What the user would recognise, such as `--cacert`.
    public var label: String
    public var fileID: String
    public var line: Int

    public init(_ key: SettingKey, _ value: String, label: String, fileID: String = #fileID, line: Int = #line) {
        self.key = key
        self.values = [value]
        self.isList = false
        self.label = label
        self.fileID = fileID
        self.line = line
    }

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
