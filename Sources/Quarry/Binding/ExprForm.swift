/// What the binder knows of a bound expression's structure: enough for the physical planner to
/// run a condition over stored columns, and for `explain` to print it.
///
/// The binder decides each semantic rule once, when it builds the expression: whether `==` is a
/// wildcard match (a pattern written in the query) or an equality, whether it is a null test
/// (`x == null`), and which side a pattern stands on. The forms record those decisions, so
/// the kernels answer exactly as the expression's own evaluator does.
package indirect enum ExprForm: Sendable {
    /// Nothing the planner uses: evaluated row by row.
    case other
    /// A field of the current row, read as it is stored.
    case field(String)
    /// A field of a row whose fields are known only when it runs (an event of a stream), looked
    /// up by name: null when the row has none.
    case fieldByName(String)
    /// A reference field of the current row (`actor` of an event): the row it names, which
    /// compares, groups and sorts as the key stored in the field.
    case reference(String)
    /// A field of the row a reference leads to (`city.country`): the reference, the collection
    /// it names, and the field read there.
    case member(BoundExpr, collection: NavigationTarget, field: String)
    /// A back-reference field of the current row (`events` of an actor): the rows of `source`
    /// whose field `via` holds the current row's key, read from the row's field `key`.
    case backReferences(field: String, key: String, source: NavigationTarget, via: String)
    /// EQL's lineage (`descendant of [q]`, `child of [q]`, `event of [q]`): whether the event
    /// stands in that relation to a process the inner query matches, the stream followed in order.
    case lineage(String)
    /// A value known when the program is compiled: a literal, or a folded expression of them.
    case constant(Value)
    /// A value fixed before a query runs, though not when it is compiled: a parameter (`$who`),
    /// a `let` binding, a function's argument. The label is how it is written.
    case runConstant(String)
    /// `left op right` for `==`, `!=`, `<`, `<=`, `>`, `>=`, by `ValueOperations.equals` and
    /// `compare`.
    case compare(BinaryOperator, BoundExpr, BoundExpr)
    /// `text == "pat*tern"` (or `!=`): a wildcard pattern written in the query.
    case matches(BoundExpr, pattern: String, negated: Bool)
    /// `x == null` (or `!=`): a test for null, never null itself.
    case isNull(BoundExpr, negated: Bool)
    /// `a and b and …`, `a or b or …`, in EQL's three-valued logic.
    case logical(BinaryOperator, [BoundExpr])
    case not(BoundExpr)
    /// `x in (a, b)`, `x not in (a, b)`.
    case inList(BoundExpr, [BoundExpr], negated: Bool)
    /// `x in array` (or `not in`): whether any item of the array equals x.
    case inArray(BoundExpr, BoundExpr, negated: Bool)
    /// `first op operand op operand …` for `+`, `-`, `*`, `/`, `%`, left to right, by
    /// `ValueOperations.arithmetic`.
    case arithmetic(BoundExpr, [(BinaryOperator, BoundExpr)])
    /// `-x`.
    case negate(BoundExpr)
    /// A built-in function applied to its arguments (the name as the registry spells it).
    case call(String, [BoundExpr])
    /// A query used as a value: its plan after the rewrites, and its description for `explain`.
    case query(LogicalPlan, @Sendable () -> PlanDescription)
    /// The item of an array that `arraySearch` or `arrayCount` names (`a` in
    /// `arraySearch(list, a, a == "x")`): a different value for each item.
    case element(String)
    /// `arraySearch(array, item, condition)` (`counting`: `arrayCount`).
    case quantifier(counting: Bool, array: BoundExpr, item: String, condition: BoundExpr)
    /// `value[index]`: an array's item (negative from the end), a string's character, a
    /// record's field.
    case item(BoundExpr, index: BoundExpr)
    /// `value.name` on a value whose shape is known only when it runs: a record's field, or
    /// that field of each record of an array.
    case part(BoundExpr, name: String)
}

extension BoundExpr {
    /// True when the expression's value is the same for every row of one run of a query: it
    /// can be computed once, when the operator starts, and handed to a kernel.
    package var isRunConstant: Bool {
        switch form {
        case .constant, .runConstant: return true
        default: return false
        }
    }

    /// The stored field the expression reads, if it is one.
    package var plainField: String? {
        if case .field(let name) = form { return name }
        return nil
    }
}

/// The collection a reference leads to: a table in memory, or a collection the host serves (a
/// database's table), whose rows only its own backend can look up.
package enum NavigationTarget: Sendable {
    case table(Table)
    case host(any QuarryCollection)

    package var name: String {
        switch self {
        case .table(let table): return table.name
        case .host(let host): return host.name
        }
    }
}
