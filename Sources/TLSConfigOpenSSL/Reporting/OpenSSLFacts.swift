internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// Facts about the OpenSSL this process runs with, for `tlsconfig show`: which library,
/// where it looks for its configuration and the platform trust store, and what a fresh
/// client context allows before TLSConfig sets anything (the system `openssl.cnf` shows here).
package struct OpenSSLFacts: Sendable, Hashable {
    /// A compiled-in path and whether it exists here.
    package struct PathFact: Sendable, Hashable {
        /// The path.
        package var path: String
        /// Whether it exists.
        package var exists: Bool

        /// A path fact.
        package init(path: String, exists: Bool) {
            self.path = path
            self.exists = exists
        }
    }

    /// Such as `OpenSSL 3.0.19 27 Jan 2026`.
    package var version: String
    /// `OPENSSLDIR`, where `openssl.cnf` lives unless `OPENSSL_CONF` says otherwise.
    package var directory: String
    /// The compiled-in CA bundle used for `trust = "system"`.
    package var defaultCertificateFile: PathFact
    /// The compiled-in hashed CA directory used for `trust = "system"`.
    package var defaultCertificateDirectory: PathFact
    /// `OPENSSL_CONF`, when set and not empty.
    package var configurationVariable: String?
    /// What `SSL_CTX_new` gives before TLSConfig sets its own bounds.
    package var defaultProtocolVersions: ProtocolVersionBounds
    /// The security level a fresh context gets (`openssl.cnf` may change it).
    package var defaultSecurityLevel: Int

    /// Facts from their parts, for tests.
    package init(
        version: String, directory: String, defaultCertificateFile: PathFact, defaultCertificateDirectory: PathFact,
        configurationVariable: String?, defaultProtocolVersions: ProtocolVersionBounds, defaultSecurityLevel: Int
    ) {
        self.version = version
        self.directory = directory
        self.defaultCertificateFile = defaultCertificateFile
        self.defaultCertificateDirectory = defaultCertificateDirectory
        self.configurationVariable = configurationVariable
        self.defaultProtocolVersions = defaultProtocolVersions
        self.defaultSecurityLevel = defaultSecurityLevel
    }

    /// Reads the facts now; `environment` supplies `OPENSSL_CONF`.
    package static func current(environment: [String: String]) -> OpenSSLFacts {
        var directory = String(cString: OpenSSL_version(OPENSSL_DIR))
        if directory.hasPrefix("OPENSSLDIR: ") {
            directory = String(directory.dropFirst("OPENSSLDIR: ".count)).trimmingQuotes
        }
        let file = String(cString: X509_get_default_cert_file())
        let certificateDirectory = String(cString: X509_get_default_cert_dir())
        var bounds = ProtocolVersionBounds(minimum: nil, maximum: nil)
        var level = 0
        if let context = SSL_CTX_new(TLS_client_method()) {
            bounds = ProtocolVersionBounds(
                minimum: TLSProtocolVersion(wireValue: ctls_SSL_CTX_get_min_proto_version(context)),
                maximum: TLSProtocolVersion(wireValue: ctls_SSL_CTX_get_max_proto_version(context))
            )
            level = Int(SSL_CTX_get_security_level(context))
            SSL_CTX_free(context)
        }
        OpenSSLErrorQueue.clear()
        return OpenSSLFacts(
            version: String(cString: OpenSSL_version(OPENSSL_VERSION)),
            directory: directory,
            defaultCertificateFile: PathFact(
                path: file, exists: SystemPathStamp(path: file, isDirectory: false).identity != nil),
            defaultCertificateDirectory: PathFact(
                path: certificateDirectory,
                exists: SystemPathStamp(path: certificateDirectory, isDirectory: true).identity != nil),
            configurationVariable: environment["OPENSSL_CONF"].flatMap { $0.isEmpty ? nil : $0 },
            defaultProtocolVersions: bounds,
            defaultSecurityLevel: level
        )
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
