extension Binder {
    // MARK: Binary operators

    func binary(_ op: BinaryOperator, _ leftExpr: Expr, _ rightExpr: Expr, _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        let left = compile(leftExpr, scope)
        let right = compile(rightExpr, scope)
        if op != .and && op != .or {
            inferParameter(leftExpr, as: right.type)
            inferParameter(rightExpr, as: left.type)
        }
        let ops = operations
        switch op {
        case .and, .or:
            return logical(op, [leftExpr, rightExpr], span, scope)

        case .equal, .notEqual:
            let negated = op == .notEqual
            // `x == null` asks whether x is null, and is never null itself.
            if left.constant == .null || right.constant == .null {
                let other = left.constant == .null ? right : left
                return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                    .bool(try other.eval(ctx, &frame).isNull != negated)
                }, type: .bool, form: .isNull(other, negated: negated)), [other], span)
            }
            checkComparable(left, right, span, op)
            if case .string(let pattern)? = right.constant, Wildcard.hasWildcard(pattern) {
                let wildcard = Wildcard(pattern, caseSensitive: ops.caseSensitive)
                return BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                    switch try left.eval(ctx, &frame).keyed {
                    case .string(let s): return .bool(wildcard.matches(s) != negated)
                    default: return .null
                    }
                }, type: .bool, form: .matches(left, pattern: pattern, negated: negated))
            }
            return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                let result = ops.equals(try left.eval(ctx, &frame), try right.eval(ctx, &frame))
                if negated, case .bool(let b) = result { return .bool(!b) }
                return result
            }, type: .bool, form: .compare(op, left, right)), [left, right], span)

        case .less, .lessEqual, .greater, .greaterEqual:
            checkComparable(left, right, span, op)
            for side in [left, right] {
                if case .array = side.type { report(.type, "'\(op.rawValue)' cannot order arrays", span) }
            }
            let comparison: ValueOperations.Comparison =
                op == .less ? .less : op == .lessEqual ? .lessOrEqual : op == .greater ? .greater : .greaterOrEqual
            return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                ops.compare(try left.eval(ctx, &frame), comparison, try right.eval(ctx, &frame))
            }, type: .bool, form: .compare(op, left, right)), [left, right], span)

        case .add, .subtract, .multiply, .divide, .modulo:
            let arithmetic = ValueOperations.Arithmetic(rawValue: op.rawValue)!
            let type = arithmeticType(op, left.type, leftExpr.span, right.type, rightExpr.span)
            if left.type == .string || right.type == .string {
                return .constant(.null)
            }
            return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                ops.arithmetic(arithmetic, try left.eval(ctx, &frame), try right.eval(ctx, &frame))
            }, type: type, form: .arithmetic(left, [(op, right)])), [left, right], span)
        }
    }

    /// The type of `left op right`, reporting an operand that cannot take part.
    private func arithmeticType(_ op: BinaryOperator, _ left: StaticType, _ leftSpan: SourceSpan,
                                _ right: StaticType, _ rightSpan: SourceSpan) -> StaticType {
        if left != .date && right != .date {
            checkNumeric(left, leftSpan, "'\(op.rawValue)'")
            checkNumeric(right, rightSpan, "'\(op.rawValue)'")
        }
        switch (left, right, op) {
        case (.int, .int, _): return .int
        case (.date, .date, .subtract): return .int
        case (.date, _, .add), (_, .date, .add), (.date, _, .subtract): return .date
        case (.float, _, _), (_, .float, _): return .float
        default: return .any
        }
    }

    /// `a + b - c …` of three or more operands: checked step by step as `binary` checks each
    /// pair, and run as one loop, so that a chain of any length needs no recursion.
    func arithmeticChain(_ firstExpr: Expr, _ links: [ArithmeticLink], _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        let first = compile(firstExpr, scope)
        let rest = links.map { compile($0.operand, scope) }
        var type = first.type
        var soFar = firstExpr.span
        for (link, part) in zip(links, rest) {
            type = arithmeticType(link.op, type, soFar, part.type, link.operand.span)
            soFar = soFar.union(link.operand.span)
        }
        let steps = links.map { ValueOperations.Arithmetic(rawValue: $0.op.rawValue)! }
        let ops = operations
        return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            var value = try first.eval(ctx, &frame)
            for i in rest.indices { value = ops.arithmetic(steps[i], value, try rest[i].eval(ctx, &frame)) }
            return value
        }, type: type, form: .arithmetic(first, Array(zip(links.map(\.op), rest)))), [first] + rest, span)
    }

    /// `a and b and …`, `a or b or …`: EQL's three-valued logic over any number of operands.
    /// `and` is false if any operand is, else null if any is null; `or` likewise with true.
    func logical(_ op: BinaryOperator, _ exprs: [Expr], _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        let parts = exprs.map { compile($0, scope) }
        for (part, expr) in zip(parts, exprs) { checkBoolean(part, expr.span, "'\(op.rawValue)'") }
        let decisive = op == .or
        return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            var unknown = false
            for part in parts {
                guard let truth = try part.eval(ctx, &frame).truth else { unknown = true; continue }
                if truth == decisive { return .bool(truth) }
            }
            return unknown ? .null : .bool(!decisive)
        }, type: .bool, form: .logical(op, parts)), parts, span)
    }

    private func checkComparable(_ left: BoundExpr, _ right: BoundExpr, _ span: SourceSpan, _ op: BinaryOperator) {
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
    private func checkDateText(_ left: BoundExpr, _ right: BoundExpr, _ span: SourceSpan) {
        for (date, text) in [(left, right), (right, left)] where date.type == .date {
            guard case .string(let s)? = text.constant, QuarryDate(text: s) == nil else { continue }
            report(.type, "\(Value.string(s).literal) is not a date, so no date can equal or be ordered with it", span,
                   hint: "write a date such as @2021-05, \"May 2021\" or \"2021-05-12\"")
        }
    }

    // MARK: Membership

    /// `x in (a, b, c)`: true if x equals any item, false if none and none is null; null if x is null.
    func membership(_ needleExpr: Expr, _ items: [BoundExpr], negated: Bool, _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        let needle = compile(needleExpr, scope)
        for item in items where !needle.type.comparable(with: item.type) {
            report(.type, "cannot look for \(needle.type.withArticle) among \(item.type) values", span)
            break
        }
        let ops = operations
        return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            let value = try needle.eval(ctx, &frame)
            if value.isNull { return .null }
            var found = false
            for item in items where ops.equals(value, try item.eval(ctx, &frame)) == .bool(true) {
                found = true
                break
            }
            return .bool(found != negated)
        }, type: .bool, form: .inList(needle, items, negated: negated)), [needle] + items, span)
    }

    /// `x in array`: the same test against the items of an array computed at run time.
    func membership(_ needleExpr: Expr, array: BoundExpr, negated: Bool, _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        let needle = compile(needleExpr, scope)
        switch array.type {
        case .array, .any, .null: break
        default: report(.type, "'in' needs a list in parentheses or an array, not \(array.type.withArticle)", span,
                        hint: "write x in (a, b)")
        }
        let ops = operations
        return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            let value = try needle.eval(ctx, &frame)
            guard case .array(let items) = try array.eval(ctx, &frame), !value.isNull else { return .null }
            let found = items.contains { ops.equals(value, $0) == .bool(true) }
            return .bool(found != negated)
        }, type: .bool, form: .inArray(needle, array, negated: negated)), [needle, array], span)
    }
}
