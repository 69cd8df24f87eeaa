/// Finds and reads configuration files: explicit, project, user, system.
///
/// Every scope that has a file contributes; scopes rank explicit > project > user > system.
/// A missing explicit file is an error, a missing discovered one is not; two files in one
/// scope (say `tlsconfig.toml` and `tlsconfig.yaml`) are an error naming both.
public struct ConfigFileDiscovery: ConfigDocumentSource {
    /// Names looked for in the working directory and its parents; `nil` gives
    /// `APP.toml`, `.APP.toml`, `APP.yaml`, `.APP.yaml`, `APP.yml`, `.APP.yml`.
    public var projectFileNames: [String]?
    /// The TLS table inside the file, such as `["tool", "mytool", "tls"]` in `pyproject.toml`;
    /// empty when the whole file is TLS settings.
    public var tablePath: [String]
    /// Parent of the system scope's `APP/` folder.
    public var systemDirectory: String
    /// Largest configuration file read.
    public var maximumSize: Int

    /// Discovery as `tlsconfig` does it unless told otherwise.
    public init(
        projectFileNames: [String]? = nil, tablePath: [String] = [], systemDirectory: String = "/etc",
        maximumSize: Int = 4 << 20
    ) {
        self.projectFileNames = projectFileNames
        self.tablePath = tablePath
        self.systemDirectory = systemDirectory
        self.maximumSize = maximumSize
    }

    static let userFileNames = ["config.toml", "config.yaml", "config.yml"]

