/// Turns source text into tokens. Problems (an unterminated string, a bad escape, a character the
/// language does not use) become diagnostics, and lexing goes on, so one pass reports them all.
struct Lexer {
    private let bytes: [UInt8]
    private var position = 0
    private var sawNewline = true
    private var previousEnd = -1
    private(set) var diagnostics: [Diagnostic] = []

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    private mutating func next() -> Token {
        skipTrivia()
        let start = position
        guard position < bytes.count else { return make(.eof, start, .null) }
        let c = bytes[position]
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            while position < bytes.count, isIdentifierByte(bytes[position]) { position += 1 }
            return make(.identifier, start, .string(text(start, position)))
        case UInt8(ascii: "`"):
            position += 1
            while position < bytes.count, bytes[position] != UInt8(ascii: "`"), bytes[position] != 0x0A { position += 1 }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "`") else {
                report("unterminated `name`", start, position, hint: "close the name with a backtick")
                return make(.identifier, start, .string(text(start + 1, position)))
            }
            position += 1
            return make(.identifier, start, .string(text(start + 1, position - 1)))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number(start)
        case UInt8(ascii: "."):
            if position + 1 < bytes.count, isDigit(bytes[position + 1]) { return number(start) }
            position += 1
            return make(.dot, start, .null)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return string(start, raw: false)
        case UInt8(ascii: "?"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") || bytes[position + 1] == UInt8(ascii: "'") {
                position += 1
                return string(start, raw: true)
            }
        case UInt8(ascii: "@"):
            return date(start)
        case UInt8(ascii: "$"):
            position += 1
            let nameStart = position
            while position < bytes.count, isIdentifierByte(bytes[position]) { position += 1 }
            if position == nameStart { report("'$' must be followed by a parameter name", start, position) }
            return make(.parameter, start, .string(text(nameStart, position)))
        default:
            break
        }
        if let symbol = symbol() { return make(symbol, start, .null) }
        // Skip one whole character, so the caret sits under it.
        position += 1
        while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        let character = text(start, position)
        let hint: String? = character == "&" ? "write 'and'" : character == "!" ? "write 'not'" : nil
        report("unexpected character '\(character)'", start, position, hint: hint)
        return next()
    }

    private mutating func symbol() -> Token.Kind? {
        let c = bytes[position]
        let n: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
        func take(_ count: Int, _ kind: Token.Kind) -> Token.Kind { position += count; return kind }
        switch (c, n) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")): return take(2, .equal)
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): return take(2, .notEqual)
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): return take(2, .lessEqual)
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): return take(2, .greaterEqual)
        case (UInt8(ascii: "|"), _): return take(1, .pipe)
        case (UInt8(ascii: ","), _): return take(1, .comma)
        case (UInt8(ascii: ":"), _): return take(1, .colon)
        case (UInt8(ascii: ";"), _): return take(1, .semicolon)
        case (UInt8(ascii: "("), _): return take(1, .leftParen)
        case (UInt8(ascii: ")"), _): return take(1, .rightParen)
        case (UInt8(ascii: "["), _): return take(1, .leftBracket)
        case (UInt8(ascii: "]"), _): return take(1, .rightBracket)
        case (UInt8(ascii: "="), _): return take(1, .assign)
        case (UInt8(ascii: "<"), _): return take(1, .less)
        case (UInt8(ascii: ">"), _): return take(1, .greater)
        case (UInt8(ascii: "+"), _): return take(1, .plus)
        case (UInt8(ascii: "-"), _): return take(1, .minus)
        case (UInt8(ascii: "*"), _): return take(1, .star)
        case (UInt8(ascii: "/"), _): return take(1, .slash)
        case (UInt8(ascii: "%"), _): return take(1, .percent)
        default: return nil
        }
    }

    /// `12`, `1.5`, `.5`, `1e3`, `2.5e-3`.
    private mutating func number(_ start: Int) -> Token {
        var isFloat = false
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        if position < bytes.count, bytes[position] == UInt8(ascii: "."),
           position + 1 < bytes.count, isDigit(bytes[position + 1]) || start == position {
            isFloat = true
            position += 1
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            var p = position + 1
            if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
            if p < bytes.count, isDigit(bytes[p]) {
                isFloat = true
                position = p
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
        }
        let literal = text(start, position)
        if isFloat {
            return make(.float, start, .double(Double(literal) ?? .nan))
        }
        guard let value = Int(literal) else {
            report("the number \(literal) is too large", start, position, hint: "write it as a float: \(literal).0")
            return make(.int, start, .int(0))
        }
        return make(.int, start, .int(value))
    }

    /// `"…"` and `'…'` with escapes `\n \t \r \b \f \" \' \\ \u{…}`; `?"…"` takes every character as it is.
    private mutating func string(_ start: Int, raw: Bool) -> Token {
        let quote = bytes[position]
        position += 1
        var out: [UInt8] = []
        while position < bytes.count, bytes[position] != quote {
            let c = bytes[position]
            if c == 0x0A {
                break
            }
            if c == UInt8(ascii: "\\") && !raw {
                let escapeStart = position
                position += 1
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): out.append(e)
                case UInt8(ascii: "u"):
                    switch unicodeEscape() {
                    case .scalar(let scalar):
                        out.append(contentsOf: Array(String(scalar).utf8))
                    case .malformed:
                        report("a \\u escape is written \\u{hex digits}", escapeStart, position, hint: "for example \\u{e9} for é")
                    case .surrogate(let value):
                        report("\\u{\(String(value, radix: 16))} is a UTF-16 surrogate, not a character", escapeStart, position,
                               hint: "write the character's own code point, such as \\u{1F600}, not a surrogate pair")
                    case .outOfRange(let value):
                        report("\\u{\(String(value, radix: 16))} is beyond the last Unicode code point, 10FFFF", escapeStart, position)
                    }
                default:
                    report("unknown escape '\\\(text(position - 1, position))'", escapeStart, position,
                           hint: "write \\\\ for a backslash, or use a raw string ?\"…\"")
                }
                continue
            }
            if raw && c == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == quote {
                out.append(c)
                position += 1
            }
            out.append(c)
            position += 1
        }
        guard position < bytes.count, bytes[position] == quote else {
            report("unterminated string", start, position, hint: "close it with \(quote == UInt8(ascii: "'") ? "'" : "\"") on the same line")
            return make(.string, start, .string(String(decoding: out, as: UTF8.self)))
        }
        position += 1
        return make(.string, start, .string(String(decoding: out, as: UTF8.self)))
    }

    /// What a `\u{…}` escape holds.
    private enum UnicodeEscape {
        case scalar(Unicode.Scalar)
        case malformed
        case surrogate(UInt32)
        case outOfRange(UInt32)
    }

    private mutating func unicodeEscape() -> UnicodeEscape {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { return .malformed }
        var p = position + 1
        var value: UInt32 = 0
        var digits = 0
        while p < bytes.count, let digit = hexValue(bytes[p]), digits < 8 {
            value = value * 16 + digit
            digits += 1
            p += 1
        }
        guard digits > 0, p < bytes.count, bytes[p] == UInt8(ascii: "}") else { return .malformed }
        position = p + 1
        if (0xD800...0xDFFF).contains(value) { return .surrogate(value) }
        guard let scalar = Unicode.Scalar(value) else { return .outOfRange(value) }
        return .scalar(scalar)
    }

    /// `@2021-05-12`, `@2021-05`, `@2021`, `@1920s`, `@2002/2020`, `@2021-05-12T10:43:00Z`, and
    /// `@"early 2000s"`.
    private mutating func date(_ start: Int) -> Token {
        position += 1
        var literal: String
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            let (newline, end) = (sawNewline, previousEnd)
            let token = string(position, raw: false)
            (sawNewline, previousEnd) = (newline, end)
            guard case .string(let s) = token.value else { return make(.date, start, .null) }
            literal = s
        } else {
            let literalStart = position
            while position < bytes.count,
                  isDigit(bytes[position]) || bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "/")
                    || bytes[position] == UInt8(ascii: "s") {
                position += 1
            }
            timeOfDay()
            literal = text(literalStart, position)
        }
        // Quoted, a date is written as the corpus's own time expressions are: @"May 2021", @"the 1920s".
        guard let date = QuarryDate(text: literal) else {
            report("'@\(literal)' is not a date", start, position,
                   hint: "dates are written @2021-05-12, @2021-05-12T10:43:00Z, @2021-05, @2021, @1920s, @2002/2020, @\"early 2000s\" or @\"May 12, 2021\"")
            return make(.date, start, .null)
        }
        return make(.date, start, .date(date))
    }

    /// The time of an instant literal, `T10:43`, `T10:43:00Z`, `T10:43:00.25+02:00`: read
    /// whole, so that a zone's sign is not taken for an operator.
    private mutating func timeOfDay() {
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "T"), isDigit(bytes[position + 1]) else { return }
        position += 1
        while position < bytes.count, isDigit(bytes[position]) || bytes[position] == UInt8(ascii: ":") || bytes[position] == UInt8(ascii: ".") {
            position += 1
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "Z") {
            position += 1
        } else if position + 5 < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"),
                  isDigit(bytes[position + 1]), isDigit(bytes[position + 2]), bytes[position + 3] == UInt8(ascii: ":") {
            position += 6
        }
    }

    private mutating func skipTrivia() {
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x0A {
                sawNewline = true
                position += 1
            } else if c == 0x20 || c == 0x09 || c == 0x0D {
                position += 1
            } else if c == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            } else if c == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                let start = position
                position += 2
                while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) {
                    if bytes[position] == 0x0A { sawNewline = true }
                    position += 1
                }
                if position + 1 >= bytes.count {
                    report("unterminated comment", start, start + 2, hint: "close it with */")
                    position = bytes.count
                } else {
                    position += 2
                }
            } else {
                return
            }
        }
    }

    private mutating func make(_ kind: Token.Kind, _ start: Int, _ value: Value) -> Token {
        let token = Token(kind: kind, text: text(start, position), span: SourceSpan(start, position), value: value,
                          newlineBefore: sawNewline, adjacent: previousEnd == start)
        sawNewline = false
        previousEnd = position
        return token
    }

    private mutating func report(_ message: String, _ start: Int, _ end: Int, hint: String? = nil) {
        diagnostics.append(Diagnostic(.syntax, message, at: SourceSpan(start, end), hint: hint))
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || isDigit(c) || c == UInt8(ascii: "_")
    }

    private func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        default: return nil
        }
    }
}
