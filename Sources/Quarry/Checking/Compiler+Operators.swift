extension Compiler {
    // MARK: Binary operators

    func binary(_ op: BinaryOperator, _ leftExpr: Expr, _ rightExpr: Expr, _ span: SourceSpan, _ scope: Scope) -> Compiled {
        let left = compile(leftExpr, scope)
        let right = compile(rightExpr, scope)
        let ops = operations
        switch op {
        case .and, .or:
            checkBoolean(left, leftExpr.span, "'\(op.rawValue)'")
            checkBoolean(right, rightExpr.span, "'\(op.rawValue)'")
            let isAnd = op == .and
            // EQL's three-valued logic: `and` is false if any side is, else null if any is null.
            return fold(Compiled(eval: { ctx, frame throws(RuntimeFailure) in
                let a = try left.eval(ctx, &frame).truth
                if let a, a != isAnd { return .bool(a) }
                let c = try right.eval(ctx, &frame).truth
                if let c, c != isAnd { return .bool(c) }
                if a == nil || c == nil { return .null }
                return .bool(isAnd)
            }, type: .bool), [left, right], span)

        case .equal, .notEqual:
            let negated = op == .notEqual
            // `x == null` asks whether x is null, and is never null itself.
            if left.constant == .null || right.constant == .null {
                let other = left.constant == .null ? right : left
                return fold(Compiled(eval: { ctx, frame throws(RuntimeFailure) in
                    .bool(try other.eval(ctx, &frame).isNull != negated)
                }, type: .bool), [other], span)
            }
            checkComparable(left, right, span, op)
            if case .string(let pattern)? = right.constant, Wildcard.hasWildcard(pattern) {
                let wildcard = Wildcard(pattern, caseSensitive: ops.caseSensitive)
                return Compiled(eval: { ctx, frame throws(RuntimeFailure) in
                    switch try left.eval(ctx, &frame).keyed {
                    case .string(let s): return .bool(wildcard.matches(s) != negated)
                    default: return .null
                    }
                }, type: .bool)
            }
            return fold(Compiled(eval: { ctx, frame throws(RuntimeFailure) in
                let result = ops.equals(try left.eval(ctx, &frame), try right.eval(ctx, &frame))
                if negated, case .bool(let b) = result { return .bool(!b) }
                return result
            }, type: .bool), [left, right], span)

        case .less, .lessEqual, .greater, .greaterEqual:
            checkComparable(left, right, span, op)
            for side in [left, right] {
                if case .array = side.type { report(.type, "'\(op.rawValue)' cannot order arrays", span) }
            }
            let comparison: ValueOperations.Comparison =
                op == .less ? .less : op == .lessEqual ? .lessOrEqual : op == .greater ? .greater : .greaterOrEqual
            return fold(Compiled(eval: { ctx, frame throws(RuntimeFailure) in
                ops.compare(try left.eval(ctx, &frame), comparison, try right.eval(ctx, &frame))
            }, type: .bool), [left, right], span)

        case .add, .subtract, .multiply, .divide, .modulo:
            let arithmetic = ValueOperations.Arithmetic(rawValue: op.rawValue)!
            let isDateMath = left.type == .date || right.type == .date
            if !isDateMath {
                checkNumeric(left, leftExpr.span, "'\(op.rawValue)'")
                checkNumeric(right, rightExpr.span, "'\(op.rawValue)'")
            }
            let type: StaticType
            switch (left.type, right.type, op) {
            case (.int, .int, _): type = .int
            case (.date, .date, .subtract): type = .int
            case (.date, _, .add), (_, .date, .add), (.date, _, .subtract): type = .date
            case (.float, _, _), (_, .float, _): type = .float
            default: type = .any
            }
            if left.type == .string || right.type == .string {
                return .constant(.null)
            }
            return fold(Compiled(eval: { ctx, frame throws(RuntimeFailure) in
                ops.arithmetic(arithmetic, try left.eval(ctx, &frame), try right.eval(ctx, &frame))
            }, type: type), [left, right], span)
        }
    }

    private func checkComparable(_ left: Compiled, _ right: Compiled, _ span: SourceSpan, _ op: BinaryOperator) {
        checkDateText(left, right, span)
        guard !left.type.comparable(with: right.type) else { return }
        let hint: String?
        switch (left.type, right.type) {
        case (.int, .string), (.float, .string):
            if case .string(let text)? = right.constant, Double(text) != nil {
                hint = "write the number without quotes: \(text)"
            } else {
                hint = nil
            }
        case (.string, .int), (.string, .float):
            hint = "quote the number, or compare with number(…)"
        case (.date, .int), (.int, .date):
            hint = "write a date literal, such as @2021, or compare year(date)"
        case (.row(let shape), _), (_, .row(let shape)):
            hint = shape.keyType.map { "\(shape.name) rows compare as their key, \($0.withArticle)" }
        default:
            hint = nil
        }
        report(.type, "cannot compare \(left.type) with \(right.type) using '\(op.rawValue)'", span, hint: hint)
    }

    /// A date compared with text reads the text as a date (`date >= "May 2021"`); text that is
    /// no date would match nothing, silently, so it is an error when it is written in the query.
    private func checkDateText(_ left: Compiled, _ right: Compiled, _ span: SourceSpan) {
        for (date, text) in [(left, right), (right, left)] where date.type == .date {
            guard case .string(let s)? = text.constant, QuarryDate(text: s) == nil else { continue }
            report(.type, "\(Value.string(s).literal) is not a date, so no date can equal or be ordered with it", span,
                   hint: "write a date such as @2021-05, \"May 2021\" or \"2021-05-12\"")
        }
    }

    // MARK: Membership

    /// `x in (a, b, c)`: true if x equals any item, false if none and none is null; null if x is null.
    func membership(_ needleExpr: Expr, _ items: [Compiled], negated: Bool, _ span: SourceSpan, _ scope: Scope) -> Compiled {
        let needle = compile(needleExpr, scope)
        for item in items where !needle.type.comparable(with: item.type) {
            report(.type, "cannot look for \(needle.type.withArticle) among \(item.type) values", span)
            break
        }
        let ops = operations
        return fold(Compiled(eval: { ctx, frame throws(RuntimeFailure) in
            let value = try needle.eval(ctx, &frame)
            if value.isNull { return .null }
            var found = false
            for item in items where ops.equals(value, try item.eval(ctx, &frame)) == .bool(true) {
                found = true
                break
            }
            return .bool(found != negated)
        }, type: .bool), [needle] + items, span)
    }

    /// `x in array`: the same test against the items of an array computed at run time.
    func membership(_ needleExpr: Expr, array: Compiled, negated: Bool, _ span: SourceSpan, _ scope: Scope) -> Compiled {
        let needle = compile(needleExpr, scope)
        switch array.type {
        case .array, .any, .null: break
        default: report(.type, "'in' needs a list in parentheses or an array, not \(array.type.withArticle)", span,
                        hint: "write x in (a, b)")
        }
        let ops = operations
        return fold(Compiled(eval: { ctx, frame throws(RuntimeFailure) in
            let value = try needle.eval(ctx, &frame)
            guard case .array(let items) = try array.eval(ctx, &frame), !value.isNull else { return .null }
            let found = items.contains { ops.equals(value, $0) == .bool(true) }
            return .bool(found != negated)
        }, type: .bool), [needle, array], span)
    }
}
