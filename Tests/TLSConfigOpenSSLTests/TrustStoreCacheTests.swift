import COpenSSL
import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

@Suite("Trust-store cache")
struct TrustStoreCacheTests {
    let fixtures: Fixtures

    init() throws {
        fixtures = try Fixtures()
    }

    /// A copy of a PKI file in a directory of its own, so a test can edit it.
    private func scratchCopy(of name: String) throws -> URL {
        let folder = fixtures.pki.directory.appendingPathComponent("scratch-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("bundle.pem")
        try fixtures.pki.bytes(name).write(to: url)
        return url
    }

    @Test func secondContextWithTheSameTrustSharesTheStore() throws {
        let cache = TrustStoreCache()
        let settings = fixtures.clientSettings(trusting: ["both-cas.pem"])
        let first = try fixtures.builder(settings, cache: cache).makeClientContext()
        let second = try fixtures.builder(settings, cache: cache).makeClientContext()
        #expect(!first.trustStore.reusedFromCache)
        #expect(second.trustStore.reusedFromCache)
        #expect(first.trustStore.storeID == second.trustStore.storeID)
        withExtendedLifetime((first, second)) {
            #expect(SSL_CTX_get_cert_store(first.pointer) == SSL_CTX_get_cert_store(second.pointer))
        }
        #expect(cache.count == 1)
        #expect(second.trustStore.certificates == 2)
    }

    @Test func editedBundleIsReloaded() throws {
        let cache = TrustStoreCache()
        let bundle = try scratchCopy(of: "server-ca.pem")
        let settings = TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [bundle.path]))
        let before = try fixtures.builder(settings, cache: cache).makeClientContext()
        #expect(before.trustStore.certificates == 1)
        try fixtures.pki.bytes("both-cas.pem").write(to: bundle)
        let after = try fixtures.builder(settings, cache: cache).makeClientContext()
        #expect(!after.trustStore.reusedFromCache)
        #expect(after.trustStore.storeID != before.trustStore.storeID)
        #expect(after.trustStore.certificates == 2)
        #expect(cache.count == 1)
        // The first context keeps its own (old) store alive and unchanged.
        withExtendedLifetime((before, after)) {
            #expect(SSL_CTX_get_cert_store(before.pointer) != SSL_CTX_get_cert_store(after.pointer))
        }
    }

    @Test func bundleDeletedAfterCachingIsAnErrorNotAStaleStore() throws {
        let cache = TrustStoreCache()
        let bundle = try scratchCopy(of: "server-ca.pem")
        let settings = TLSSettings(trust: TrustSettings(mode: .custom, caFiles: [bundle.path]))
        _ = try fixtures.builder(settings, cache: cache).makeClientContext()
        let first = try fixtures.builder(settings, cache: cache).makeClientContext()
        try FileManager.default.removeItem(at: bundle)
        #expect(throws: TLSSettingsError.self) { try fixtures.builder(settings, cache: cache).makeClientContext() }
        // Put back (a new file, a new identity): the old store is never handed out again, and
        // it is dropped from the cache when its successor is stored.
        try fixtures.pki.bytes("server-ca.pem").write(to: bundle)
        let again = try fixtures.builder(settings, cache: cache).makeClientContext()
        #expect(!again.trustStore.reusedFromCache)
        #expect(again.trustStore.storeID != first.trustStore.storeID)
        #expect(cache.count == 1)
    }

    @Test func crlCarryingTrustGetsItsOwnStore() throws {
        let cache = TrustStoreCache()
        let plain = try fixtures.builder(fixtures.clientSettings(), cache: cache).makeClientContext()
        let withCRL = try fixtures.builder(fixtures.clientSettings(crlFile: "server-ca.crl"), cache: cache)
            .makeClientContext()
        #expect(plain.trustStore.storeID != withCRL.trustStore.storeID)
        #expect(!plain.trustStore.checksRevocation && plain.trustStore.crls == 0)
        #expect(withCRL.trustStore.checksRevocation && withCRL.trustStore.crls == 1)
        let again = try fixtures.builder(fixtures.clientSettings(), cache: cache).makeClientContext()
        #expect(again.trustStore.storeID == plain.trustStore.storeID)
        #expect(cache.count == 2)
    }

    @Test func concurrentBuildsAllSucceedAndConverge() async throws {
        let cache = TrustStoreCache()
        let builder = fixtures.builder(fixtures.clientSettings(trusting: ["both-cas.pem"]), cache: cache)
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask { try builder.makeClientContext().trustStore.storeID }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(!ids.isEmpty)
        #expect(cache.count == 1)
        let later = try builder.makeClientContext()
        #expect(later.trustStore.reusedFromCache)
    }

    /// Measures; does not assert on time (the figure is printed for the report).
    @Test func measureSecondBuildWithCachedTrust() throws {
        let cache = TrustStoreCache()
        let builder = fixtures.builder(
            TLSSettings(trust: TrustSettings(mode: .systemAndCustom, caFiles: [fixtures.pki.path("both-cas.pem")])),
            cache: cache)
        let clock = ContinuousClock()
        let first = try clock.measure { _ = try builder.makeClientContext() }
        var samples: [Duration] = []
        for _ in 0..<200 {
            samples.append(try clock.measure { _ = try builder.makeClientContext() })
        }
        samples.sort()
        print(
            "trust-store cache: first build \(first), cached build median \(samples[samples.count / 2]), p90 \(samples[samples.count * 9 / 10])"
        )
        #expect(cache.count == 1)
    }
}
