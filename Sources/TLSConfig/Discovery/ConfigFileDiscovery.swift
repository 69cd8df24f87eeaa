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
    public init(projectFileNames: [String]? = nil, tablePath: [String] = [], systemDirectory: String = "/etc", maximumSize: Int = 4 << 20) {
        self.projectFileNames = projectFileNames
        self.tablePath = tablePath
        self.systemDirectory = systemDirectory
        self.maximumSize = maximumSize
    }

    static let userFileNames = ["config.toml", "config.yaml", "config.yml"]

    /// `$HOME` of the resolution in progress, for `~` in paths (part of the cache key).
    private var home: String?

    /// Finds and reads the files for this resolution.
    public func load(_ context: ResolutionContext) -> ConfigDocumentLoad {
        var discovery = self
        discovery.home = context.configuration.home
        return discovery.loadFiles(context)
    }

    private func loadFiles(_ context: ResolutionContext) -> ConfigDocumentLoad {
        let configuration = context.configuration
        let app = configuration.appName
        var load = ConfigDocumentLoad()
        let configVariable = configuration.environmentPrefix + "_CONFIG"

        // Explicit: --config / API first, then PREFIX_CONFIG.
        if let path = configuration.configFile {
            context.environment.ignore(configVariable, purpose: "explicit configuration file", reason: "--config was given and takes precedence")
            loadExplicit(path, reason: "--config", configuration: configuration, into: &load)
        } else if let path = context.environment.value(configVariable, purpose: "explicit configuration file") {
            loadExplicit(path, reason: configVariable, configuration: configuration, into: &load)
        }

        // Project: nearest directory, walking up, that holds one of the names.
        let names = projectFileNames ?? ["\(app).toml", ".\(app).toml", "\(app).yaml", ".\(app).yaml", "\(app).yml", ".\(app).yml"]
        let start = PathName.normalize(configuration.workingDirectory)
        var directory = start
        if !configuration.workingDirectory.hasPrefix("/") {
            load.diagnostics.append(Diagnostic(
                .warning, .projectDiscoverySkipped,
                "project configuration files were not looked for: the working directory is unknown (\(ResolverConfiguration.currentDirectoryProblem()))",
                notes: ["a project file such as \(names.first ?? app + ".toml") in a parent directory is not read"],
                help: "run from an existing directory, or name the file with --config or \(configVariable)"
            ))
        }
        while configuration.workingDirectory.hasPrefix("/") {
            let paths = names.map { PathName.normalize(directory + "/" + $0) }
            let found = paths.filter(Self.exists)
            if !found.isEmpty {
                load.candidates += found.map { ConfigFileCandidate(path: $0, scope: .project, exists: true, reason: "nearest project file") }
                loadScope(found, scope: .project, into: &load)
                break
            }
            if directory == start {
                load.candidates += paths.map { ConfigFileCandidate(path: $0, scope: .project, exists: false, reason: "project file (and the same names in every parent)") }
            }
            if directory == "/" { break }
            directory = PathName.directory(of: directory)
        }

        // User: $XDG_CONFIG_HOME/APP or ~/.config/APP. The XDG Base Directory specification
        // says a relative XDG_CONFIG_HOME is invalid and must be ignored; a relative HOME is as bad.
        var xdg = context.environment.value("XDG_CONFIG_HOME", purpose: "user configuration directory")
        var home = context.environment.value("HOME", purpose: "home directory (for ~ and ~/.config)")
        if let relative = xdg, !relative.hasPrefix("/") {
            context.environment.ignore("XDG_CONFIG_HOME", purpose: "user configuration directory", reason: "relative, so ignored as the XDG Base Directory specification requires")
            xdg = nil
        }
        if let relative = home, !relative.hasPrefix("/") {
            context.environment.ignore("HOME", purpose: "home directory (for ~ and ~/.config)", reason: "relative, so ignored: no ~ expansion, no user configuration")
            home = nil
        }
        if let base = xdg.map({ PathName.normalize($0) }) ?? home.map({ PathName.normalize($0 + "/.config") }) {
            discover(in: base + "/" + app, scope: .user, into: &load)
        }

        // System: /etc/APP.
        discover(in: PathName.normalize(systemDirectory + "/" + app), scope: .system, into: &load)
        return load
    }

    private func discover(in directory: String, scope: FileScope, into load: inout ConfigDocumentLoad) {
        var found: [String] = []
        // Most machines have no /etc/APP: one probe of the directory spares one per name.
        let directoryExists = Self.exists(directory)
        for name in Self.userFileNames {
            let path = directory + "/" + name
            let exists = directoryExists && Self.exists(path)
            load.candidates.append(ConfigFileCandidate(path: path, scope: scope, exists: exists, reason: "\(scope) configuration"))
            if exists { found.append(path) }
        }
        loadScope(found, scope: scope, into: &load)
    }

    private func loadScope(_ paths: [String], scope: FileScope, into load: inout ConfigDocumentLoad) {
        guard let first = paths.first else { return }
        if paths.count > 1 {
            load.diagnostics.append(Diagnostic(
                .error, .conflictingConfigFiles,
                "\(paths.count) \(scope) configuration files: \(paths.map { "\"\($0)\"" }.joined(separator: " and "))",
                notes: ["only one file per scope is read, and which one would be a guess"],
                help: "merge them into one file and delete the other"
            ))
            return
        }
        read(first, scope: scope, origin: nil, into: &load)
    }

    private func loadExplicit(_ written: String, reason: String, configuration: ResolverConfiguration, into load: inout ConfigDocumentLoad) {
        var path = written
        if path == "~" || path.hasPrefix("~/"), let home = configuration.home { path = home + path.dropFirst() }
        let absolute = PathName.absolute(path, relativeTo: configuration.workingDirectory)
        let exists = Self.exists(absolute)
        load.candidates.append(ConfigFileCandidate(path: absolute, scope: .explicit, exists: exists, reason: reason))
        let origin: Origin? = reason == "--config" ? nil : .environment(variable: reason)
        read(absolute, scope: .explicit, origin: origin, into: &load, explicitName: written)
    }

    private func read(_ path: String, scope: FileScope, origin: Origin?, into load: inout ConfigDocumentLoad, explicitName: String? = nil) {
        let shown = "\"\(explicitName ?? path)\""
        // One `stat` for the cache key: what else is wrong with the file (a directory, unreadable,
        // too large) the read below finds and reports, and a chmod changes the identity.
        let facts = FileInspector.facts(of: path)
        let key = facts.map { DocumentCache.Key(path: path, scope: scope, tablePath: tablePath, identity: $0.identity) }
        if let key, let facts, let cached = DocumentCache.shared[key] {
            warnIfWorldWritable(facts, shown: shown, path: path, into: &load)
            load.documents.append(cached)
            return
        }
        let contents: FileInspector.Contents
        switch FileInspector.read(path, maximumSize: maximumSize) {
        case .success(let read): contents = read
        case .failure(let problem):
            let (code, message, help): (DiagnosticCode, String, String) = switch problem {
            case .notFound: (.configFileNotFound, "configuration file \(shown) not found", "fix the path, or drop the option that names it")
            case .notARegularFile(let kind): (.configFileUnreadable, "configuration file \(shown) is \(kind)", "name a regular TOML or YAML file")
            case .unreadable(let reason): (.configFileUnreadable, "configuration file \(shown) cannot be read: \(reason)", "check its permissions")
            case .tooLarge(let size, let limit): (.configFileTooLarge, "configuration file \(shown) is \(size) bytes, above the \(limit)-byte limit", "a TLS configuration is a few lines; check the path")
            case .notADirectory: (.configFileUnreadable, "configuration file \(shown) cannot be read", "check the path")
            case .empty:
                // An empty file holds no settings; that is not an error.
                (.configFileUnreadable, "", "")
            }
            if problem != .empty {
                load.diagnostics.append(Diagnostic(.error, code, message, origin: origin,
                                                   notes: explicitName.map { $0 == path ? [] : ["resolved to \(path)"] } ?? [], help: help))
            }
            return
        }
        let bytes = contents.bytes
        warnIfWorldWritable(contents.facts, shown: shown, path: path, into: &load)
        let format: ConfigDocument.Format = path.hasSuffix(".yaml") || path.hasSuffix(".yml") ? .yaml : .toml
        do {
            let root = format == .yaml ? try YAMLParser.parse(bytes) : try TOMLParser.parse(bytes)
            // The parser accepted the bytes, so they are UTF-8.
            let text = String(decoding: bytes, as: UTF8.self)
            guard let table = selectTable(root, path: path, scope: scope, text: text, into: &load) else { return }
            let document = ConfigDocument(
                path: path, scope: scope, format: format, root: table, tablePath: tablePath, source: text, identity: contents.facts.identity
            )
            load.documents.append(document)
            DocumentCache.shared.store(document, for: DocumentCache.Key(path: path, scope: scope, tablePath: tablePath, identity: contents.facts.identity))
        } catch {
            let location = FileLocation(path: path, span: SourceSpan(start: error.position, end: SourcePosition(line: error.position.line, column: error.position.column + 1)), scope: scope)
            if error.isEncodingError {
                load.diagnostics.append(Diagnostic(
                    .error, .configFileInvalidUTF8, "configuration file \(shown) is not valid UTF-8"
                        + (error.byteOffset.map { " (byte offset \($0), line \(error.position.line), column \(error.position.column))" } ?? ": \(error.message)"),
                    origin: .file(location), help: "save the file as UTF-8"
                ))
                return
            }
            load.sources[path] = String(decoding: bytes, as: UTF8.self)
            var related: [Diagnostic.Related] = []
            if let other = error.related {
                related.append(.init(error.relatedMessage ?? "related", origin: .file(FileLocation(path: path, span: SourceSpan(start: other, end: SourcePosition(line: other.line, column: other.column + 1)), scope: scope))))
            }
            load.diagnostics.append(Diagnostic(
                .error, .configSyntax, "\(format == .toml ? "TOML" : "YAML") syntax error: \(error.message)",
                origin: .file(location),
                related: related,
                help: "fix the file at the position shown"
            ))
        }
    }

    private func warnIfWorldWritable(_ facts: FileInspector.Facts, shown: String, path: String, into load: inout ConfigDocumentLoad) {
        guard facts.mode & 0o002 != 0 else { return }
        load.diagnostics.append(Diagnostic(
            .warning, .configFileWorldWritable, "configuration file \(shown) is writable by everyone (mode \(String(facts.mode, radix: 8)))",
            notes: ["anyone on this machine could change which CAs you trust"],
            help: "chmod o-w \(path)"
        ))
    }

    /// The TLS table at `tablePath`; a missing table means the file has no TLS settings.
    private func selectTable(_ root: ConfigTable, path: String, scope: FileScope, text: String, into load: inout ConfigDocumentLoad) -> ConfigTable? {
        var table = root
        for (index, key) in tablePath.enumerated() {
            guard let entry = table.entry(key) else { return nil }
            guard case .table(let inner) = entry.value.value else {
                load.sources[path] = text
                load.diagnostics.append(Diagnostic(
                    .error, .wrongType, "\(tablePath[...index].joined(separator: ".")) must be a table of TLS settings, found \(entry.value.typeName)",
                    origin: .file(FileLocation(path: path, span: entry.value.span, scope: scope)),
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
