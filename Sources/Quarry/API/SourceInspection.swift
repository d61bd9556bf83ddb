/// Questions an editor or a REPL asks of source text before it is a whole program.
public enum SourceInspection {
    /// Whether the text stops in the middle of a statement: an open bracket or comment, or a
    /// last token that needs something after it (`|`, an operator, `where`, `and`, `let x =`).
    /// A REPL keeps reading lines while this is true. A string cannot span lines, so an
    /// unterminated one is an error to report at once, not a reason to read on.
    public static func isIncomplete(_ text: String) -> Bool {
        var lexer = Lexer(text)
        let tokens = lexer.tokenize()
        if lexer.diagnostics.contains(where: { $0.message == "unterminated comment" }) {
            return true
        }
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket: depth -= 1
            default: break
            }
        }
        if depth > 0 { return true }
        guard let last = tokens.dropLast().last else { return false }
        switch last.kind {
        case .pipe, .comma, .dot, .colon, .assign, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
             .plus, .minus, .star, .slash, .percent:
            return true
        case .identifier:
            let continuing: Set<String> = ["where", "and", "or", "not", "in", "by", "let", "with", "until", "of"]
            return !last.quoted && continuing.contains(last.text.lowercased())
        default:
            return false
        }
    }

    /// What a stretch of source is, for colouring it.
    public enum TokenClass: Sendable, Hashable {
        case keyword, name, function, string, number, date, parameter, operator_, comment, error
    }

    /// The classes of the source's tokens, as UTF-8 byte ranges, in order. Comments and text the
    /// lexer cannot read come back too, so that everything can be shown.
    public static func classify(_ text: String) -> [(range: Range<Int>, tokenClass: TokenClass)] {
        var lexer = Lexer(text)
        let tokens = lexer.tokenize()
        var result: [(Range<Int>, TokenClass)] = []
        for (i, token) in tokens.enumerated() where token.kind != .eof {
            let range = token.span.start..<token.span.end
            switch token.kind {
            case .identifier:
                let lower = token.text.lowercased()
                let isCall = i + 1 < tokens.count && tokens[i + 1].isCall
                if !token.quoted && (Keywords.reserved.contains(lower) || Keywords.pipes.contains(lower) && i > 0 && tokens[i - 1].kind == .pipe) {
                    result.append((range, .keyword))
                } else {
                    result.append((range, isCall ? .function : .name))
                }
            case .string: result.append((range, .string))
            case .int, .float: result.append((range, .number))
            case .date: result.append((range, .date))
            case .parameter: result.append((range, .parameter))
            default: result.append((range, .operator_))
            }
        }
        for diagnostic in lexer.diagnostics {
            result.append((diagnostic.span.start..<diagnostic.span.end, .error))
        }
        return result.sorted { $0.0.lowerBound < $1.0.lowerBound }
    }

    /// Words a completion menu offers: keywords, pipe names and function names.
    public static var keywords: [String] { Keywords.reserved.sorted() + Keywords.contextual }
    /// The names of the pipes.
    public static var pipes: [String] { Keywords.pipes }
}