    /// Finds and reads the files for this resolution.
    public func load(_ context: ResolutionContext) -> ConfigDocumentLoad {
        let configuration = context.configuration
        let app = configuration.appName
        var load = ConfigDocumentLoad()
        let configVariable = configuration.environmentPrefix + "_CONFIG"
        let safeVariable = configuration.environmentPrefix + "_SAFE_DIRECTORIES"
        let trustedVariable = configuration.environmentPrefix + "_TRUSTED_CONFIG_PATHS"

        // Explicit: --config / API first, then PREFIX_CONFIG.
        if let path = configuration.configFile {
            context.environment.ignore(
                configVariable, purpose: "explicit configuration file",
                reason: "--config was given and takes precedence")
            loadExplicit(
                path, reason: "--config", configuration: configuration,
                ownership: OwnershipRule(
                    safeDirectories: SafeDirectories(), userConfigFile: nil, safeDirectoriesVariable: safeVariable),
                into: &load)
        } else if let path = context.environment.value(configVariable, purpose: "explicit configuration file") {
            loadExplicit(
                path, reason: configVariable, configuration: configuration,
                ownership: OwnershipRule(
                    safeDirectories: SafeDirectories(), userConfigFile: nil, safeDirectoriesVariable: safeVariable),
                into: &load)
        }

        // User: $XDG_CONFIG_HOME/APP or ~/.config/APP. The XDG Base Directory specification
        // says a relative XDG_CONFIG_HOME is invalid and must be ignored; a relative HOME is as bad.
        var xdg = context.environment.value("XDG_CONFIG_HOME", purpose: "user configuration directory")
        var home = context.environment.value("HOME", purpose: "home directory (for ~ and ~/.config)")
        if let relative = xdg, !relative.hasPrefix("/") {
            context.environment.ignore(
                "XDG_CONFIG_HOME", purpose: "user configuration directory",
                reason: "relative, so ignored as the XDG Base Directory specification requires")
            xdg = nil
        }
        if let relative = home, !relative.hasPrefix("/") {
            context.environment.ignore(
                "HOME", purpose: "home directory (for ~ and ~/.config)",
                reason: "relative, so ignored: no ~ expansion, no user configuration")
            home = nil
        }
        let userDirectory = (xdg.map { PathName.normalize($0) } ?? home.map { PathName.normalize($0 + "/.config") }).map
        { $0 + "/" + app }

        // Who may have written a file nobody named: safe directories come from the variable,
        // then from the user's and the system's own files, never from a project file.
        var safe = SafeDirectories()
        if let listed = context.environment.value(
            safeVariable, purpose: "directories whose configuration files are read whatever their owner")
        {
            for entry in listed.split(separator: ":") { safe.add(String(entry), home: home) }
        }
        var ownership = OwnershipRule(
            safeDirectories: safe, userConfigFile: userDirectory.map { $0 + "/config.toml" },
            safeDirectoriesVariable: safeVariable)

        // User and system before the project: their safe-directories decide which project files are read.
        var userLoad = ConfigDocumentLoad()
        if let userDirectory {
            discover(in: userDirectory, scope: .user, ownership: ownership, home: home, into: &userLoad, safe: &safe)
        }
        var systemLoad = ConfigDocumentLoad()
        discover(
            in: PathName.normalize(systemDirectory + "/" + app), scope: .system, ownership: ownership, home: home,
            into: &systemLoad, safe: &safe)
        ownership.safeDirectories = safe

        // Project: nearest directory, walking up, that holds one of the names.
        var trust = ProjectTrustPolicy(
            trustsAll: configuration.trustsProjectFiles, trustedPaths: [], variable: trustedVariable, records: nil)
        if let listed = context.environment.value(
            trustedVariable, purpose: "project files trusted to weaken TLS settings")
        {
            trust.trustedPaths = listed.split(separator: ":").compactMap { entry in
                PathName.expandingHome(String(entry), home: home).flatMap {
                    $0.hasPrefix("/") ? PathName.normalize($0) : nil
                }
            }
        }
        let records = ProjectTrustRecords.location(appName: app, xdgConfigHome: xdg, home: home)
        let names =
            projectFileNames ?? [
                "\(app).toml", ".\(app).toml", "\(app).yaml", ".\(app).yaml", "\(app).yml", ".\(app).yml",
            ]
        let start = PathName.normalize(configuration.workingDirectory)
        var directory = start
        if !configuration.workingDirectory.hasPrefix("/") {
            load.diagnostics.append(
                Diagnostic(
                    .warning, .projectDiscoverySkipped,
                    "project configuration files were not looked for: the working directory is unknown (\(ResolverConfiguration.currentDirectoryProblem()))",
                    notes: ["a project file such as \(names.first ?? app + ".toml") in a parent directory is not read"],
                    help: "run from an existing directory, or name the file with --config or \(configVariable)"
                ))
        }
        while configuration.workingDirectory.hasPrefix("/") {
            let paths = names.map { PathName.normalize(directory + "/" + $0) }
            // The file named with --config is read once, as the user's choice, not again as found.
            let found = paths.filter { path in
                Self.exists(path) && !load.candidates.contains { $0.scope == .explicit && $0.path == path }
            }
            if !found.isEmpty {
                // The records are read only where a project file needs them.
                if trust.records == nil, !trust.trustsAll, let records {
                    switch ProjectTrustRecords.load(from: records, ownership: ownership) {
                    case .success(let loaded): trust.records = loaded
                    case .failure(let problem): load.diagnostics.append(problem)
                    }
                }
                var projectLoad = ConfigDocumentLoad()
                projectLoad.candidates = found.map {
                    ConfigDocumentLoad.FileCandidate(
                        path: $0, scope: .project, exists: true, reason: "nearest project file")
                }
                let facts = FileInspector.directoryFacts(of: directory)
                loadScope(
                    found, scope: .project, ownership: ownership, directory: facts.map { (directory, $0) },
                    trust: trust, home: home, into: &projectLoad, safe: &safe)
                load.append(projectLoad)
                break
            }
            if directory == start {
                load.candidates += paths.map {
                    ConfigDocumentLoad.FileCandidate(
                        path: $0, scope: .project, exists: false,
                        reason: "project file (and the same names in every parent)")
                }
            }
            if directory == "/" { break }
            directory = PathName.directory(of: directory)
        }
        load.append(userLoad)
        load.append(systemLoad)
        return load
    }

