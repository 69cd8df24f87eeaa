import Testing
@testable import TLSConfig

/// Inputs found while fuzzing `PEMScanner` (Fuzz/run.sh, target `pem`).
@Suite struct PEMScannerFuzzRegressionTests {
    /// BEGIN lines without END lines: the scanner searched the rest of the input for each
    /// block's END marker, so 10,000 lines (280 KB) took 12 s in a debug build and a 16 MiB
    /// CA file (the size limit) would have hung resolution for hours.
    @Test func beginLinesWithoutEndScanInLinearTime() {
        let bytes = Array(String(repeating: "-----BEGIN CERTIFICATE-----\n", count: 10_000).utf8)
        let clock = ContinuousClock()
        let start = clock.now
        let summary = PEMScanner.scan(bytes)
        let elapsed = clock.now - start
        #expect(summary.malformedBlocks == 10_000)
        #expect(summary.blockCount == 0)
        #expect(elapsed < .seconds(1), "scanning took \(elapsed)")
    }

    /// The same with a distinct label on every line, and one good block at the end that must
    /// still be found.
    @Test func distinctUnterminatedLabelsThenOneCertificate() {
        var text = ""
        for index in 0..<10_000 { text += "-----BEGIN LABEL \(index)-----\n" }
        text += FakePEM.certificate
        let clock = ContinuousClock()
        let start = clock.now
        let summary = PEMScanner.scan(Array(text.utf8))
        let elapsed = clock.now - start
        #expect(summary.malformedBlocks == 10_000)
        #expect(summary.certificates == 1)
        #expect(summary.certificateBlockIndexes == [1])
        #expect(elapsed < .seconds(1), "scanning took \(elapsed)")
    }

    /// A block ends at the first END line with its own label, not at another block's END line,
    /// and an END line for a label only matches that label byte for byte.
    @Test func endLinesMatchTheirOwnLabel() {
        let nested = PEMScanner.scan(Array((
            "-----BEGIN CERTIFICATE-----\nQUJD\n-----END PRIVATE KEY-----\nQUJD\n-----END CERTIFICATE-----\n"
        ).utf8))
        #expect(nested.certificates == 0)
        #expect(nested.keys.isEmpty)
        #expect(nested.malformedBlocks == 1)

        // "X509 CRL EXTRA" shares a prefix with the label but is another label: no END line.
        let prefixLabel = PEMScanner.scan(Array("-----BEGIN X509 CRL-----\nQUJD\n-----END X509 CRL EXTRA-----\n".utf8))
        #expect(prefixLabel.crls == 0)
        #expect(prefixLabel.malformedBlocks == 1)
    }
}
