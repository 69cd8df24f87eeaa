/// Decides whether a project file is trusted, from the three ways a user or tool can say so:
/// the tool accepts every project file (``ResolverConfiguration/trustsProjectFiles``, for
/// trusted automation), `PREFIX_TRUSTED_CONFIG_PATHS` lists the file or a directory above it
/// (a variable is the user's own choice, as mise's `MISE_TRUSTED_CONFIG_PATHS`), or
/// `tlsconfig trust` recorded the file with its current content.
package struct ProjectTrustPolicy: Sendable {
    package var trustsAll: Bool
    /// Files and directories from the variable, absolute and normalised.
    package var trustedPaths: [String]
    package var variable: String
    /// `nil` when the records could not be found or used (a diagnostic says why).
    package var records: ProjectTrustRecords?

    package func status(of path: String, digest: String) -> ConfigDocument.Trust {
        if trustsAll { return .trusted(by: "the tool accepts project files") }
        if trustedPaths.contains(where: { path == $0 || path.hasPrefix($0 == "/" ? "/" : $0 + "/") }) {
            return .trusted(by: variable)
        }
        guard let records, let recorded = records.digests[path] else { return .untrusted }
        return recorded == digest ? .trusted(by: "recorded in \(records.path)") : .changedSinceTrusted
    }
}
