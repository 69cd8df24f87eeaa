/// Where a configuration file was found; earlier cases win.
public enum FileScope: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// `--config`, `PREFIX_CONFIG` or passed through the API.
    case explicit
    /// The nearest file walking up from the working directory.
    case project
    /// `$XDG_CONFIG_HOME/APP/` or `~/.config/APP/`.
    case user
    /// `/etc/APP/`.
    case system

    /// Higher scopes first: explicit beats project beats user beats system.
    public static func < (lhs: FileScope, rhs: FileScope) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The scope's name, as `show` prints it.
    public var description: String { rawValue }
}
