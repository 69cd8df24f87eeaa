/// A value one place offers for one setting, with everything needed to rank it.
struct Offer: Sendable {
    var key: SettingKey
    var value: SettingValue
    var origin: Origin
    var layer: Layer
    /// The unit atomic groups are taken from: one file section, one layer of variables, ...
    var place: String
    /// The host section; `nil` for values that apply to every host.
    var section: HostPattern?
    var scope: FileScope?
    /// Order inside a place when two offers there set the same key (lower wins).
    var order: Int = 0

    var candidate: Candidate {
        Candidate(key: key, display: value.display, origin: origin, layer: layer)
    }
}
