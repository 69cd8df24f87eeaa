import Foundation
import Testing
@_spi(Plumbing) import TLSConfig

/// The README's configuration reference is the one generated from `SettingKey`.
@Suite struct ReadmeReferenceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func readmeReferenceMatchesTheKeyList() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(ConfigReference.markdownTable()), "regenerate the table with ConfigReference.markdownTable()")
        for key in SettingKey.allCases {
            #expect(readme.contains("`\(key.fileKey)`"), "\(key)")
        }
    }
}
