import Foundation
import Glibc
public import TLSConfig

/// A CA bundle and a client identity that a reloading client follows, rewritten in turn with
/// one of two versions each, so every reload builds a new trust store and decodes a new key.
/// Consecutive versions differ in size, so each rewrite changes the files' identity even
/// within one tick of the kernel's coarse file clock.
public final class AlternatingClientFiles: Sendable {
    public let directory: TemporaryDirectory
    public var bundle: String { directory.path + "/ca.pem" }
    public var identity: String { directory.path + "/client.pem" }
    private let bundles: [Data]
    private let identities: [Data]

    /// Writes the first versions.
    public init(pki: TestPKI, prefix: String) throws {
        directory = TemporaryDirectory(prefix: prefix)
        bundles = [try pki.bytes("server-ca.pem"), try pki.bytes("both-cas.pem")]
        identities = [try pki.bytes("client-combined.pem"), try pki.bytes("client-keyfirst.pem")]
        try write(0)
    }

    /// Writes the versions of `round`.
    public func write(_ round: Int) throws {
        try bundles[round % 2].write(to: URL(fileURLWithPath: bundle))
        try identities[round % 2].write(to: URL(fileURLWithPath: identity))
        chmod(identity, 0o600)
    }

    /// A resolver configuration naming both files through `TLSCONFIG_*`.
    public var configuration: ResolverConfiguration {
        ResolverConfiguration(
            environment: ["HOME": directory.path, "TLSCONFIG_CA_FILE": bundle, "TLSCONFIG_CLIENT_CERT": identity],
            workingDirectory: directory.path
        )
    }
}
