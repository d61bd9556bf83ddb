/// A token of Quarry source.
struct Token: Sendable {
    enum Kind: String, Sendable {
        case identifier, int, float, string, date, parameter
        case pipe = "|", comma = ",", dot = ".", colon = ":", semicolon = ";"
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
        case assign = "=", equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
        case eof
    }

    let kind: Kind
    /// The source text of the token.
    let text: String
    let span: SourceSpan
    /// The literal's value, for numbers, strings and dates; the name, for identifiers and parameters.
    let value: Value
    /// Whether a line break separates this token from the one before: a statement can end there.
    let newlineBefore: Bool
    /// Whether the token touches the one before (`30s` in `maxspan=30s`).
    let adjacent: Bool

    /// The identifier's name when it is one, lower-cased for keyword checks.
    var word: String? {
        guard kind == .identifier, case .string(let name) = value else { return nil }
        return name
    }

    func isKeyword(_ keyword: String) -> Bool {
        kind == .identifier && !quoted && text.lowercased() == keyword
    }

    /// An opening parenthesis right after the previous token: the name before it is called.
    var isCall: Bool { kind == .leftParen && adjacent }

    /// Whether an identifier was written in backticks (and so is never a keyword).
    var quoted: Bool { text.hasPrefix("`") }
}

/// Words the parser reserves: they cannot name a field or binding without backticks.
enum Keywords {
    static let reserved: Set<String> = [
        "and", "or", "not", "in", "where", "let", "true", "false", "null", "sequence", "join", "by",
        "with", "until", "of",
    ]
    /// Pipe names: contextual, reserved only right after `|`.
    static let pipes: [String] = [
        "head", "tail", "sort", "unique", "unique_count", "count", "filter", "select", "summarize", "bars",
    ]
    /// Words with a meaning only where they stand: `as` and `=` in `select`, `asc` and `desc` in
    /// `sort`, `maxspan` after `with`, `fork` after a sequence stage.
    static let contextual: [String] = ["as", "asc", "desc", "maxspan", "fork"]
    /// Lineage operators inside a `where`: operators only before `of`, names anywhere else.
    static let lineage: [String] = ["descendant", "child", "event"]
}
