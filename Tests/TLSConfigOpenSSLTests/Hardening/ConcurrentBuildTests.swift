import COpenSSL
import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// Resolution and context building from many tasks at once, with one shared trust-store
/// cache: every build succeeds, and all of them use the one `X509_STORE`. Run under
/// `--sanitize=thread` this is the data-race check of the resolver, the cache and the
/// OpenSSL layer.
@Suite("Concurrent builds")
struct ConcurrentBuildTests {
    struct HardeningBuildOutcome: Sendable {
        var storeID: Int?
        var store: UInt?
        var client: Bool
        var errors: [String]
    }

    @Test func sixtyFourTasksResolveAndBuildWithOneSharedStore() async throws {
        let fixtures = try Fixtures()
        let pki = fixtures.pki
        let cache = TrustStoreCache()
        let environment = [
            "HOME": pki.directory.path,
            "TLSCONFIG_CA_FILE": pki.path("both-cas.pem"),
            "TLSCONFIG_CLIENT_CERT": pki.path("client-chain.pem"),
            "TLSCONFIG_CLIENT_KEY": pki.path("client-encrypted-pkcs8.key"),
            "TLSCONFIG_CLIENT_KEY_PASSPHRASE": "env:TLS_TEST_PASSPHRASE",
            "TLS_TEST_PASSPHRASE": TestPKI.passphrase,
            "TLSCONFIG_ALPN": "h2,http/1.1",
        ]
        let tasks = 64
        let outcomes = await withTaskGroup(of: HardeningBuildOutcome.self) { group in
            for index in 0..<tasks {
                group.addTask {
                    let resolver = SettingsResolver(
                        ResolverConfiguration(
                            appName: "tlsconfig", environment: environment, workingDirectory: pki.directory.path,
                            documents: ConfigFileDiscovery(systemDirectory: pki.directory.path + "/no-etc")
                        ))
                    // Half resolve for a host, half for any host: different paths, same trust.
                    let resolution =
                        index.isMultiple(of: 2)
                        ? resolver.resolve(host: "localhost:\(1000 + index)") : resolver.resolve()
                    guard !resolution.hasErrors else {
                        return HardeningBuildOutcome(
                            client: false, errors: resolution.diagnostics.errors.map { $0.message })
                    }
                    do {
                        let context = try TLSContextBuilder(resolution: resolution, trustStoreCache: cache)
                            .makeClientContext()
                        let store = withExtendedLifetime(context) {
                            SSL_CTX_get_cert_store(context.pointer).map { UInt(bitPattern: $0) }
                        }
                        return HardeningBuildOutcome(
                            storeID: context.trustStore.storeID, store: store, client: context.role == .client,
                            errors: [])
                    } catch let error as TLSSettingsError {
                        return HardeningBuildOutcome(client: false, errors: error.diagnostics.map { $0.message })
                    } catch {
                        return HardeningBuildOutcome(client: false, errors: ["\(error)"])
                    }
                }
            }
            var all: [HardeningBuildOutcome] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == tasks)
        let failures = outcomes.flatMap { $0.errors }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(outcomes.allSatisfy { $0.client })
        #expect(Set(outcomes.compactMap { $0.storeID }).count == 1, "one shared trust store")
        #expect(Set(outcomes.compactMap { $0.store }).count == 1, "one X509_STORE under every SSL_CTX")
        #expect(cache.count == 1)
    }
}
