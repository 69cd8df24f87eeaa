/// Every file whose change can change what a resolution produces, with its identity when it
/// was used: the configuration files looked for (found or not, since a new file can appear),
/// every path the settings name (a missing one may come back), and the material as read. A
/// reloader compares them with the file system at each poll.
///
/// Identities follow symlinks, so an atomic rename, a Kubernetes secret volume's swapped
/// `..data` link and an in-place rewrite all change them. A hashed CA directory is watched as
/// a directory: links added or removed are seen; a certificate rewritten under an existing link
/// is not (OpenSSL reads those lazily anyway). Linux stamps files with a coarse clock (one
/// tick, 1 to 4 ms): an in-place rewrite to the same size within the tick of the previous
/// write can keep the identity; tools that replace files by rename are never affected.
package struct WatchedInputs: Sendable, Hashable {
    /// One watched path.
    package struct Input: Sendable, Hashable {
        /// The path as used (absolute).
        package var path: String
        /// Whether it is a directory.
        package var isDirectory: Bool
        /// Its identity when used; `nil` when it did not exist or could not be read.
        package var identity: FileIdentity?
    }

    /// Each path once, in the order found.
    public private(set) var inputs: [Input] = []
    /// Whether settings also came from a source no file stands for (configuration providers):
    /// then a reloader resolves again at each poll and compares the settings, since no identity
    /// here would change.
    public private(set) var followsSourcesBeyondFiles = false

    /// The inputs of `resolution`: material identities as read, everything else as it is now.
    package init(_ resolution: Resolution) {
        followsSourcesBeyondFiles = resolution.readsSourcesBeyondFiles
        var seen = Set<String>()
        func add(_ path: String, directory: Bool, identity: FileIdentity??) {
            guard seen.insert(path).inserted else { return }
            inputs.append(
                Input(
                    path: path, isDirectory: directory,
                    identity: identity ?? FileInspector.identity(of: path, directory: directory)))
        }
        for (path, identity) in resolution.material.inputs {
            add(
                path, directory: resolution.material.caDirectories.contains { $0.path == path },
                identity: .some(identity))
        }
        for candidate in resolution.configFiles {
            add(candidate.path, directory: false, identity: nil)
        }
        // A file a setting names that is not in the material was not read whole (missing,
        // empty, unreadable): recorded as unread, not as it is now, since a write may have
        // finished between the failed read and this line, and its identity would then hide
        // the change. An unread file that exists counts as changed at every look until it reads.
        let settings = resolution.settings
        let unread: FileIdentity?? = .some(nil)
        for path in settings.trust.caFiles { add(path, directory: false, identity: unread) }
        for path in settings.trust.caDirectories { add(path, directory: true, identity: unread) }
        if let identity = settings.identity {
            add(identity.certificateFile, directory: false, identity: unread)
            if let key = identity.keyFile { add(key, directory: false, identity: unread) }
            if case .file(let path) = identity.passphrase { add(path, directory: false, identity: unread) }
        }
        if let crl = settings.crlFile { add(crl, directory: false, identity: unread) }
    }

    /// The paths whose identity now differs from the one recorded, in order.
    package func changedPaths() -> [String] {
        inputs.filter { FileInspector.identity(of: $0.path, directory: $0.isDirectory) != $0.identity }.map(\.path)
    }
}
