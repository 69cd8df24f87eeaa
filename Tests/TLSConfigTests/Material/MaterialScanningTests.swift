import Testing
@_spi(Plumbing) import TLSConfig

/// The byte-level readers every first context runs over the system store: hash-link names
/// and the PEM splitter.
@Suite struct MaterialScanningTests {
    @Test(arguments: [
        ("5ad8a5d6.0", true), ("5AD8A5D6.12", true), ("00000000.9", true),
        ("5ad8a5d6.r0", false),  // a CRL link
        ("5ad8a5d6", false), ("5ad8a5d6.", false), (".0", false), ("", false),
        ("5ad8a5dg.0", false), ("5ad8a5d.0", false), ("5ad8a5d60.0", false),
        ("5ad8a5d6.0.pem", false), ("5ad8a5d6.0 ", false), ("ca-certificates.crt", false),
        ("\u{FF15}ad8a5d6.0", false),  // a fullwidth digit is no hex digit to OpenSSL
        ("5ad8a5d6.\u{0661}", false),  // nor an Arabic-Indic one a suffix
    ])
    func hashLinkNames(name: String, isHashName: Bool) {
        #expect(CertificateDirectory.isHashName(name) == isHashName)
    }

    /// Line numbers count LF (CRLF files too), across blocks and junk between them.
    @Test func blockLinesAndKinds() {
        let text =
            "junk\r\n\r\n-----BEGIN CERTIFICATE-----\r\nQUJD\r\n-----END CERTIFICATE-----\r\nmore\n"
            + "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nQUJD\n-----END RSA PRIVATE KEY-----\n"
            + "-----BEGIN EC PRIVATE KEY-----\nQU*D\n-----END EC PRIVATE KEY-----\n"
            + "-----BEGIN X509 CRL-----\n \t\n-----END X509 CRL-----\n"
        let contents = PEMScanner.scan(Array(text.utf8))
        #expect(contents.blocks.map(\.line) == [3, 7, 13, 16])
        #expect(contents.blocks.map(\.isWellFormed) == [true, true, false, false])
        #expect(contents.blocks.map(\.isEncrypted) == [false, true, false, false])
        #expect(contents.certificates == 1)
        #expect(contents.crls == 0, "a body of blanks holds no data")
        #expect(contents.malformedBlocks == 2)
        #expect(contents.hasEncryptedKey)
    }

    @Test func derAndEmptyInput() {
        #expect(PEMScanner.scan([0x30, 0x82, 0x01]).looksLikeDER)
        #expect(!PEMScanner.scan([]).looksLikeDER)
        #expect(PEMScanner.scan([]).blocks.isEmpty)
        #expect(PEMScanner.find(Array("--".utf8), in: Array("-".utf8), from: 0) == nil)
        #expect(PEMScanner.find(Array("--".utf8), in: Array("a--".utf8), from: 0) == 1)
        #expect(PEMScanner.find(Array("--".utf8), in: Array("a--".utf8), from: 2) == nil)
    }
}
