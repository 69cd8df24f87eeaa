package import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
package import TLSConfig

/// `--format` and `--color`, and where output goes: in text mode the report to standard
/// output and the diagnostics to standard error, as git and cargo do, so `2>/dev/null` hides
/// them and a script can tell them apart; in JSON mode one document on standard output. Text
/// never carries a control character a value, variable or server could have smuggled in.
package struct TLSOutputOptions: ParsableArguments {
    /// `--format`: text for people, JSON for programs.
    @Option(name: .long, help: "Output format: text or json.")
    package var format: OutputFormat = .text

    /// `--color`: when text is coloured.
    @Option(name: .long, help: "Colour: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always or never.")
    package var color: ColorChoice = .auto

    /// Required by ArgumentParser.
    package init() {}

    /// `text` or `json`.
    package enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// For people.
        case text
        /// For programs: one document.
        case json
    }

    /// When to colour text.
    package enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// On a terminal, unless `NO_COLOR` or `TERM=dumb`.
        case auto
        /// Always.
        case always
        /// Never.
        case never
    }

    /// The style for standard output.
    package var style: TextStyle { style(isTerminal: Terminal.isTerminal(Terminal.standardOutput)) }

    /// The style for standard error, decided for that stream.
    package var errorStyle: TextStyle { style(isTerminal: Terminal.isTerminal(Terminal.standardError)) }

    private func style(isTerminal: Bool) -> TextStyle {
        switch color {
        case .always: TextStyle(color: true)
        case .never: .plain
        case .auto: .automatic(isTerminal: isTerminal, environment: ProcessInfo.processInfo.environment)
        }
    }

    /// Writes `text` and `diagnostics` (text mode) or `json`.
    package func emit(
        text: @autoclosure () -> String, diagnostics: @autoclosure () -> String = "", json: @autoclosure () -> JSONValue
    ) {
        switch format {
        case .text:
            Terminal.write(style.terminalSafe(text()), to: Terminal.standardOutput)
            let findings = diagnostics()
            if !findings.isEmpty { Terminal.write(errorStyle.terminalSafe(findings), to: Terminal.standardError) }
        case .json:
            Terminal.write(json().rendered() + "\n", to: Terminal.standardOutput)
        }
    }
}
