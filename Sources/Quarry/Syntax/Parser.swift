/// A recursive-descent parser: one method per rule of `grammar/quarry.ebnf`, loosest first.
///
/// A statement that fails to parse is reported and skipped up to the next line that can start a
/// statement, so one run reports every broken statement. Nesting deeper than `maxDepth` is an
/// error, never a stack overflow.
struct Parser {
    private var tokens: [Token]
    private var current = 0
    var depth = 0
    /// Off while parsing the keys of a sequence or join: there "[" opens the next stage.
    var allowIndex = true
    private(set) var diagnostics: [Diagnostic] = []
    let maxDepth: Int

    /// Thrown to unwind to the statement being parsed; the diagnostic is already recorded.
    struct Failure: Error {}

    init(tokens: [Token], maxDepth: Int = 200) {
        self.tokens = tokens
        self.maxDepth = maxDepth
    }

    /// script = { statement [";"] } EOF
    mutating func parseScript() -> [Statement] {
        var statements: [Statement] = []
        while !check(.eof) {
            if match(.semicolon) { continue }
            let start = current
            do {
                let statement = try self.statement()
                statements.append(statement)
                if !check(.eof) && !check(.semicolon) && !peek.newlineBefore {
                    throw fail("expected the end of the statement, found \(describe(peek))",
                               hint: "put the next statement on a new line or after ';'")
                }
            } catch {
                synchronize(from: start)
            }
        }
        return statements
    }

    // MARK: Statements

    /// statement = "let" NAME [ "(" [ NAME { "," NAME } ] ")" ] "=" pipeline | pipeline
    private mutating func statement() throws(Failure) -> Statement {
        guard peek.isKeyword("let") else { return .expression(try pipeline()) }
        let start = advance().span
        let nameToken = try expectName("after 'let'")
        var parameters: [String]? = nil
        if match(.leftParen) {
            var names: [String] = []
            if !check(.rightParen) {
                repeat { names.append(try expectName("as a parameter").text) } while match(.comma)
            }
            try expect(.rightParen, "to close the parameter list")
            parameters = names
        }
        try expect(.assign, "after the name being bound", hint: "write let \(nameToken.text) = …")
        let body = try pipeline()
        return .binding(name: nameToken.text, parameters: parameters, body, start.union(body.span), nameSpan: nameToken.span)
    }

    // MARK: Queries

    /// pipeline = query { "|" pipe }
    mutating func pipeline() throws(Failure) -> Expr {
        var expr = try query()
        let entry = depth
        defer { depth = entry }
        while match(.pipe) {
            try deeper()
            let pipe = try self.pipe()
            expr = .pipe(expr, pipe, expr.span.union(pipe.span))
        }
        return expr
    }

    /// query = orExpr [ "where" orExpr ]
    private mutating func query() throws(Failure) -> Expr {
        let source = try orExpr()
        guard peek.isKeyword("where") else { return source }
        advance()
        let condition = try orExpr()
        return .filter(source, condition, source.span.union(condition.span))
    }

    // MARK: Expressions

    /// orExpr = andExpr { "or" andExpr }
    ///
    /// Each call is one level of nesting (parentheses, arguments and lists all come back here);
    /// the length of a chain is not nesting: `a or b or …` is one flat node however long.
    mutating func orExpr() throws(Failure) -> Expr {
        try nested { (p: inout Parser) throws(Failure) -> Expr in
            var operands = [try p.andExpr()]
            while p.peek.isKeyword("or") {
                p.advance()
                operands.append(try p.andExpr())
            }
            return Self.logical(.or, operands)
        }
    }

    /// andExpr = notExpr { "and" notExpr }
    private mutating func andExpr() throws(Failure) -> Expr {
        var operands = [try notExpr()]
        while peek.isKeyword("and") {
            advance()
            operands.append(try notExpr())
        }
        return Self.logical(.and, operands)
    }

    private static func logical(_ op: BinaryOperator, _ operands: [Expr]) -> Expr {
        operands.count == 1 ? operands[0] : .logical(op, operands, operands[0].span.union(operands[operands.count - 1].span))
    }

    /// Operands of one precedence level, left to right: one operand as itself, two as a binary
    /// node, more as a flat chain.
    private static func chain(_ first: Expr, _ links: [ArithmeticLink]) -> Expr {
        switch links.count {
        case 0: return first
        case 1: return .binary(links[0].op, first, links[0].operand, first.span.union(links[0].operand.span))
        default: return .arithmetic(first, links, first.span.union(links[links.count - 1].operand.span))
        }
    }

    /// notExpr = "not" notExpr | comparison
    private mutating func notExpr() throws(Failure) -> Expr {
        guard peek.isKeyword("not") else { return try comparison() }
        let start = advance().span
        let operand = try nested { (p: inout Parser) throws(Failure) -> Expr in try p.notExpr() }
        return .not(operand, start.union(operand.span))
    }

