import Glibc

/// The project files you trusted (`tlsconfig trust`), by absolute path and SHA-256 of their
/// content, kept in your configuration directory: `$XDG_CONFIG_HOME/APP/trusted-files`,
/// default `~/.config/APP/trusted-files`. A file whose content changed no longer matches its
/// record, so it is untrusted again until trusted anew. One line per file:
/// `sha256:HEX PATH`.
package struct ProjectTrustRecords: Sendable {
    /// The records file.
    package let path: String
    /// Digest by absolute path.
    package private(set) var digests: [String: String]

    package static let fileName = "trusted-files"

    /// The records file of `appName`, or `nil` when neither `XDG_CONFIG_HOME` nor `HOME` is an
    /// absolute path (then nothing can be trusted by record).
    package static func location(appName: String, xdgConfigHome: String?, home: String?) -> String? {
        let base =
            xdgConfigHome.flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? home.flatMap { $0.hasPrefix("/") ? $0 + "/.config" : nil }
        return base.map { PathName.normalize($0 + "/" + appName + "/" + fileName) }
    }

    /// Empty records at `path`, for a first `trust`.
    package init(path: String) {
        self.path = path
        self.digests = [:]
    }

    /// The records at `path`; none when the file does not exist. A file that others could
    /// change, or that cannot be read, is an error: records anyone can write trust anything.
    package static func load(from path: String, ownership: OwnershipRule) -> Result<ProjectTrustRecords, Diagnostic> {
        var records = ProjectTrustRecords(path: path)
        let contents: FileInspector.Contents
        switch FileInspector.read(path, maximumSize: 4 << 20) {
        case .success(let read): contents = read
        case .failure(.notFound), .failure(.empty): return .success(records)
        case .failure(let problem):
            let reason =
                switch problem {
                case .notARegularFile(let kind): "it is \(kind)"
                case .unreadable(let why, _): why
                case .tooLarge(let size, let limit): "it is \(size) bytes, above the \(limit)-byte limit"
                default: "it cannot be read"
                }
            return .failure(
                Diagnostic(
                    .error, .trustRecordsUnusable, "the trusted-files record \"\(path)\" cannot be used: \(reason)",
                    notes: ["no project file is trusted by record until it can be read"],
                    help: "make it a regular file you can read, or delete it and trust the files again"
                ))
        }
        if let refusal = ownership.judge(
            path, facts: contents.facts, scope: .user, directory: nil, what: "trusted-files record")
        {
            return .failure(refusal)
        }
        var lineNumber = 0
        for line in contents.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("sha256:"), let space = text.firstIndex(of: " ") else {
                return .failure(
                    Diagnostic(
                        .error, .trustRecordsUnusable, "line \(lineNumber) of \"\(path)\" is not `sha256:HEX PATH`",
                        help: "fix or delete that line; `trust` rewrites the file whole"
                    ))
            }
            let digest = String(text[text.index(text.startIndex, offsetBy: 7)..<space])
            let file = String(text[text.index(after: space)...])
            guard digest.utf8.count == 64,
                digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
                file.hasPrefix("/")
            else {
                return .failure(
                    Diagnostic(
                        .error, .trustRecordsUnusable, "line \(lineNumber) of \"\(path)\" is not `sha256:HEX PATH`",
                        help: "fix or delete that line; `trust` rewrites the file whole"
                    ))
            }
            records.digests[file] = digest
        }
        return .success(records)
    }

    /// An absolute path as records keep it.
    package static func normalized(_ path: String) -> String {
        PathName.normalize(path)
    }

    /// The bytes a record is made from: the file must be a regular file (never a FIFO).
    package static func contents(of path: String) -> Result<[UInt8], Diagnostic> {
        switch FileInspector.read(path, maximumSize: 4 << 20) {
        case .success(let read): return .success(read.bytes)
        case .failure(.empty): return .success([])
        case .failure(let problem):
            return .failure(problem.diagnostic(what: "project file", path: path, setting: nil, origin: nil))
        }
    }

    /// What a record holds for `bytes`.
    package static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hex(bytes)
    }

    /// Records `file` as trusted with the digest of its current content.
    package mutating func trust(_ file: String, digest: String) {
        digests[file] = digest
    }

    /// Forgets `file`; `false` when it was not recorded.
    package mutating func untrust(_ file: String) -> Bool {
        digests.removeValue(forKey: file) != nil
    }

    /// Writes the records whole, readable by you alone, through a temporary file and a rename,
    /// so a reader never sees half a file. Creates the directory (mode 700) when missing.
    package func save() -> Diagnostic? {
        let directory = PathName.directory(of: path)
        if FileInspector.directoryFacts(of: directory) == nil {
            var parents: [String] = []
            var current = directory
            while current != "/", FileInspector.directoryFacts(of: current) == nil {
                parents.append(current)
                current = PathName.directory(of: current)
            }
            for parent in parents.reversed() where mkdir(parent, 0o700) != 0 && errno != EEXIST {
                return failure("cannot create \"\(parent)\": \(String(cString: strerror(errno)))")
            }
        }
        var text = "# Project files trusted to weaken TLS settings: SHA-256 of the content, then the path.\n"
        for file in digests.keys.sorted() {
            text += "sha256:\(digests[file]!) \(file)\n"
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            return failure("cannot write \"\(temporary)\": \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                return failure("cannot write \"\(temporary)\": \(reason)")
            }
            written += count
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return failure("cannot replace \"\(path)\": \(reason)")
        }
        return nil
    }

    private func failure(_ message: String) -> Diagnostic {
        Diagnostic(
            .error, .trustRecordsUnusable, message, help: "check the permissions of your configuration directory")
    }
}
