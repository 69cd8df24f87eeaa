import Foundation
import Testing
@_spi(Plumbing) @testable import TLSConfig

/// The DocC pages a tool author looks things up in are generated, so they cannot drift: the
/// settings reference from `SettingKey`, and the diagnostic codes from the declarations of the
/// codes and of `HandshakeFailure` (each with its meaning and its `Fix:` paragraph). Regenerate
/// with `UPDATE_DOCS=1 swift test --filter DocumentationPagesTests`.
@Suite struct DocumentationPagesTests {
    static let root = ReadmeReferenceTests.packageRoot
    static let catalog = root.appendingPathComponent("Sources/TLSConfig/TLSConfig.docc")

    @Test func settingsReferenceIsGeneratedFromTheSchema() throws {
        let article = ConfigReference.settingsArticle()
        try Self.compare(article, with: "SettingsReference.md")
        for key in SettingKey.allCases {
            #expect(
                article.contains("`\(key.fileKey)`")
                    && article.contains("`\(key.environmentVariable(prefix: "TLSCONFIG"))`"), "\(key)")
        }
    }

    @Test func diagnosticCodesPageListsEveryCodeWithItsFix() throws {
        let codes = try Self.declaredCodes()
        #expect(codes.count > 100)
        #expect(codes.filter { $0.module.hasSuffix("(connect)") }.count == 18, "one row per HandshakeFailure code")
        for code in codes {
            #expect(!code.meaning.isEmpty && !code.fix.isEmpty, "\(code.name) needs a meaning and a `Fix:` paragraph")
        }
        #expect(Set(codes.map(\.name)).count == codes.count, "a code is declared twice")
        try Self.compare(Self.codesArticle(codes), with: "DiagnosticCodes.md")
    }

    static func compare(_ generated: String, with name: String) throws {
        let file = catalog.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1" {
            try generated.write(to: file, atomically: true, encoding: .utf8)
        }
        let current = try String(contentsOf: file, encoding: .utf8)
        #expect(current == generated, "regenerate \(name): UPDATE_DOCS=1 swift test --filter DocumentationPagesTests")
    }

    struct Code {
        var name: String
        var module: String
        var meaning: String
        var fix: String
    }

    /// Codes in declaration order: the file's doc comment splits at `Fix:`.
    static func declaredCodes() throws -> [Code] {
        var codes: [Code] = []
        let files = [
            ("TLSConfig", "Sources/TLSConfig/Diagnostics/DiagnosticCode.swift"),
            ("TLSConfigOpenSSL", "Sources/TLSConfigOpenSSL/Diagnosis/DiagnosticCode+OpenSSL.swift"),
            ("TLSConfigNIO", "Sources/TLSConfigNIO/Diagnosis/DiagnosticCode+NIO.swift"),
        ]
        for (module, path) in files {
            var comment: [String] = []
            var pending = ""
            for line in try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                // A declaration the formatter wrapped continues on the next line.
                let trimmed = pending + line.trimmingCharacters(in: .whitespaces)
                pending = ""
                if trimmed.hasPrefix("public static let"), !trimmed.contains("\"") {
                    pending = trimmed + " "
                    continue
                }
                if trimmed.hasPrefix("///") {
                    comment.append(String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces))
                } else if trimmed.hasPrefix("public static let"), let quote = trimmed.firstIndex(of: "\"") {
                    let name = String(trimmed[trimmed.index(after: quote)...].prefix { $0 != "\"" })
                    codes.append(split(comment, name: name, module: module))
                    comment = []
                } else {
                    comment = []
                }
            }
        }
        // Handshake failures carry their code in `HandshakeFailure.code`, their meaning on the case.
        let source = try String(
            contentsOf: root.appendingPathComponent("Sources/TLSConfigOpenSSL/Diagnosis/HandshakeFailure.swift"),
            encoding: .utf8)
        var caseComments: [String: [String]] = [:]
        var comment: [String] = []
        var inCodeSwitch = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("public var code: String") { inCodeSwitch = true }
            if inCodeSwitch, line == "    }" { inCodeSwitch = false }
            if trimmed.hasPrefix("///") {
                comment.append(String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces))
            } else if trimmed.hasPrefix("case "), !trimmed.hasPrefix("case ."), !comment.isEmpty {
                let name = trimmed.dropFirst(5).prefix { $0.isLetter || $0.isNumber }
                caseComments[String(name)] = comment
                comment = []
            } else if inCodeSwitch, trimmed.hasPrefix("case ."), let colon = trimmed.range(of: ": \"") {
                let caseName = String(trimmed.dropFirst(6).prefix { $0.isLetter || $0.isNumber })
                let code = String(trimmed[colon.upperBound...].prefix { $0 != "\"" })
                if let lines = caseComments[caseName] {
                    codes.append(split(lines, name: code, module: "TLSConfigOpenSSL (connect)"))
                }
            } else {
                comment = []
            }
        }
        return codes
    }

    static func split(_ comment: [String], name: String, module: String) -> Code {
        let fixStart = comment.firstIndex { $0.hasPrefix("Fix:") } ?? comment.endIndex
        let meaning = comment[..<fixStart].filter { !$0.isEmpty }.joined(separator: " ")
        let fix = comment[fixStart...].joined(separator: " ").dropFirst(4).trimmingCharacters(in: .whitespaces)
        return Code(name: name, module: module, meaning: meaning, fix: fix)
    }

    static func codesArticle(_ codes: [Code]) -> String {
        var lines = [
            "# Diagnostic codes",
            "",
            "Every code a diagnostic or a failed handshake carries, what it means and the usual fix.",
            "",
            "## Overview",
            "",
            "Scripts and tests match on the code (``Diagnostic/code``, `HandshakeFailure.code`, the `code`",
            "member of JSON output); messages may change. Each diagnostic's own `help` is more specific",
            "than the usual fix below: it names the file, line, variable or certificate involved. This page",
            "is generated from the declarations of the codes, and a test fails when it differs.",
            "",
        ]
        var module = ""
        for code in codes {
            if code.module != module {
                module = code.module
                lines += ["## \(module)", "", "| code | meaning | usual fix |", "|---|---|---|"]
            }
            lines.append("| `\(code.name)` | \(cell(code.meaning)) | \(cell(code.fix)) |")
            if code.name == codes.last(where: { $0.module == module })?.name { lines.append("") }
        }
        return lines.joined(separator: "\n")
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "``", with: "`")
    }
}