    /// comparison = additive [ ("==" | "=" | "!=" | "<" | "<=" | ">" | ">=") additive
    ///                       | ["not"] "in" ( "(" pipeline { "," pipeline } ")" | additive ) ]
    private mutating func comparison() throws(Failure) -> Expr {
        let left = try additive()
        let operators: [Token.Kind: BinaryOperator] = [
            .equal: .equal, .assign: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
            .greater: .greater, .greaterEqual: .greaterEqual,
        ]
        if let op = operators[peek.kind] {
            advance()
            let right = try additive()
            if let chained = operators[peek.kind] {
                throw fail("comparisons do not chain: '\(chained.rawValue)' after '\(op.rawValue)'",
                           hint: "join them with 'and': a < b and b < c")
            }
            return .binary(op, left, right, left.span.union(right.span))
        }
        var negated = false
        if peek.isKeyword("not"), peekAhead(1).isKeyword("in") {
            advance()
            negated = true
        }
        guard peek.isKeyword("in") else { return left }
        advance()
        if check(.leftParen) {
            let open = advance().span
            var items: [Expr] = []
            if !check(.rightParen) {
                repeat { items.append(try pipeline()) } while match(.comma)
            }
            let close = try expect(.rightParen, "to close the list after 'in'")
            // `x in (events).actor`: the parentheses were around one expression, which goes on.
            if items.count == 1, check(.dot) || check(.colon) || (check(.leftBracket) && !peek.newlineBefore) {
                let base = try postfix(after: items[0])
                return .inArray(left, base, negated: negated, left.span.union(base.span))
            }
            return .inList(left, items, negated: negated, left.span.union(open).union(close.span))
        }
        let right = try additive()
        return .inArray(left, right, negated: negated, left.span.union(right.span))
    }

    /// additive = multiplicative { ("+" | "-") multiplicative }
    private mutating func additive() throws(Failure) -> Expr {
        let first = try multiplicative()
        var links: [ArithmeticLink] = []
        while check(.plus) || check(.minus) {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            links.append(ArithmeticLink(op: op, operand: try multiplicative()))
        }
        return Self.chain(first, links)
    }

    /// multiplicative = unary { ("*" | "/" | "%") unary }
    private mutating func multiplicative() throws(Failure) -> Expr {
        let first = try unary()
        var links: [ArithmeticLink] = []
        while check(.star) || check(.slash) || check(.percent) {
            let kind = advance().kind
            let op: BinaryOperator = kind == .star ? .multiply : kind == .slash ? .divide : .modulo
            links.append(ArithmeticLink(op: op, operand: try unary()))
        }
        return Self.chain(first, links)
    }

    /// unary = "-" unary | "+" unary | postfix
    private mutating func unary() throws(Failure) -> Expr {
        if check(.minus) || check(.plus) {
            let token = advance()
            let operand = try nested { (p: inout Parser) throws(Failure) -> Expr in try p.unary() }
            if token.kind == .plus { return operand }
            if case .literal(.int(let i), let s) = operand { return .literal(.int(-i), token.span.union(s)) }
            if case .literal(.double(let d), let s) = operand { return .literal(.double(-d), token.span.union(s)) }
            return .negate(operand, token.span.union(operand.span))
        }
        return try postfix()
    }

    /// postfix = primary { "." NAME | "[" pipeline "]" | ":" NAME "(" args ")" }
    /// (a "[" or "(" on a new line starts something new, not an index or a call)
    private mutating func postfix() throws(Failure) -> Expr {
        try postfix(after: try primary())
    }

    /// The `.name`, `[index]` and `:method()` that follow an expression already parsed.
    private mutating func postfix(after start: Expr) throws(Failure) -> Expr {
        var expr = start
        let entry = depth
        defer { depth = entry }
        while true {
            if check(.dot) || check(.colon) || (check(.leftBracket) && !peek.newlineBefore && allowIndex) { try deeper() }
            if match(.dot) {
                let name = try expectName("after '.'", allowKeywords: true)
                expr = .member(expr, name.text, expr.span.union(name.span))
            } else if check(.leftBracket) && !peek.newlineBefore && allowIndex {
                advance()
                let index = try pipeline()
                let close = try expect(.rightBracket, "to close the index")
                expr = .index(expr, index, expr.span.union(close.span))
            } else if match(.colon) {
                let name = try expectName("as a method after ':'")
                try expect(.leftParen, "after the method name")
                let args = try arguments()
                expr = .call(name.text, [expr] + args.items, expr.span.union(args.end), nameSpan: name.span)
            } else {
                return expr
            }
        }
    }

    private mutating func arguments() throws(Failure) -> (items: [Expr], end: SourceSpan) {
        var items: [Expr] = []
        if !check(.rightParen) {
            repeat { items.append(try pipeline()) } while match(.comma)
        }
        let close = try expect(.rightParen, "to close the arguments")
        return (items, close.span)
    }

