#if NIO
import TestSupport
import Testing
import TLSConfig
@_spi(Plumbing) import TLSConfigNIO
@_spi(Plumbing) import TLSConfigOpenSSL

/// One call gives a checked context, on each path: an expired CRL, which the plain builds load
/// (and every verification would then fail on), is refused with its code and origin by the
/// checked entry points, before any handshake.
@Suite struct CheckedEntryPointTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    @Test func anExpiredCRLIsRefusedByEveryCheckedEntryPoint() throws {
        let resolution = NIOHarness.resolution(["CRL_FILE": "server-ca-expired.crl"], pki: pki)
        #expect(!resolution.hasErrors, "\(resolution.diagnostics)")
        _ = try TLSContextBuilder(resolution: resolution).makeClientContext()
        _ = try ClientTLS(resolution: resolution)

        let refusals: [TLSSettingsError?] = [
            #expect(throws: TLSSettingsError.self) {
                try TLSContextBuilder(resolution: resolution).makeCheckedClientContext()
            },
            #expect(throws: TLSSettingsError.self) { try ClientTLS.checked(resolution: resolution) },
        ]
        for refusal in refusals {
            let expired = refusal?.diagnostics.first { $0.code == .crlExpired }
            #expect(expired?.origin == .environment(variable: "TLSCONFIG_CRL_FILE"), "\(refusal?.diagnostics ?? [])")
        }
    }

    @Test func aGoodIdentityBuildsThroughTheCheckedEntryPoints() throws {
        let client = NIOHarness.resolution(["CLIENT_CERT": "client-combined.pem"], pki: pki)
        #expect(try TLSContextBuilder(resolution: client).makeCheckedClientContext().certificateChain.count >= 1)
        _ = try ClientTLS.checked(resolution: client)
        let server = NIOHarness.resolution(["CERT": "server.pem", "KEY": "server.key"], role: .server, pki: pki)
        #expect(try TLSContextBuilder(resolution: server).makeCheckedServerContext().role == .server)
        _ = try ServerTLS.checked(resolution: server)
    }
}
#endif
