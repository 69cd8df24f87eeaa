import Foundation
import TestSupport
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// Settings and contexts over the shared test PKI.
struct Fixtures {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    static let environment = [
        "TLS_TEST_PASSPHRASE": TestPKI.passphrase, "TLS_TEST_P12": TestPKI.pkcs12Passphrase, "TLS_TEST_WRONG": "not it",
    ]

    /// Origins as if each setting came from a tool environment variable, so tests can see them cited.
    static let origins = SettingOrigins(
        Dictionary(
            uniqueKeysWithValues: SettingKey.allCases.map {
                ($0, Origin.environment(variable: $0.environmentVariable(prefix: "TLSTEST")))
            }))

    func identity(_ certificate: String, key: String? = nil, passphrase: PassphraseSource? = nil) -> ClientIdentity {
        ClientIdentity(certificateFile: pki.path(certificate), keyFile: key.map(pki.path), passphrase: passphrase)
    }

    /// A client that trusts the server CA (unless told otherwise).
    func clientSettings(
        trusting caFiles: [String] = ["server-ca.pem"],
        identity: ClientIdentity? = nil,
        verification: PeerVerification = .full,
        versions: TLSVersionRange = .default,
        serverName: String? = nil,
        alpn: [String] = [],
        pins: [String] = [],
        crlFile: String? = nil
    ) -> TLSSettings {
        TLSSettings(
            trust: TrustSettings(mode: .custom, caFiles: caFiles.map(pki.path)),
            identity: identity,
            verification: verification,
            versions: versions,
            serverName: serverName,
            alpn: alpn,
            pinnedPublicKeys: pins.compactMap(PublicKeyPin.init(parsing:)),
            crlFile: crlFile.map(pki.path)
        )
    }

    /// The settings as a resolution would carry them: origins as above, material read from
    /// the test PKI, passphrases from `environment`.
    func resolution(_ settings: TLSSettings) -> Resolution {
        Resolution(settings: settings, origins: Self.origins, environment: Self.environment)
    }

    func builder(_ settings: TLSSettings, cache: TrustStoreCache = .shared) -> TLSContextBuilder {
        TLSContextBuilder(resolution: resolution(settings), trustStoreCache: cache)
    }

    func clientContext(_ settings: TLSSettings) throws -> TLSContext {
        try builder(settings).makeClientContext()
    }

    /// The build's diagnostics, or an empty list when it unexpectedly succeeded.
    func buildErrors(_ settings: TLSSettings) -> [Diagnostic] {
        do {
            _ = try builder(settings).makeClientContext()
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A server that presents `server.pem` and requires client certificates from the client CA.
    func serverContext(
        certificate: String = "server.pem", key: String = "server.key",
        clientAuthentication: ClientAuthentication = .required, alpn: [String] = [],
        maximumVersion: TLSProtocolVersion? = nil
    ) throws -> TLSContext {
        var settings = TLSSettings(
            trust: TrustSettings(mode: .custom, caFiles: [pki.path("client-ca.pem")]),
            identity: ClientIdentity(certificateFile: pki.path(certificate), keyFile: pki.path(key)),
            versions: try TLSVersionRange(minimum: .tls1_2, maximum: maximumVersion),
            alpn: alpn
        )
        settings.role = .server
        settings.clientAuthentication = clientAuthentication
        return try builder(settings).makeServerContext()
    }

    /// `openssl s_server` presenting `certificate`, requiring a client certificate from the client CA.
    func openSSLServer(
        certificate: String = "server.pem", key: String = "server.key", _ extra: [String] = []
    ) throws -> OpenSSLServerProcess {
        try OpenSSLServerProcess(
            ["-cert", certificate, "-key", key, "-CAfile", "client-ca.pem", "-Verify", "1", "-verify_return_error"]
                + extra,
            in: pki.directory
        )
    }

    static let probe = HandshakeProbe(timeout: .seconds(10))
}