    private func discover(
        in directory: String, scope: FileScope, ownership: OwnershipRule, home: String?,
        into load: inout ConfigDocumentLoad, safe: inout SafeDirectories
    ) {
        var found: [String] = []
        // Most machines have no /etc/APP: one probe of the directory spares one per name.
        let directoryExists = Self.exists(directory)
        for name in Self.userFileNames {
            let path = directory + "/" + name
            let exists = directoryExists && Self.exists(path)
            load.candidates.append(
                ConfigDocumentLoad.FileCandidate(
                    path: path, scope: scope, exists: exists, reason: "\(scope) configuration"))
            if exists { found.append(path) }
        }
        loadScope(
            found, scope: scope, ownership: ownership, directory: nil, trust: nil, home: home, into: &load, safe: &safe)
    }

    private func loadScope(
        _ paths: [String], scope: FileScope, ownership: OwnershipRule, directory: (String, FileInspector.Facts)?,
        trust: ProjectTrustPolicy?, home: String?,
        into load: inout ConfigDocumentLoad, safe: inout SafeDirectories
    ) {
        guard let first = paths.first else { return }
        if paths.count > 1 {
            load.diagnostics.append(
                Diagnostic(
                    .error, .conflictingConfigFiles,
                    "\(paths.count) \(scope) configuration files: \(paths.map { "\"\($0)\"" }.joined(separator: " and "))",
                    notes: ["only one file per scope is read, and which one would be a guess"],
                    help: "merge them into one file and delete the other"
                ))
            return
        }
        let before = load.documents.count
        read(first, scope: scope, origin: nil, ownership: ownership, directory: directory, into: &load)
        guard load.documents.count > before else { return }
        var document = load.documents.removeLast()
        takeSafeDirectories(from: &document, home: home, into: &safe, &load)
        if let trust, let digest = document.contentDigest {
            document.trust = trust.status(of: document.path, digest: digest)
            if let index = load.candidates.firstIndex(where: { $0.path == document.path }) {
                load.candidates[index].trust = document.trust
            }
        }
        load.documents.append(document)
    }

    /// `safe-directories` is honoured in the user's and the system's own files and refused
    /// elsewhere: a project file must not vouch for files like itself.
    private func takeSafeDirectories(
        from document: inout ConfigDocument, home: String?, into safe: inout SafeDirectories,
        _ load: inout ConfigDocumentLoad
    ) {
        guard let index = document.root.entries.firstIndex(where: { $0.key == SafeDirectories.key }) else { return }
        let entry = document.root.entries.remove(at: index)
        let location = Origin.FileLocation(path: document.path, span: entry.keySpan, scope: document.scope)
        guard document.scope == .user || document.scope == .system else {
            load.diagnostics.append(
                Diagnostic(
                    .error, .safeDirectoriesMisplaced,
                    "\(SafeDirectories.key) in a \(document.scope) file is not honoured",
                    origin: .file(location),
                    notes: [
                        "only your own configuration (~/.config/APP/config.toml) and the system's (/etc/APP/config.toml) may say which directories are safe"
                    ],
                    help: "move it to your user configuration file, or remove it"
                ))
            return
        }
        let items: [ConfigNode] =
            switch entry.value.value {
            case .array(let elements): elements
            default: [entry.value]
            }
        for item in items {
            guard case .string(let text) = item.value, text == "*" || text.hasPrefix("/") || text.hasPrefix("~/") else {
                load.diagnostics.append(
                    Diagnostic(
                        .error, .wrongType,
                        "\(SafeDirectories.key) must list absolute directories (or \"*\"), found \(item.typeName == "a string" ? "a relative path" : item.typeName)",
                        origin: .file(Origin.FileLocation(path: document.path, span: item.span, scope: document.scope)),
                        help: "write absolute paths, such as safe-directories = [\"/srv/shared\"]"
                    ))
                continue
            }
            safe.add(text, home: home)
        }
    }

    private func loadExplicit(
        _ written: String, reason: String, configuration: ResolverConfiguration, ownership: OwnershipRule,
        into load: inout ConfigDocumentLoad
    ) {
        let path = PathName.expandingHome(written, home: configuration.home) ?? written
        let absolute = PathName.absolute(path, relativeTo: configuration.workingDirectory)
        let exists = Self.exists(absolute)
        load.candidates.append(
            ConfigDocumentLoad.FileCandidate(path: absolute, scope: .explicit, exists: exists, reason: reason))
        let origin: Origin? = reason == "--config" ? nil : .environment(variable: reason)
        read(
            absolute, scope: .explicit, origin: origin, ownership: ownership, directory: nil, into: &load,
            explicitName: written)
        var safe = SafeDirectories()
        if var document = load.documents.popLast() {
            takeSafeDirectories(from: &document, home: configuration.home, into: &safe, &load)
            load.documents.append(document)
        }
    }

    private func read(
        _ path: String, scope: FileScope, origin: Origin?, ownership: OwnershipRule,
        directory: (String, FileInspector.Facts)?,
        into load: inout ConfigDocumentLoad, explicitName: String? = nil
    ) {
        let shown = "\"\(explicitName ?? path)\""
        // One `stat` for the cache key: what else is wrong with the file (a directory, unreadable,
        // too large) the read below finds and reports, and a chmod changes the identity.
        let facts = FileInspector.facts(of: path)
        let key = facts.map { DocumentCache.Key(path: path, scope: scope, tablePath: tablePath, identity: $0.identity) }
        if let key, let facts, let cached = DocumentCache.document(for: key) {
            if let finding = ownership.judge(path, facts: facts, scope: scope, directory: directory) {
                load.diagnostics.append(finding)
                if finding.severity == .error { return }
            }
            load.documents.append(cached)
            return
        }
        let contents: FileInspector.Contents
        switch FileInspector.read(path, maximumSize: maximumSize) {
        case .success(let read): contents = read
        case .failure(let problem):
            let (code, message, help): (Diagnostic.Code, String, String) =
                switch problem {
                case .notFound:
                    (
                        .configFileNotFound, "configuration file \(shown) not found",
                        "fix the path, or drop the option that names it"
                    )
                case .notARegularFile(let kind):
                    (
                        .configFileUnreadable, "configuration file \(shown) is \(kind)",
                        "name a regular TOML or YAML file"
                    )
                case .unreadable(let reason, let errorNumber):
                    (
                        .configFileUnreadable, "configuration file \(shown) cannot be read: \(reason)",
                        FileInspector.Problem.help(forUnreadable: errorNumber, path: path)
                    )
                case .tooLarge(let size, let limit):
                    (
                        .configFileTooLarge,
                        "configuration file \(shown) is \(size) bytes, above the \(limit)-byte limit",
                        "a TLS configuration is a few lines; check the path"
                    )
                case .notADirectory:
                    (.configFileUnreadable, "configuration file \(shown) cannot be read", "check the path")
                case .empty:
                    // An empty file holds no settings; that is not an error.
                    (.configFileUnreadable, "", "")
                }
            if problem != .empty {
                load.diagnostics.append(
                    Diagnostic(
                        .error, code, message, origin: origin,
                        notes: explicitName.map { $0 == path ? [] : ["resolved to \(path)"] } ?? [], help: help))
            }
            return
        }
        // Judged on the descriptor's own facts: the bytes read are the bytes whose owner was checked.
        if let finding = ownership.judge(path, facts: contents.facts, scope: scope, directory: directory) {
            load.diagnostics.append(finding)
            if finding.severity == .error { return }
        }
        let bytes = contents.bytes
        let format: ConfigDocument.Format = path.hasSuffix(".yaml") || path.hasSuffix(".yml") ? .yaml : .toml
        do {
            let root = format == .yaml ? try YAMLParser.parse(bytes) : try TOMLParser.parse(bytes)
            // The parser accepted the bytes, so they are UTF-8.
            let text = String(decoding: bytes, as: UTF8.self)
            guard let table = selectTable(root, path: path, scope: scope, text: text, into: &load) else { return }
            var document = ConfigDocument(
                path: path, scope: scope, format: format, root: table, tablePath: tablePath, source: text,
                identity: contents.facts.identity
            )
            if scope == .project { document.contentDigest = SHA256.hex(bytes) }
            load.documents.append(document)
            DocumentCache.store(
                document,
                for: DocumentCache.Key(
                    path: path, scope: scope, tablePath: tablePath, identity: contents.facts.identity))
        } catch {
            let location = Origin.FileLocation(
                path: path,
                span: SourceSpan(
                    start: error.position,
                    end: SourcePosition(line: error.position.line, column: error.position.column + 1)), scope: scope)
            if error.isEncodingError {
                load.diagnostics.append(
                    Diagnostic(
                        .error, .configFileInvalidUTF8,
                        "configuration file \(shown) is not valid UTF-8"
                            + (error.byteOffset.map {
                                " (byte offset \($0), line \(error.position.line), column \(error.position.column))"
                            } ?? ""),
                        origin: .file(location),
                        help: "save the file as UTF-8, or check that \(shown) is the configuration file you meant"
                    ))
                return
            }
            // A file that does not parse may not be configuration at all (a passphrase file, a
            // .env file, /proc/self/environ named by mistake): neither its lines nor anything
            // the parser quoted from it are shown, only the position and what was expected.
            var related: [Diagnostic.Related] = []
            if let other = error.related {
                related.append(
                    .init(
                        ConfigSyntaxError.redacting(error.relatedMessage ?? "related"),
                        origin: .file(
                            Origin.FileLocation(
                                path: path,
                                span: SourceSpan(
                                    start: other, end: SourcePosition(line: other.line, column: other.column + 1)),
                                scope: scope))))
            }
            load.diagnostics.append(
                Diagnostic(
                    .error, .configSyntax,
                    "\(format == .toml ? "TOML" : "YAML") syntax error: \(ConfigSyntaxError.redacting(error.message))",
                    origin: .file(location),
                    related: related,
                    notes: ["the file's text is not shown: a file that is not configuration may hold secrets"],
                    help:
                        "fix the file at the position shown, or check that \(shown) is the configuration file you meant",
                    hidesSourceLine: true
                ))
        }
    }

    /// The TLS table at `tablePath`; a missing table means the file has no TLS settings.
    private func selectTable(
        _ root: ConfigNode.Table, path: String, scope: FileScope, text: String, into load: inout ConfigDocumentLoad
    ) -> ConfigNode.Table? {
        var table = root
        for (index, key) in tablePath.enumerated() {
            guard let entry = table.entry(key) else { return nil }
            guard case .table(let inner) = entry.value.value else {
                load.sources[path] = text
                load.diagnostics.append(
                    Diagnostic(
                        .error, .wrongType,
                        "\(tablePath[...index].joined(separator: ".")) must be a table of TLS settings, found \(entry.value.typeName)",
                        origin: .file(Origin.FileLocation(path: path, span: entry.value.span, scope: scope)),
                        help: "write it as a table, such as [\(tablePath.joined(separator: "."))]"
                    ))
                return nil
            }
            table = inner
        }
        return table
    }

    /// Whether anything is at `path` (a file, or a directory to look in): what is wrong with a
    /// file (a directory, unreadable) is reported when it is read.
    static func exists(_ path: String) -> Bool {
        FileInspector.exists(path)
    }
}
