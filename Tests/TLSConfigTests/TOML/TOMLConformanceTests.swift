import Foundation
import Testing
@_spi(Plumbing) import TLSConfig

/// Runs the language-independent toml-test corpus (TOML 1.0.0 file list) against `TOMLParser`.
@Suite("TOML conformance")
struct TOMLConformanceTests {
    // The corpus sits beside the package (../shared/toml-test) in CI and development checkouts;
    // a user's own clone does not have it, and then there is nothing to run.
    @Test(
        "toml-test valid and invalid documents",
        .enabled(if: TOMLCorpus.isAvailable, "toml-test corpus not found at ../shared/toml-test; skipping conformance")
    )
    func corpus() throws {
        let (valid, invalid) = try TOMLCorpus.listedDocuments()
        let tests = TOMLCorpus.testsDirectory

        var validFailures: [String] = []
        for path in valid {
            let document = tests.appendingPathComponent(path)
            let expectedURL = document.deletingPathExtension().appendingPathExtension("json")
            let bytes = [UInt8](try Data(contentsOf: document))
            let expected = try JSONSerialization.jsonObject(
                with: Data(contentsOf: expectedURL), options: [.fragmentsAllowed])
            do {
                let table = try TOMLParser.parse(bytes)
                if let difference = TOMLTaggedJSON.difference(expected: expected, actual: .table(table)) {
                    validFailures.append("\(path): \(difference)")
                }
            } catch {
                validFailures.append("\(path): unexpected error \(error)")
            }
        }

        var invalidFailures: [String] = []
        for path in invalid {
            let bytes = [UInt8](try Data(contentsOf: tests.appendingPathComponent(path)))
            do {
                _ = try TOMLParser.parse(bytes)
                invalidFailures.append("\(path): accepted")
            } catch {
                if error.position.line < 1 || error.position.column < 1 || error.message.isEmpty {
                    invalidFailures.append("\(path): error without a usable position: \(error)")
                }
            }
        }

        print("valid: \(valid.count - validFailures.count) passed, \(validFailures.count) failed")
        for failure in validFailures {
            print("  FAIL \(failure)")
        }
        print("invalid: \(invalid.count - invalidFailures.count) passed, \(invalidFailures.count) failed")
        for failure in invalidFailures {
            print("  FAIL \(failure)")
        }
        #expect(valid.count == 210, "the TOML 1.0.0 list should name 210 valid documents")
        #expect(invalid.count == 499, "the TOML 1.0.0 list should name 499 invalid documents")
        #expect(validFailures.isEmpty, "valid documents that failed: \(validFailures)")
        #expect(invalidFailures.isEmpty, "invalid documents that were accepted: \(invalidFailures)")
    }

    /// The comparison must itself notice differences, or a broken parser would pass.
    @Test func taggedJSONComparisonDetectsDifferences() throws {
        let document = try TOMLParser.parse("a = 1\nb = 1.5\nc = 1979-05-27T07:32:00Z\n[t]\nx = [\"s\"]\n")
        let expected: [String: Any] = [
            "a": ["type": "integer", "value": "1"],
            "b": ["type": "float", "value": "1.50"],
            "c": ["type": "datetime", "value": "1979-05-27T00:32:00-07:00"],
            "t": ["x": [["type": "string", "value": "s"]]],
        ]
        #expect(TOMLTaggedJSON.difference(expected: expected, actual: .table(document)) == nil)

        var wrongInteger = expected
        wrongInteger["a"] = ["type": "integer", "value": "2"]
        #expect(TOMLTaggedJSON.difference(expected: wrongInteger, actual: .table(document)) != nil)

        var wrongType = expected
        wrongType["b"] = ["type": "integer", "value": "1"]
        #expect(TOMLTaggedJSON.difference(expected: wrongType, actual: .table(document)) != nil)

        var wrongInstant = expected
        wrongInstant["c"] = ["type": "datetime", "value": "1979-05-27T07:32:00-07:00"]
        #expect(TOMLTaggedJSON.difference(expected: wrongInstant, actual: .table(document)) != nil)

        var missingKey = expected
        missingKey["t"] = [:] as [String: Any]
        #expect(TOMLTaggedJSON.difference(expected: missingKey, actual: .table(document)) != nil)
    }
}
