/// A condition made only of tests of a row's stored fields against values fixed before the query
/// runs, joined by `and`, `or` and `not`: the part of a `where` that can be decided over whole
/// columns at once, or handed to a host.
///
/// It is read off the bound condition's forms, so every test keeps the meaning the binder gave
/// it (wildcard or equality, null test, which side the field stands on). Its values are bound
/// expressions: literals, parameters, `let` bindings and function arguments, computed when the
/// operator starts (`resolved`).
indirect enum FieldCondition: Sendable {
    case all([FieldCondition])
    case any([FieldCondition])
    case not(FieldCondition)
    /// `field op value`, or `value op field` when `fieldOnLeft` is false.
    case compare(field: String, BinaryOperator, BoundExpr, fieldOnLeft: Bool)
    case matches(field: String, pattern: String, negated: Bool)
    case isNull(field: String, negated: Bool)
    case inList(field: String, [BoundExpr], negated: Bool)

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

    /// The conjuncts of the condition's top `and` (itself when it is not one).
    var conjuncts: [FieldCondition] {
        if case .all(let parts) = self { return parts.flatMap(\.conjuncts) }
        return [self]
    }

    /// The fields the condition reads.
    var fields: [String] {
        switch self {
        case .all(let parts), .any(let parts): return parts.flatMap(\.fields)
        case .not(let inner): return inner.fields
        case .compare(let field, _, _, _), .matches(let field, _, _), .isNull(let field, _), .inList(let field, _, _):
            return [field]
        }
    }

    /// The condition resolved now, when every value in it is known when the program is
    /// compiled (literals, folded expressions); nil when some value waits for the run.
    var resolvedNow: ResolvedCondition? {
        switch self {
        case .all(let parts):
            var out: [ResolvedCondition] = []
            for part in parts { guard let r = part.resolvedNow else { return nil }; out.append(r) }
            return .all(out)
        case .any(let parts):
            var out: [ResolvedCondition] = []
            for part in parts { guard let r = part.resolvedNow else { return nil }; out.append(r) }
            return .any(out)
        case .not(let inner):
            return inner.resolvedNow.map { .not($0) }
        case .compare(let field, let op, let value, let fieldOnLeft):
            return value.constant.map { .compare(field: field, op, $0, fieldOnLeft: fieldOnLeft) }
        case .matches(let field, let pattern, let negated):
            return .matches(field: field, pattern: pattern, negated: negated)
        case .isNull(let field, let negated):
            return .isNull(field: field, negated: negated)
        case .inList(let field, let items, let negated):
            let values = items.compactMap(\.constant)
            return values.count == items.count ? .inList(field: field, values, negated: negated) : nil
        }
    }

    /// The condition with its values computed for this run.
    func resolved(_ ctx: RunContext, _ frame: Frame) throws(RuntimeFailure) -> ResolvedCondition {
        var outer = frame
        outer.row = .null
        switch self {
        case .all(let parts):
            var out: [ResolvedCondition] = []
            for part in parts { out.append(try part.resolved(ctx, frame)) }
            return .all(out)
        case .any(let parts):
            var out: [ResolvedCondition] = []
            for part in parts { out.append(try part.resolved(ctx, frame)) }
            return .any(out)
        case .not(let inner):
            return .not(try inner.resolved(ctx, frame))
        case .compare(let field, let op, let value, let fieldOnLeft):
            return .compare(field: field, op, try value.eval(ctx, &outer), fieldOnLeft: fieldOnLeft)
        case .matches(let field, let pattern, let negated):
            return .matches(field: field, pattern: pattern, negated: negated)
        case .isNull(let field, let negated):
            return .isNull(field: field, negated: negated)
        case .inList(let field, let items, let negated):
            var values: [Value] = []
            for item in items { values.append(try item.eval(ctx, &outer)) }
            return .inList(field: field, values, negated: negated)
        }
    }
}

/// A `FieldCondition` with its values computed.
indirect enum ResolvedCondition: Sendable {
    case all([ResolvedCondition])
    case any([ResolvedCondition])
    case not(ResolvedCondition)
    case compare(field: String, BinaryOperator, Value, fieldOnLeft: Bool)
    case matches(field: String, pattern: String, negated: Bool)
    case isNull(field: String, negated: Bool)
    case inList(field: String, [Value], negated: Bool)
}
