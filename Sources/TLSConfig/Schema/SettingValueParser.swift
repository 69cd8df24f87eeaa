/// Turns the strings a file, a variable or an override gave into a typed value.
/// All three sources go through here, so they accept exactly the same spellings.
struct SettingValueParser {
    /// Directory that relative paths resolve against.
    var baseDirectory: String
    /// `$HOME`, for `~` expansion.
    var home: String?

    struct Problem: Error {
        var message: String
        var help: String?
        var code: Diagnostic.Code = .invalidValue
    }

    /// `items` holds one string for a single value, or the elements of a list.
    func parse(_ key: SettingKey, items: [String], isList: Bool) throws(Problem) -> SettingValue {
        switch key.valueKind {
        case .path, .choice, .text, .passphraseSource:
            if isList {
                throw Problem(
                    message: "\(key) takes a single value, not a list", help: "write one \(key.typeDescription)",
                    code: .wrongType)
            }
        case .pathList, .textList:
            break
        }
        if items.isEmpty {
            throw Problem(
                message: "\(key) is an empty list",
                help: "remove the key to use the default (\(key.defaultDescription))")
        }
        if let index = items.firstIndex(where: \.isEmpty) {
            let place = isList ? "element \(index + 1) of \(key)" : "\(key)"
            throw Problem(
                message: "\(place) is empty", help: "remove the key to use the default (\(key.defaultDescription))")
        }
        switch key {
        case .trust:
            return .trust(try choice(items[0], key, TrustSettings.Mode.self))
        case .verify:
            return .verify(try choice(items[0], key, PeerVerification.self))
        case .clientAuth:
            return .clientAuth(try choice(items[0], key, ClientAuthentication.self))
        case .minVersion, .maxVersion:
            return .version(try choice(items[0], key, TLSProtocolVersion.self))
        case .caFile, .caDir:
            // Each path once, first occurrence kept: a list naming one directory thousands of
            // times means that directory, read once and shown once.
            var seen = Set<String>()
            return .paths(try items.map(path).filter { seen.insert($0.absolute).inserted })
        case .clientCert, .clientKey, .crlFile, .cert, .key:
            return .path(try path(items[0]))
        case .clientKeyPassphrase, .keyPassphrase:
            guard var source = ClientIdentity.Passphrase(parsing: items[0]) else {
                // The text may be the passphrase itself; never repeat it.
                throw Problem(
                    message: "\(key) must name where the passphrase is, not hold it",
                    help: "write \"env:VARIABLE\" or \"file:/path/to/passphrase\"",
                    code: .invalidPassphraseSource
                )
            }
            if case .file(let written) = source { source = .file(try path(written).absolute) }
            return .passphrase(source)
        case .ciphers, .ciphersuites:
            let text = items.joined(separator: ":")
            guard text.allSatisfy({ $0.isASCII && !$0.isWhitespace || $0 == " " }) else {
                throw Problem(
                    message: "\(key) holds characters a cipher list cannot contain",
                    help: "use OpenSSL names such as \"ECDHE-ECDSA-AES128-GCM-SHA256\"")
            }
            return .text(text)
        case .serverName:
            let target: HostTarget
            do {
                target = try HostTarget(parsing: items[0])
            } catch {
                throw Problem(
                    message: "server-name: \(error.reason)", help: "write a host name such as \"api.example.com\"")
            }
            guard target.port == nil else {
                throw Problem(
                    message: "server-name must be a name without a port",
                    help: "write only the host name, such as \"api.example.com\"")
            }
            return .text(target.host)
        case .alpn:
            for item in items where !ALPNWire.isValidName(item) {
                throw Problem(
                    message: "ALPN protocol \"\(item)\" is not a printable ASCII name of at most 255 bytes",
                    help: "use names such as \"h2\" or \"http/1.1\"")
            }
            let wire = ALPNWire.length(of: items)
            if wire > ALPNWire.limit {
                throw Problem(
                    message:
                        "alpn lists \(items.count) protocols taking \(wire) bytes on the wire, above the \(ALPNWire.limitText) a TLS ClientHello has room for "
                        + "beside its other extensions",
                    help: "list only the protocols the servers speak, such as [\"h2\", \"http/1.1\"]"
                )
            }
            return .list(items)
        case .pinnedPublicKeys:
            var pins: [PublicKeyPin] = []
            for item in items {
                guard let pin = PublicKeyPin(parsing: item) else {
                    throw Problem(
                        message: "\"\(item)\" is not a public-key pin",
                        help:
                            "write \"sha256//\" followed by the base64 SHA-256 of the certificate's public key (curl's --pinnedpubkey syntax)",
                        code: .invalidPin
                    )
                }
                pins.append(pin)
            }
            return .pins(pins)
        }
    }

    private func choice<T: RawRepresentable & CaseIterable>(
        _ text: String, _ key: SettingKey, _: T.Type
    ) throws(Problem) -> T where T.RawValue == String {
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        var help = "allowed values: \(allowed)"
        if key == .minVersion || key == .maxVersion, let number = Double(text) {
            // Versions are numbers: "1.4" is nearest to "1.3", whatever the spelling distance.
            let nearest = TLSProtocolVersion.allCases.min {
                abs(Double($0.rawValue)! - number) < abs(Double($1.rawValue)! - number)
            }!
            help = "did you mean \"\(nearest.rawValue)\"? " + help
        } else if let suggestion = Spelling.suggestion(for: text, among: T.allCases.map(\.rawValue)) {
            help = "did you mean \"\(suggestion)\"? " + help
        }
        throw Problem(message: "\"\(text)\" is not a valid \(key)", help: help)
    }

    func path(_ written: String) throws(Problem) -> ResolvedPath {
        guard !written.contains("\0") else {
            throw Problem(message: "path contains a NUL byte", help: "fix the path")
        }
        guard let expanded = PathName.expandingHome(written, home: home) else {
            throw Problem(
                message: "cannot expand \"~\" in \"\(written)\": HOME is not set",
                help: "write an absolute path, or set HOME (to an absolute path)")
        }
        if expanded != written {
            return ResolvedPath(written: written, absolute: PathName.normalize(expanded))
        }
        if written.hasPrefix("/") {
            return ResolvedPath(written: written, absolute: PathName.normalize(written))
        }
        guard baseDirectory.hasPrefix("/") else {
            throw Problem(
                message:
                    "cannot resolve the relative path \"\(written)\": the working directory is unknown (deleted, or deeper than PATH_MAX)",
                help: "write an absolute path, or run from an existing directory"
            )
        }
        return ResolvedPath(
            written: written, absolute: PathName.normalize(baseDirectory + "/" + written), base: baseDirectory)
    }
}
