import Testing
@_spi(Plumbing) @testable import TLSConfig

/// Inputs found while fuzzing `PEMScanner` (Fuzz/run.sh, target `pem`).
@Suite struct PEMScannerFuzzRegressionTests {
    /// BEGIN lines without END lines: the scanner searched the rest of the input for each
    /// block's END marker, so 10,000 lines (280 KB) took 12 s in a debug build and a 16 MiB
    /// CA file (the size limit) would have hung resolution for hours.
    @Test func beginLinesWithoutEndScanInLinearTime() {
        let bytes = Array(String(repeating: "-----BEGIN CERTIFICATE-----\n", count: 10_000).utf8)
        // No timing here (the suite also runs under sanitizers); quadratic behaviour shows up
        // as a hang the runner reports, and Benchmarks measures the scan.
        let summary = PEMScanner.scan(bytes)
        #expect(summary.malformedBlocks == 10_000)
        #expect(summary.blockCount == 0)
    }

    /// The same with a distinct label on every line, and one good block at the end that must
    /// still be found.
    @Test func distinctUnterminatedLabelsThenOneCertificate() {
        var text = ""
        for index in 0..<10_000 { text += "-----BEGIN LABEL \(index)-----\n" }
        text += FakePEM.certificate
        let summary = PEMScanner.scan(Array(text.utf8))
        #expect(summary.malformedBlocks == 10_000)
        #expect(summary.certificates == 1)
        #expect(summary.certificateBlocks.map(\.line) == [10_001])
    }

    /// A block ends at the first END line with its own label, not at another block's END line,
    /// and an END line for a label only matches that label byte for byte.
    @Test func endLinesMatchTheirOwnLabel() {
        let nested = PEMScanner.scan(
            Array(
                ("-----BEGIN CERTIFICATE-----\nQUJD\n-----END PRIVATE KEY-----\nQUJD\n-----END CERTIFICATE-----\n").utf8
            ))
        #expect(nested.certificates == 0)
        #expect(nested.keyBlocks.isEmpty)
        #expect(nested.malformedBlocks == 1)

        // "X509 CRL EXTRA" shares a prefix with the label but is another label: no END line.
        let prefixLabel = PEMScanner.scan(Array("-----BEGIN X509 CRL-----\nQUJD\n-----END X509 CRL EXTRA-----\n".utf8))
        #expect(prefixLabel.crls == 0)
        #expect(prefixLabel.malformedBlocks == 1)
    }
}