    /// primary = literal | PARAMETER | NAME [ "(" args ")" ] | "(" pipeline ")" | "[" [ list ] "]"
    ///         | sequence | join | lineage
    private mutating func primary() throws(Failure) -> Expr {
        let token = peek
        switch token.kind {
        case .int, .float, .string, .date:
            advance()
            return .literal(token.value, token.span)
        case .parameter:
            advance()
            return .parameter(token.word ?? token.text.dropFirst().description, token.span)
        case .leftParen:
            advance()
            let inner = try pipeline()  // one level: the `or` rule inside counts it
            try expect(.rightParen, "to close the parenthesis")
            return inner
        case .leftBracket:
            let open = advance().span
            var items: [Expr] = []
            if !check(.rightBracket) {
                repeat { items.append(try pipeline()) } while match(.comma)
            }
            let close = try expect(.rightBracket, "to close the list")
            return .array(items, open.union(close.span))
        case .identifier:
            return try identifierExpression()
        default:
            throw fail("expected an expression, found \(describe(token))")
        }
    }

    private mutating func identifierExpression() throws(Failure) -> Expr {
        let token = peek
        let word = token.quoted ? "" : token.text.lowercased()
        switch word {
        case "true": advance(); return .literal(.bool(true), token.span)
        case "false": advance(); return .literal(.bool(false), token.span)
        case "null": advance(); return .literal(.null, token.span)
        case "sequence" where !peekAhead(1).isCall: return try sequence()
        case "join" where !peekAhead(1).isCall: return try join()
        // A lineage word is an operator only before `of`; elsewhere it names a field. (One test
        // for the three words: a `where` after a list of patterns would guard the last alone.)
        case _ where Keywords.lineage.contains(word) && peekAhead(1).isKeyword("of"):
            advance()
            advance()
            let stage = try bracketedQuery()
            return .lineage(LineageKind(rawValue: word)!, stage.query, token.span.union(stage.span))
        default:
            break
        }
        if Keywords.reserved.contains(word) && !(peekAhead(1).isCall && (word == "join" || word == "sequence")) {
            throw fail("'\(token.text)' is a keyword and cannot start an expression", hint: "write `\(token.text)` to use it as a name")
        }
        advance()
        if check(.leftParen) && !peek.newlineBefore {
            advance()
            let args = try arguments()
            return .call(token.text, args.items, token.span.union(args.end), nameSpan: token.span)
        }
        return .name(token.word ?? token.text, token.span)
    }

    // MARK: Helpers shared with the pipe and sequence rules

    /// One more link of a chain (`a + b + c`, `a.b.c`, `q | p | p`): the tree it builds is as deep
    /// as the chain is long, so it counts against the same limit as nesting.
    mutating func deeper() throws(Failure) {
        depth += 1
        if depth > maxDepth {
            throw fail("the expression nests more than \(maxDepth) levels deep", hint: "split it with let bindings", kind: .depthLimit)
        }
    }

    /// Runs a rule one level deeper, failing cleanly past `maxDepth`.
    mutating func nested(_ rule: (inout Parser) throws(Failure) -> Expr) throws(Failure) -> Expr {
        depth += 1
        defer { depth -= 1 }
        // The statement's own expression is the first call: it is not nested in anything.
        if depth > maxDepth + 1 {
            throw fail("the expression nests more than \(maxDepth) levels deep", hint: "split it with let bindings", kind: .depthLimit)
        }
        return try rule(&self)
    }

    var peek: Token { tokens[current] }

    func peekAhead(_ offset: Int) -> Token { tokens[min(current + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[current]
        if token.kind != .eof { current += 1 }
        return token
    }

    func check(_ kind: Token.Kind) -> Bool { peek.kind == kind }

    mutating func match(_ kind: Token.Kind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    @discardableResult
    mutating func expect(_ kind: Token.Kind, _ context: String, hint: String? = nil) throws(Failure) -> Token {
        guard check(kind) else {
            throw fail("expected '\(kind.rawValue)' \(context), found \(describe(peek))", hint: hint)
        }
        return advance()
    }

    mutating func expectName(_ context: String, allowKeywords: Bool = false) throws(Failure) -> Token {
        guard check(.identifier), allowKeywords || peek.quoted || !Keywords.reserved.contains(peek.text.lowercased()) else {
            throw fail("expected a name \(context), found \(describe(peek))")
        }
        let token = advance()
        return Token(kind: .identifier, text: token.word ?? token.text, span: token.span, value: token.value,
                     newlineBefore: token.newlineBefore, adjacent: token.adjacent)
    }

    mutating func fail(_ message: String, hint: String? = nil, at span: SourceSpan? = nil, kind: Diagnostic.Kind = .syntax) -> Failure {
        diagnostics.append(Diagnostic(kind, message, at: span ?? peek.span, hint: hint))
        return Failure()
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .eof: return "the end of the input"
        case .string: return "the string \(token.text)"
        case .identifier: return "'\(token.text)'"
        default: return "'\(token.text)'"
        }
    }

    /// Skips to the next token that can start a statement: after a ';', or at the start of a line
    /// outside any bracket.
    private mutating func synchronize(from start: Int) {
        if current == start { advance() }
        var brackets = 0
        while !check(.eof) {
            if brackets <= 0 && peek.newlineBefore && !check(.pipe) { return }
            switch peek.kind {
            case .leftParen, .leftBracket: brackets += 1
            case .rightParen, .rightBracket: brackets -= 1
            case .semicolon where brackets <= 0: advance(); return
            default: break
            }
            advance()
        }
    }
}
