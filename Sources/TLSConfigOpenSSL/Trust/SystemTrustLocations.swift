internal import COpenSSL
import TLSConfig

/// Where "the system store" is: OpenSSL's compiled-in bundle and hashed directory (the resolver
/// has already decided what `SSL_CERT_FILE` and `SSL_CERT_DIR` mean). Tests point it at a
/// store of their own.
package struct SystemTrustLocations: Sendable, Hashable {
    /// The bundle (`X509_get_default_cert_file`).
    package var file: String
    /// The hashed directory (`X509_get_default_cert_dir`).
    package var directory: String
    /// Look CAs up through the directory, instead of parsing the bundle, when the directory
    /// holds exactly the bundle's certificates (see `SystemTrustMirror`).
    package var lookUpWhenMirrored: Bool

    package init(file: String, directory: String, lookUpWhenMirrored: Bool = true) {
        self.file = file
        self.directory = directory
        self.lookUpWhenMirrored = lookUpWhenMirrored
    }

    /// OpenSSL's defaults.
    package static let openSSLDefaults = SystemTrustLocations(
        file: String(cString: X509_get_default_cert_file()), directory: String(cString: X509_get_default_cert_dir())
    )
}
