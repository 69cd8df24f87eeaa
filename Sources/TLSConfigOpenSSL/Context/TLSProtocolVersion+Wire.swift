internal import COpenSSL
import TLSConfig

extension TLSProtocolVersion {
    /// The protocol number OpenSSL uses (`TLS1_2_VERSION`, ...).
    var wireValue: Int32 {
        switch self {
        case .tls1_0: TLS1_VERSION
        case .tls1_1: TLS1_1_VERSION
        case .tls1_2: TLS1_2_VERSION
        case .tls1_3: TLS1_3_VERSION
        }
    }

    /// `nil` for 0 ("no bound") and for versions TLSConfig does not name (SSL 3, DTLS).
    init?(wireValue: Int32) {
        guard let version = TLSProtocolVersion.allCases.first(where: { $0.wireValue == wireValue }) else { return nil }
        self = version
    }

    /// From OpenSSL's `SSL_get_version` spelling, such as `TLSv1.3`.
    init?(openSSLName name: String) {
        switch name {
        case "TLSv1": self = .tls1_0
        case "TLSv1.1": self = .tls1_1
        case "TLSv1.2": self = .tls1_2
        case "TLSv1.3": self = .tls1_3
        default: return nil
        }
    }
}
