/// The resolved value of one key.
public struct ResolvedSetting: Sendable, Hashable {
    /// The setting.
    public package(set) var key: SettingKey
    /// The value as display strings (one per list element); empty when nothing set it
    /// and the default is "none".
    public package(set) var items: [String]
    /// Where the value came from (`default` when nothing set it).
    public package(set) var origin: Origin
    /// The layer the value came from (`defaults` when nothing set it).
    public package(set) var layer: Layer
    /// Extra explanation, such as "implied by ca-file".
    public package(set) var note: String?
    /// Every candidate that lost, with the reason.
    package var losers: [LosingCandidate]

    /// Whether nothing set it.
    public var isDefault: Bool { origin == .defaultValue }

    /// Display form; `nil` when not set.
    public var value: String? { items.isEmpty ? nil : items.joined(separator: ", ") }
}
