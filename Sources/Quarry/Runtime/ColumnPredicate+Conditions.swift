extension ColumnPredicate {
    /// The kernel form of a field condition: each test answers exactly what the condition's
    /// bound expression answers for one row, through the same `ValueOperations`.
    init(_ condition: ResolvedCondition, _ ops: ValueOperations) {
        switch condition {
        case .all(let parts): self = .all(parts.map { ColumnPredicate($0, ops) })
        case .any(let parts): self = .any(parts.map { ColumnPredicate($0, ops) })
        case .not(let inner): self = .not(ColumnPredicate(inner, ops))
        case .compare(let field, let op, let value, let fieldOnLeft):
            self = .test(field: field, ColumnTest.comparison(op, value, fieldOnLeft: fieldOnLeft, ops))
        case .matches(let field, let pattern, let negated):
            self = .test(field: field, ColumnTest.wildcard(pattern, negated: negated, ops))
        case .isNull(let field, let negated):
            self = .test(field: field, ColumnTest(answer: { .bool($0.isNull != negated) }, requiredText: nil))
        case .inList(let field, let items, let negated):
            self = .test(field: field, ColumnTest(answer: { value in
                if value.isNull { return .null }
                let found = items.contains { ops.equals(value, $0) == .bool(true) }
                return .bool(found != negated)
            }, requiredText: nil))
        }
    }
}

extension ColumnTest {
    /// `field == "pat*tern"` (or `!=`): a wildcard match; a string column too large to decide
    /// entry by entry is first searched for the pattern's longest plain piece.
    static func wildcard(_ pattern: String, negated: Bool, _ ops: ValueOperations) -> ColumnTest {
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

    /// A comparison of a field with a value, answering as the bound comparison does.
    static func comparison(_ op: BinaryOperator, _ literal: Value, fieldOnLeft: Bool, _ ops: ValueOperations) -> ColumnTest {
        switch op {
        case .equal, .notEqual:
            let negated = op == .notEqual
            var test = ColumnTest(answer: { value in
                let result = fieldOnLeft ? ops.equals(value, literal) : ops.equals(literal, value)
                if negated, case .bool(let b) = result { return .bool(!b) }
                return result
            }, requiredText: nil)
            test.dateTest = { () -> (@Sendable (QuarryDate) -> Value)? in
                guard let period = dateOperand(literal) else { return nil }
                return { date in
                    let result = fieldOnLeft ? ops.within(date, period) : ops.within(period, date)
                    if negated, case .bool(let b) = result { return .bool(!b) }
                    return result
                }
            }
            if case .int(let k) = literal {
                if negated { test.wholeNumberTest = { $0 != k } } else { test.wholeNumberTest = { $0 == k } }
            }
            return test
        default:
            let comparison: ValueOperations.Comparison =
                op == .less ? .less : op == .lessEqual ? .lessOrEqual : op == .greater ? .greater : .greaterOrEqual
            var test = ColumnTest(answer: { value in
                fieldOnLeft ? ops.compare(value, comparison, literal) : ops.compare(literal, comparison, value)
            }, requiredText: nil)
            test.dateTest = { () -> (@Sendable (QuarryDate) -> Value)? in
                guard let bound = dateOperand(literal) else { return nil }
                return { date in fieldOnLeft ? ops.compareDates(date, comparison, bound) : ops.compareDates(bound, comparison, date) }
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
        }
    }

    /// A value as a date is compared with one: a date, or a string that reads as one (compared
    /// with a string that does not, a date gives null, which `answer` says).
    private static func dateOperand(_ value: Value) -> QuarryDate? {
        switch value {
        case .date(let d): return d
        case .string(let s): return QuarryDate(text: s)
        default: return nil
        }
    }
}
