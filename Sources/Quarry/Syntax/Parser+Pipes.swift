extension Parser {
    /// pipe = "head" [additive] | "tail" [additive] | "sort" sortKey { "," sortKey }
    ///      | "unique" exprs | "unique_count" exprs | "count" [exprs] | "filter" orExpr
    ///      | "select" item { "," item } | "summarize" item { "," item } [ "by" item { "," item } ]
    ///      | "bars" [orExpr]
    mutating func pipe() throws(Failure) -> Pipe {
        let name = peek
        guard name.kind == .identifier else {
            throw fail("expected a pipe after '|', found \(describe(name))", hint: "pipes: \(Keywords.pipes.joined(separator: ", "))")
        }
        advance()
        let word = name.text.lowercased()
        switch word {
        case "head", "tail":
            var count: Expr? = nil
            if startsExpression { count = try orExpr() }
            let span = name.span.union(count?.span ?? name.span)
            return word == "head" ? .head(count, span) : .tail(count, span)
        case "sort":
            var keys: [SortKey] = []
            var end = name.span
            repeat {
                let expr = try orExpr()
                end = expr.span
                var descending = false
                if peek.isKeyword("desc") || peek.isKeyword("asc") {
                    descending = peek.isKeyword("desc")
                    end = advance().span
                }
                keys.append(SortKey(expr: expr, descending: descending))
            } while match(.comma) || juxtaposed
            return .sort(keys, name.span.union(end))
        case "unique", "unique_count", "count":
            var keys: [Expr] = []
            if word != "count" || startsExpression {
                repeat { keys.append(try orExpr()) } while match(.comma) || juxtaposed
            }
            let span = name.span.union(keys.last?.span ?? name.span)
            return word == "unique" ? .unique(keys, span) : word == "count" ? .count(keys, span) : .uniqueCount(keys, span)
        case "filter":
            let condition = try orExpr()
            return .filter(condition, name.span.union(condition.span))
        case "select":
            let items = try selectItems()
            return .select(items, name.span.union(items.last?.expr.span ?? name.span))
        case "summarize":
            let aggregates = try selectItems()
            var keys: [SelectItem] = []
            if peek.isKeyword("by") {
                advance()
                keys = try selectItems()
            }
            return .summarize(aggregates, by: keys, name.span.union((keys.last ?? aggregates.last)?.expr.span ?? name.span))
        case "bars":
            var value: Expr? = nil
            if startsExpression { value = try orExpr() }
            return .bars(value, name.span.union(value?.span ?? name.span))
        default:
            let suggestion = Suggest.closest(to: word, among: Keywords.pipes)
            throw fail("unknown pipe '\(name.text)'", hint: suggestion.map { "did you mean '\($0)'?" }
                        ?? "pipes: \(Keywords.pipes.joined(separator: ", "))", at: name.span)
        }
    }

    /// item = NAME "=" orExpr | orExpr [ "as" NAME ]
    private mutating func selectItems() throws(Failure) -> [SelectItem] {
        var items: [SelectItem] = []
        repeat {
            if check(.identifier), tokens(at: 1).kind == .assign {
                let name = try expectName("for the column")
                advance()
                items.append(SelectItem(name: name.text, expr: try orExpr()))
                continue
            }
            let start = peek.span.start
            let expr = try orExpr()
            if peek.isKeyword("as") {
                advance()
                items.append(SelectItem(name: try expectName("after 'as'").text, expr: expr))
            } else {
                items.append(SelectItem(name: Self.columnName(for: expr, start: start), expr: expr))
            }
        } while match(.comma)
        return items
    }

    /// The name a column takes when none is given: a field's own name, else the function's.
    static func columnName(for expr: Expr, start: Int) -> String {
        switch expr {
        case .name(let n, _): return n
        case .member(let base, let n, _):
            if case .name(let b, _) = base { return "\(b).\(n)" }
            return n
        case .call(let f, let args, _, _):
            if args.isEmpty { return f }
            if case .name(let n, _) = args[0] { return "\(f)_\(n)" }
            return f
        default: return "value"
        }
    }

    /// Whether an optional argument follows: on the same line, and something an expression can start with.
    private var startsExpression: Bool {
        if peek.newlineBefore { return false }
        switch peek.kind {
        case .int, .float, .string, .date, .parameter, .leftParen, .leftBracket, .minus: return true
        case .identifier: return !peek.isKeyword("by") && !peek.isKeyword("where")
        default: return false
        }
    }

    /// EQL also separates a pipe's keys with spaces: `| unique_count event_type process_name`.
    private var juxtaposed: Bool {
        startsExpression && !peek.isKeyword("asc") && !peek.isKeyword("desc") && peek.kind != .minus
    }

    func tokens(at offset: Int) -> Token {
        peekAhead(offset)
    }

    // MARK: Sequences and joins

    /// sequence = "sequence" [ "by" exprs ] [ "with" "maxspan" "=" NUMBER [UNIT] ] stage { stage } [ "until" stage ]
    mutating func sequence() throws(Failure) -> Expr {
        let start = advance().span
        var by: [Expr] = []
        var maxspan: SequenceQuery.Duration? = nil
        for _ in 0..<2 {
            if peek.isKeyword("by") {
                advance()
                by = try expressionList()
            } else if peek.isKeyword("with") {
                advance()
                maxspan = try self.maxspan()
            }
        }
        var (stages, until, end) = try stagesAndUntil(minimum: 1, kind: "sequence")
        // Quarry also takes `with maxspan=…` after the stages, where it reads naturally.
        if maxspan == nil && peek.isKeyword("with") {
            advance()
            let duration = try self.maxspan()
            maxspan = duration
            end = end.union(duration.span)
        }
        return .sequence(SequenceQuery(by: by, maxspan: maxspan, stages: stages, until: until, span: start.union(end)))
    }

    /// join = "join" [ "by" exprs ] stage { stage } [ "until" stage ]
    mutating func join() throws(Failure) -> Expr {
        let start = advance().span
        var by: [Expr] = []
        if peek.isKeyword("by") {
            advance()
            by = try expressionList()
        }
        let (stages, until, end) = try stagesAndUntil(minimum: 1, kind: "join")
        return .join(JoinQuery(by: by, stages: stages, until: until, span: start.union(end)))
    }

    private mutating func stagesAndUntil(minimum: Int, kind: String) throws(Failure) -> ([Stage], Stage?, SourceSpan) {
        var stages: [Stage] = []
        while check(.leftBracket) { stages.append(try stage()) }
        if stages.count < minimum {
            throw fail("a \(kind) needs at least one stage in brackets, found \(describe(peek))", hint: "\(kind) [collection where …] [collection where …]")
        }
        var until: Stage? = nil
        if peek.isKeyword("until") {
            advance()
            until = try stage()
        }
        return (stages, until, (until ?? stages.last!).span)
    }

    /// stage = "[" pipeline "]" { "by" exprs | "fork" [ "=" ("true" | "false") ] }
    private mutating func stage() throws(Failure) -> Stage {
        var stage = try bracketedQuery()
        // `by` and `fork` may come in either order.
        while true {
            if peek.isKeyword("by") && stage.by.isEmpty {
                advance()
                stage.by = try expressionList()
                stage.span = stage.span.union(stage.by.last!.span)
            } else if peek.isKeyword("fork") {
                stage.span = stage.span.union(advance().span)
                stage.fork = true
                if match(.assign) {
                    let value = advance()
                    stage.fork = value.isKeyword("true") || value.text == "1"
                }
            } else {
                return stage
            }
        }
    }

    mutating func bracketedQuery() throws(Failure) -> Stage {
        let open = try expect(.leftBracket, "to open a query in brackets")
        let saved = allowIndex
        allowIndex = true
        defer { allowIndex = saved }
        let query = try pipeline()
        let close = try expect(.rightBracket, "to close the query in brackets")
        return Stage(query: query, by: [], fork: false, span: open.span.union(close.span))
    }

    /// Keys after "by": a "[" that follows them opens the next stage, never an index.
    private mutating func expressionList() throws(Failure) -> [Expr] {
        let saved = allowIndex
        allowIndex = false
        defer { allowIndex = saved }
        var items: [Expr] = []
        repeat { items.append(try orExpr()) } while match(.comma)
        return items
    }

    /// maxspan = "maxspan" "=" NUMBER [UNIT]: ms, s, m (minutes), h, d, and the extensions w, mo, y.
    private mutating func maxspan() throws(Failure) -> SequenceQuery.Duration {
        guard peek.isKeyword("maxspan") else { throw fail("expected 'maxspan' after 'with', found \(describe(peek))") }
        let start = advance().span
        try expect(.assign, "after 'maxspan'")
        let number = peek
        guard number.kind == .int || number.kind == .float, let amount = number.value.number else {
            throw fail("expected a number after 'maxspan=', found \(describe(number))")
        }
        advance()
        var unit = ""
        var end = number.span
        if check(.identifier) && peek.adjacent {
            let token = advance()
            unit = token.text.lowercased()
            end = token.span
            guard Self.durationUnits[unit] != nil else {
                throw fail("unknown time unit '\(token.text)'", hint: "units: ms, s, m (minutes), h, d, w, mo, y", at: token.span)
            }
        }
        return SequenceQuery.Duration(amount: amount, unit: unit, span: start.union(end))
    }

    /// Units of `maxspan`, in seconds; months and years are calendar-average lengths.
    static let durationUnits: [String: Double] = [
        "": 1, "ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86_400,
        "w": 604_800, "mo": 2_629_746, "y": 31_556_952,
    ]
}

/// "Did you mean …?" for names that were almost right.
enum Suggest {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lower, candidate.lowercased())
            if d <= max(1, min(3, word.count / 3 + 1)), best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
