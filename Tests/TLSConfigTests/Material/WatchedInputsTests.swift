import Foundation
import Testing
@_spi(Plumbing) import TLSConfig

/// What a reloader compares at each look: a file that could not be read when the settings were
/// resolved must not be recorded as it is a moment later, or a write finished in between goes
/// unseen until the poll (a CI run caught an in-place key rewrite read while empty).
@Suite struct WatchedInputsTests {
    @Test func aFileReadWhileEmptyCountsAsChangedOnceItHoldsData() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlsconfig-watched-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("tls.key").path
        let certificate = directory.appendingPathComponent("tls.crt").path
        _ = FileManager.default.createFile(atPath: certificate, contents: Data(FakeCertificate.pem.utf8))
        _ = FileManager.default.createFile(atPath: key, contents: Data())  // truncated, mid-rewrite
        var settings = TLSSettings(identity: ClientIdentity(certificateFile: certificate, keyFile: key))
        settings.role = .server
        let resolution = Resolution(settings: settings)
        #expect(resolution.diagnostics.contains { $0.code == .fileEmpty })
        // The rewrite finishes before the watcher records what it saw.
        try Data("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".utf8).write(
            to: URL(fileURLWithPath: key))
        let watched = WatchedInputs(resolution)
        #expect(watched.changedPaths().contains(key), "the key as read (empty) differs from the key now")
        #expect(
            !watched.changedPaths().contains(certificate),
            "a file read whole is compared by the identity it was read with")
        // A file that is missing, and still missing, is no change.
        let missing = TLSSettings(
            identity: ClientIdentity(certificateFile: directory.appendingPathComponent("absent.crt").path))
        #expect(WatchedInputs(Resolution(settings: missing)).changedPaths().isEmpty)
    }

    private enum FakeCertificate {
        static let pem =
            "-----BEGIN CERTIFICATE-----\nTUlJQm9nSUJBQUpCQUxSaU1MQUhVRm5uR2l2S3pk\n-----END CERTIFICATE-----\n"
    }
}
