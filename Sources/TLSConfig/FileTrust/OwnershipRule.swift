import Glibc

/// Who may have written a configuration file that nobody named. Discovery walks up through any
/// directory, so a file in a shared temporary directory or a group folder would otherwise decide
/// trust for whoever works below it. The rule is git's since CVE-2022-24765: a discovered file,
/// and the directory holding a project file, must belong to you or to root, and nobody else may
/// write to them. The opt-in is `safe-directories` in your own or the system's configuration,
/// or `PREFIX_SAFE_DIRECTORIES` (``SafeDirectories``), never a project file.
///
/// Group-writable files are refused too, except where the group is your own private group (its
/// name is your user name and it is your primary group, the user-private-group scheme where
/// `umask 002` is normal): there nobody else is in it. Explicit files (`--config`,
/// `PREFIX_CONFIG`) are your own choice; for them a file anyone can write is only a warning.
package struct OwnershipRule: Sendable {
    /// The user the rule protects: the effective user.
    package var user: UInt32
    /// The primary group, for the user-private-group exception.
    package var primaryGroup: UInt32
    /// Directories whose files are read whatever their owner.
    package var safeDirectories: SafeDirectories
    /// Where the opt-in goes, for the help line: the user's configuration file and the variable.
    package var userConfigFile: String?
    package var safeDirectoriesVariable: String

    package init(safeDirectories: SafeDirectories, userConfigFile: String?, safeDirectoriesVariable: String) {
        self.user = UInt32(geteuid())
        self.primaryGroup = UInt32(getegid())
        self.safeDirectories = safeDirectories
        self.userConfigFile = userConfigFile
        self.safeDirectoriesVariable = safeDirectoriesVariable
    }

    /// The finding for a configuration file about to be read, `nil` when it may be read.
    /// An error means the file is not read; `directory` is the project file's own directory.
    package func judge(
        _ path: String, facts: FileInspector.Facts, scope: FileScope,
        directory: (path: String, facts: FileInspector.Facts)?, what: String = "configuration file"
    ) -> Diagnostic? {
        let shown = "\"\(path)\""
        if scope == .explicit {
            guard facts.mode & 0o002 != 0 else { return nil }
            return Diagnostic(
                .warning, .configFileWorldWritable,
                "\(what) \(shown) is writable by everyone (mode \(octal(facts.mode)))",
                notes: ["anyone on this machine could change which CAs you trust"],
                help: "chmod o-w \(path)"
            )
        }
        if safeDirectories.covers(path) { return nil }
        if let problem = problem(facts, isDirectory: false) {
            return refusal("\(what) \(shown) \(problem.what)", path: path, scope: scope, fix: problem.fix(path))
        }
        if let directory, let problem = problem(directory.facts, isDirectory: true) {
            return refusal(
                "the directory \"\(directory.path)\" that holds \(what) \(shown) \(problem.what)", path: path,
                scope: scope, fix: problem.fix(directory.path))
        }
        return nil
    }

    private struct Problem {
        var what: String
        var chmod: String?

        func fix(_ path: String) -> String? {
            chmod.map { "chmod \($0) \(path)" }
        }
    }

    private func problem(_ facts: FileInspector.Facts, isDirectory: Bool) -> Problem? {
        if facts.owner != user, facts.owner != 0 {
            return Problem(
                what: "belongs to \(Self.accountName(facts.owner)), not to "
                    + (user == 0 ? "you (root)" : "you (\(Self.accountName(user))) or root"), chmod: nil)
        }
        // A sticky directory (/tmp) lets nobody replace what others put in it.
        let sticky = isDirectory && facts.mode & 0o1000 != 0
        if facts.mode & 0o002 != 0, !sticky {
            return Problem(what: "is writable by everyone (mode \(octal(facts.mode)))", chmod: "o-w")
        }
        if facts.mode & 0o020 != 0, !sticky, !isPrivateGroup(facts.group) {
            return Problem(
                what:
                    "is writable by the group \(Self.groupName(facts.group).map { "\($0) (gid \(facts.group))" } ?? "gid \(facts.group)") (mode \(octal(facts.mode)))",
                chmod: "g-w")
        }
        return nil
    }

    private func refusal(_ message: String, path: String, scope: FileScope, fix: String?) -> Diagnostic {
        let directory = PathName.directory(of: path)
        var ways: [String] = []
        if let fix { ways.append(fix) }
        let file = userConfigFile ?? "your user configuration file"
        ways.append(
            "if you trust whoever can change it, add safe-directories = [\"\(directory)\"] to \(file) (or set \(safeDirectoriesVariable)=\(directory))"
        )
        return Diagnostic(
            .error, fix == nil ? .configFileNotOwned : .configFileWorldWritable, message + "; it is not read",
            notes: [
                "a \(scope) file is found, not chosen: whoever can change it could change which CAs you trust (git refuses such files since CVE-2022-24765)"
            ],
            help: ways.joined(separator: "; ")
        )
    }

    /// The user-private-group scheme: the group is the user's primary group and bears its name.
    private func isPrivateGroup(_ group: UInt32) -> Bool {
        guard group == primaryGroup, let name = Self.groupName(group) else { return false }
        return name == Self.userName(user)
    }

    private func octal(_ mode: UInt32) -> String {
        String(mode, radix: 8)
    }

    /// `name (uid N)`, or `uid N` when the account has no name.
    static func accountName(_ uid: UInt32) -> String {
        userName(uid).map { "\($0) (uid \(uid))" } ?? "uid \(uid)"
    }

    static func userName(_ uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let name = entry.pw_name
        else { return nil }
        return String(cString: name)
    }

    static func groupName(_ gid: UInt32) -> String? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrgid_r(gid_t(gid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let name = entry.gr_name
        else { return nil }
        return String(cString: name)
    }
}
