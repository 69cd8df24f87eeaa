internal import CYAML

/// Owns one libyaml parser and hands out its events as `YAMLEvent`s.
///
/// Non-copyable so the C parser is deleted exactly once, by `deinit`, whichever way parsing ends.
/// The parser lives at a fixed heap address because libyaml keeps a pointer to it as its read
/// handler's context.
struct YAMLEventReader: ~Copyable {
    private let source: YAMLSourceText
    private let parser: UnsafeMutablePointer<yaml_parser_t>

    /// `input` must stay valid for the reader's lifetime: libyaml reads it lazily.
    init(input: UnsafeBufferPointer<UInt8>, source: YAMLSourceText) throws(ConfigSyntaxError) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw ConfigSyntaxError(
                "out of memory while starting the YAML parser", at: SourcePosition(line: 1, column: 1))
        }
        if let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, input.count)
        }
        self.source = source
        // Assigned last: nothing after this point throws, so `deinit` owns the cleanup.
        self.parser = parser
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    func next() throws(ConfigSyntaxError) -> YAMLEvent {
        var event = yaml_event_t()
        // Deleting is safe on every path: libyaml zeroes the event before filling it.
        defer { yaml_event_delete(&event) }
        guard yaml_parser_parse(parser, &event) == 1 else {
            throw currentError()
        }
        let span = SourceSpan(start: Self.position(event.start_mark), end: Self.position(event.end_mark))
        let kind: YAMLEvent.Kind
        switch event.type {
        case YAML_STREAM_START_EVENT:
            kind = .streamStart
        case YAML_STREAM_END_EVENT:
            kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            kind = .documentStart
        case YAML_DOCUMENT_END_EVENT:
            kind = .documentEnd
        case YAML_ALIAS_EVENT:
            kind = .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text =
                scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                } ?? ""
            let style: YAMLScalar.Style =
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            let properties = YAMLNodeProperties(anchor: Self.string(scalar.anchor), tag: Self.string(scalar.tag))
            kind = .scalar(YAMLScalar(text: text, style: style, properties: properties))
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            kind = .sequenceStart(
                YAMLNodeProperties(anchor: Self.string(start.anchor), tag: Self.string(start.tag)),
                isFlow: start.style == YAML_FLOW_SEQUENCE_STYLE
            )
        case YAML_SEQUENCE_END_EVENT:
            kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            kind = .mappingStart(
                YAMLNodeProperties(anchor: Self.string(start.anchor), tag: Self.string(start.tag)),
                isFlow: start.style == YAML_FLOW_MAPPING_STYLE
            )
        case YAML_MAPPING_END_EVENT:
            kind = .mappingEnd
        default:
            // libyaml only returns an empty event after the stream has ended, which the caller
            // never reads past.
            throw ConfigSyntaxError("unexpected end of the YAML event stream", at: span.start)
        }
        return YAMLEvent(kind: kind, span: span)
    }

    /// libyaml's description of what went wrong, at the position it names.
    private func currentError() -> ConfigSyntaxError {
        let state = parser.pointee
        let problem = Self.string(state.problem) ?? "invalid YAML"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return ConfigSyntaxError("out of memory while reading YAML", at: SourcePosition(line: 1, column: 1))
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset and the offending character, not a mark.
            var message = problem
            if state.problem_value >= 0 {
                let hex = String(state.problem_value, radix: 16, uppercase: true)
                message += " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex))"
            }
            return ConfigSyntaxError(message, at: source.position(ofByteOffset: state.problem_offset))
        default:
            let position = Self.position(state.problem_mark)
            var problem = problem
            if source.scalar(atCharacterIndex: Int(state.problem_mark.index)) == "\t" {
                problem += " (a tab; YAML indentation must use spaces)"
            }
            guard let context = Self.string(state.context) else {
                return ConfigSyntaxError(problem, at: position)
            }
            return ConfigSyntaxError(
                "\(problem) \(context)", at: position,
                related: Self.position(state.context_mark), relatedMessage: context
            )
        }
    }

    /// libyaml marks are 0-based and count characters; positions are 1-based and count scalars.
    private static func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }
}
