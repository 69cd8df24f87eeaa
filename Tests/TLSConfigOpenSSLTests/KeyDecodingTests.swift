import COpenSSL
import Foundation
import TestSupport
import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) @testable import TLSConfigOpenSSL

/// Keys are decoded through a decoder chain narrowed to the block's structure and key type;
/// the general decoder is the fallback. The narrow path must succeed for every layout it
/// claims, so that the fallback stays a fallback, and must step aside when its hint is wrong.
@Suite struct KeyDecodingTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.shared()
    }

    private func keyFile(_ name: String) throws -> MaterialFile {
        let path = pki.path(name)
        let contents = try FileInspector.read(path, maximumSize: 1 << 20).get()
        return MaterialFile(setting: .clientKey, writtenPath: path, path: path, origin: nil, contents: contents)
    }

    /// `certificate` gives the key type for PKCS#8 blocks, as the identity's leaf does.
    private func decode(_ name: String, certificate: String?, passphrase: String? = nil) throws -> Bool {
        let file = try keyFile(name)
        let block = try #require(file.pem.keyBlocks.first)
        let leaf = try certificate.map { name in
            let certificateFile = try keyFile(name)
            return try OwnedCertificate.parse(
                #require(certificateFile.pem.certificateBlocks.first), in: certificateFile
            ).get()
        }
        let secret = passphrase.map { PassphraseSecret(source: .environment("TEST_PASSPHRASE"), bytes: Array($0.utf8)) }
        guard
            let key = IdentityLoader.decodeNarrowly(
                block, in: file, certificate: leaf, passphrase: PassphraseProvider(secret))
        else { return false }
        EVP_PKEY_free(key)
        return true
    }

    @Test(
        arguments: [
            ("client.key", "client.pem", nil),  // PKCS#8, RSA
            ("client-pkcs1.key", nil, nil),  // PKCS#1: the label names the type
            ("client-encrypted-pkcs8.key", "client.pem", TestPKI.passphrase),
            ("client-encrypted-legacy.key", nil, TestPKI.passphrase),  // Proc-Type: 4,ENCRYPTED
            ("client-ec-pkcs8.key", "client-ec.pem", nil),  // PKCS#8, EC
            ("client-ec.key", nil, nil),  // SEC1
        ] as [(String, String?, String?)])
    func everyLayoutDecodesNarrowly(name: String, certificate: String?, passphrase: String?) throws {
        // Repeated: a pointer OpenSSL kept past its lifetime shows up as a failure after a while.
        for _ in 0..<20 {
            #expect(try decode(name, certificate: certificate, passphrase: passphrase))
        }
    }

    @Test func aWrongHintOrPassphraseLeavesItToTheGeneralDecoder() throws {
        #expect(try !decode("client.key", certificate: "client-ec.pem"), "an RSA key under an EC certificate")
        #expect(
            try !decode("client.key", certificate: nil), "PKCS#8 without the certificate's key type is not narrowed")
        #expect(try !decode("client-encrypted-pkcs8.key", certificate: "client.pem", passphrase: "wrong"))
    }
}
