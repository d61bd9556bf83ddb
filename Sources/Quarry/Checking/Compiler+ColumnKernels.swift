extension Compiler {
    /// The condition as a `ColumnPredicate`, when it is only tests of the row's plain fields
    /// against literals; nil otherwise. The condition is compiled the usual way as well: that
    /// checks it, and decides rows whenever the kernels cannot.
    /// The name of the row's field that the expression is, when it reads the stored value as it is.
    func plainField(_ expr: Expr, _ shape: TableShape) -> String? {
        guard usesColumnKernels, case .name(let name, _) = expr, let field = shape.schema?.field(name) else { return nil }
        switch field.type {
        case .reference, .references: return nil  // read through the catalog, not stored as is
        default: return field.name
        }
    }

    func columnPredicate(_ condition: Expr, _ shape: TableShape) -> ColumnPredicate? {
        guard usesColumnKernels, shape.schema != nil else { return nil }
        let ops = operations
        func field(_ expr: Expr) -> String? { plainField(expr, shape) }
        func literal(_ expr: Expr) -> Value? {
            switch expr {
            case .literal(let value, _): return value
            case .negate(.literal(let value, _), _): return ops.arithmetic(.subtract, .int(0), value)
            default: return nil
            }
        }
        func build(_ expr: Expr) -> ColumnPredicate? {
            switch expr {
            case .logical(let op, let operands, _):
                var parts: [ColumnPredicate] = []
                for operand in operands {
                    guard let part = build(operand) else { return nil }
                    parts.append(part)
                }
                return op == .and ? .all(parts) : .any(parts)
            case .not(let a, _):
                return build(a).map { .not($0) }
            case .binary(let op, let left, let right, _):
                if let name = field(left), let value = literal(right) {
                    return comparison(op, value, fieldOnLeft: true).map { .test(field: name, $0) }
                }
                if let name = field(right), let value = literal(left) {
                    return comparison(op, value, fieldOnLeft: false).map { .test(field: name, $0) }
                }
                return nil
            case .inList(let needle, let itemExprs, let negated, _):
                guard let name = field(needle) else { return nil }
                let items = itemExprs.compactMap(literal)
                guard items.count == itemExprs.count else { return nil }
                return .test(field: name, ColumnTest(answer: { value in
                    if value.isNull { return .null }
                    let found = items.contains { ops.equals(value, $0) == .bool(true) }
                    return .bool(found != negated)
                }, requiredText: nil))
            default:
                return nil
            }
        }
        return build(condition)
    }

    /// A comparison of a field with a literal, answering as `binary` does.
    private func comparison(_ op: BinaryOperator, _ literal: Value, fieldOnLeft: Bool) -> ColumnTest? {
        let ops = operations
        switch op {
        case .equal, .notEqual:
            let negated = op == .notEqual
            if literal.isNull {
                return ColumnTest(answer: { .bool($0.isNull != negated) }, requiredText: nil)
            }
            if fieldOnLeft, case .string(let pattern) = literal, Wildcard.hasWildcard(pattern) {
                let wildcard = Wildcard(pattern, caseSensitive: ops.caseSensitive)
                let longest = pattern.split(separator: "*").max { $0.utf8.count < $1.utf8.count }
                let required = longest.flatMap { part -> [UInt8]? in
                    part.utf8.allSatisfy { $0 < 0x80 } ? part.utf8.map(ValueOperations.asciiLower) : nil
                }
                return ColumnTest(answer: { value in
                    guard case .string(let s) = value.keyed else { return .null }
                    return .bool(wildcard.matches(s) != negated)
                }, requiredText: required.map { ($0, .bool(negated)) })
            }
            var test = ColumnTest(answer: { value in
                let result = fieldOnLeft ? ops.equals(value, literal) : ops.equals(literal, value)
                if negated, case .bool(let b) = result { return .bool(!b) }
                return result
            }, requiredText: nil)
            if let period = Self.dateLiteral(literal) {
                test.dateTest = { date in
                    let result = fieldOnLeft ? ops.within(date, period) : ops.within(period, date)
                    if negated, case .bool(let b) = result { return .bool(!b) }
                    return result
                }
            }
            if case .int(let k) = literal {
                if negated { test.wholeNumberTest = { $0 != k } } else { test.wholeNumberTest = { $0 == k } }
            }
            return test
        case .less, .lessEqual, .greater, .greaterEqual:
            if case .array = literal { return nil }
            let comparison: ValueOperations.Comparison =
                op == .less ? .less : op == .lessEqual ? .lessOrEqual : op == .greater ? .greater : .greaterOrEqual
            var test = ColumnTest(answer: { value in
                fieldOnLeft ? ops.compare(value, comparison, literal) : ops.compare(literal, comparison, value)
            }, requiredText: nil)
            if let bound = Self.dateLiteral(literal) {
                test.dateTest = { date in
                    fieldOnLeft ? ops.compareDates(date, comparison, bound) : ops.compareDates(bound, comparison, date)
                }
            }
            if case .int(let k) = literal {
                // With the field on the right, `k < x` is `x > k`.
                let flipped: BinaryOperator = fieldOnLeft ? op
                    : op == .less ? .greater : op == .lessEqual ? .greaterEqual : op == .greater ? .less : .lessEqual
                switch flipped {
                case .less: test.wholeNumberTest = { $0 < k }
                case .lessEqual: test.wholeNumberTest = { $0 <= k }
                case .greater: test.wholeNumberTest = { $0 > k }
                default: test.wholeNumberTest = { $0 >= k }
                }
            }
            return test
        default:
            return nil
        }
    }

    /// A literal as a date is compared with one: a date, or a string that reads as one (compared
    /// with a string that does not, a date gives null, which `answer` says).
    private static func dateLiteral(_ literal: Value) -> QuarryDate? {
        switch literal {
        case .date(let d): return d
        case .string(let s): return QuarryDate(text: s)
        default: return nil
        }
    }
}
