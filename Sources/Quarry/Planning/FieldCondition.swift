/// A condition made only of tests of a row's stored fields against values, joined by `and`,
/// `or` and `not`: the part of a `where` that can be decided over whole columns at once, or
/// handed to a host. Its operands are bound expressions (`FieldCondition`, read off the bound
/// condition's forms, so every test keeps the meaning the binder gave it: wildcard or equality,
/// null test, which side the field stands on), or their values once a run has computed them
/// (`ResolvedCondition`).
indirect enum FieldTests<Operand: Sendable>: Sendable {
    case all([FieldTests])
    case any([FieldTests])
    case not(FieldTests)
    /// `field op value`, or `value op field` when `fieldOnLeft` is false.
    case compare(field: String, BinaryOperator, Operand, fieldOnLeft: Bool)
    case matches(field: String, pattern: String, negated: Bool)
    case isNull(field: String, negated: Bool)
    case inList(field: String, [Operand], negated: Bool)

    /// The same tests with each operand transformed; nil when `transform` gives nil for one.
    func compactMap<T>(_ transform: (Operand) -> T?) -> FieldTests<T>? {
        func parts(_ tests: [FieldTests]) -> [FieldTests<T>]? {
            var out: [FieldTests<T>] = []
            for test in tests { guard let t = test.compactMap(transform) else { return nil }; out.append(t) }
            return out
        }
        switch self {
        case .all(let tests): return parts(tests).map { .all($0) }
        case .any(let tests): return parts(tests).map { .any($0) }
        case .not(let inner): return inner.compactMap(transform).map { .not($0) }
        case .compare(let field, let op, let value, let fieldOnLeft):
            return transform(value).map { .compare(field: field, op, $0, fieldOnLeft: fieldOnLeft) }
        case .matches(let field, let pattern, let negated): return .matches(field: field, pattern: pattern, negated: negated)
        case .isNull(let field, let negated): return .isNull(field: field, negated: negated)
        case .inList(let field, let items, let negated):
            let values = items.compactMap(transform)
            return values.count == items.count ? .inList(field: field, values, negated: negated) : nil
        }
    }

    /// The same tests with each operand transformed by a step of a run, which may fail.
    func map<T>(_ transform: (Operand) throws(RuntimeFailure) -> T) throws(RuntimeFailure) -> FieldTests<T> {
        switch self {
        case .all(let tests):
            var out: [FieldTests<T>] = []
            for test in tests { out.append(try test.map(transform)) }
            return .all(out)
        case .any(let tests):
            var out: [FieldTests<T>] = []
            for test in tests { out.append(try test.map(transform)) }
            return .any(out)
        case .not(let inner): return .not(try inner.map(transform))
        case .compare(let field, let op, let value, let fieldOnLeft):
            return .compare(field: field, op, try transform(value), fieldOnLeft: fieldOnLeft)
        case .matches(let field, let pattern, let negated): return .matches(field: field, pattern: pattern, negated: negated)
        case .isNull(let field, let negated): return .isNull(field: field, negated: negated)
        case .inList(let field, let items, let negated):
            var values: [T] = []
            for item in items { values.append(try transform(item)) }
            return .inList(field: field, values, negated: negated)
        }
    }

    /// The conjuncts of the condition's top `and` (itself when it is not one).
    var conjuncts: [FieldTests] {
        if case .all(let parts) = self { return parts.flatMap(\.conjuncts) }
        return [self]
    }
}

/// Field tests against bound expressions: values fixed before the query runs (literals,
/// parameters, `let` bindings, function arguments), computed when the operator starts.
typealias FieldCondition = FieldTests<BoundExpr>
/// Field tests with their values computed.
typealias ResolvedCondition = FieldTests<Value>

extension FieldTests where Operand == BoundExpr {
    /// The condition, when it has this form throughout; nil when any part is something else.
    init?(_ condition: BoundExpr) {
        switch condition.form {
        case .logical(let op, let parts):
            var conditions: [FieldCondition] = []
            for part in parts {
                guard let c = FieldCondition(part) else { return nil }
                conditions.append(c)
            }
            self = op == .and ? .all(conditions) : .any(conditions)
        case .not(let inner):
            guard let c = FieldCondition(inner) else { return nil }
            self = .not(c)
        case .compare(let op, let left, let right):
            if let field = left.plainField, right.isRunConstant {
                self = .compare(field: field, op, right, fieldOnLeft: true)
            } else if let field = right.plainField, left.isRunConstant {
                self = .compare(field: field, op, left, fieldOnLeft: false)
            } else {
                return nil
            }
        case .matches(let text, let pattern, let negated):
            guard let field = text.plainField else { return nil }
            self = .matches(field: field, pattern: pattern, negated: negated)
        case .isNull(let operand, let negated):
            guard let field = operand.plainField else { return nil }
            self = .isNull(field: field, negated: negated)
        case .inList(let needle, let items, let negated):
            guard let field = needle.plainField, items.allSatisfy(\.isRunConstant) else { return nil }
            self = .inList(field: field, items, negated: negated)
        default:
            return nil
        }
    }


    /// The condition resolved now, when every value in it is known when the program is
    /// compiled (literals, folded expressions); nil when some value waits for the run.
    var resolvedNow: ResolvedCondition? { compactMap(\.constant) }

    /// The condition with its values computed for this run.
    func resolved(_ ctx: RunContext, _ frame: Frame) throws(RuntimeFailure) -> ResolvedCondition {
        var outer = frame
        outer.row = .null
        return try map { (value: BoundExpr) throws(RuntimeFailure) -> Value in try value.eval(ctx, &outer) }
    }
}
