import Foundation
import Testing
@_spi(Plumbing) import TLSConfig

/// The README's configuration reference is the one generated from `SettingKey`.
@Suite struct ReadmeReferenceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func readmeReferenceMatchesTheKeyList() throws {
        let file = Self.packageRoot.appendingPathComponent("README.md")
        var readme = try String(contentsOf: file, encoding: .utf8)
        if ProcessInfo.processInfo.environment["UPDATE_README"] == "1",
            let start = readme.range(of: "| key | variable |"),
            let end = readme.range(of: "\n\n", range: start.lowerBound..<readme.endIndex)
        {
            readme.replaceSubrange(start.lowerBound..<end.lowerBound, with: ConfigReference.markdownTable().dropLast())
            try readme.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(
            readme.contains(ConfigReference.markdownTable()),
            "regenerate the table: UPDATE_README=1 swift test --filter ReadmeReferenceTests")
        for key in SettingKey.allCases {
            #expect(readme.contains("`\(key.fileKey)`"), "\(key)")
        }
    }
}
