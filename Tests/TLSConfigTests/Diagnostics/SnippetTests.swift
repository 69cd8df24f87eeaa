import Testing
@_spi(Plumbing) @testable import TLSConfig

/// A snippet is one line, at most a bounded width, with control characters made visible.
@Suite struct SnippetTests {
    @Test func controlCharactersAreShownAsSymbolsOneColumnEach() {
        let snippet = DiagnosticRenderer.Snippet("a\tb\rc\u{1B}[2Jd", caretStart: 6, caretCount: 1)
        #expect(snippet.text == "a\u{2409}b\u{240D}c\u{241B}[2Jd")
        #expect(!snippet.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(snippet.caretStart == 6)
    }

    @Test func aLongLineIsCutAroundTheCarets() {
        let line = String(repeating: "x", count: 5_000) + "HERE" + String(repeating: "y", count: 5_000)
        let snippet = DiagnosticRenderer.Snippet(line, caretStart: 5_000, caretCount: 4)
        #expect(snippet.text.count <= DiagnosticRenderer.Snippet.width + 2)
        let scalars = Array(snippet.text.unicodeScalars)
        #expect(
            String(String.UnicodeScalarView(scalars[snippet.caretStart..<(snippet.caretStart + snippet.caretCount)]))
                == "HERE")
        #expect(snippet.text.hasPrefix("…") && snippet.text.hasSuffix("…"))
    }

    @Test func renderedDiagnosticNeverCarriesARawControlCharacter() {
        let path = "/t/tlsconfig.toml"
        let source = "ca-file = \"a\tb\"\n"
        let diagnostic = Diagnostic(
            .error, .pathNotFound, "x",
            origin: .file(FileLocation(path: path, span: SourceSpan(line: 1, column: 11, length: 5), scope: .project)))
        let text = DiagnosticRenderer(sources: [path: source]).render([diagnostic])
        #expect(!text.unicodeScalars.contains { $0 == "\t" || $0 == "\r" })
        #expect(text.contains("ca-file = \"a\u{2409}b\""))
    }

    /// A parser's quote of what it found is not repeated: the file may be a secret.
    @Test func syntaxMessagesDropQuotedContent() {
        #expect(
            ConfigSyntaxError.redacting("invalid value 'hunter2': strings must be quoted")
                == "invalid value '…': strings must be quoted")
        #expect(
            ConfigSyntaxError.redacting("expected '=' after key \"s3cr3t\", found end of line")
                == "expected '=' after key \"…\", found end of line")
    }
}
