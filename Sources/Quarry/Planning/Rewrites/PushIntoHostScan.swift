/// A host collection hears what the query keeps: the field tests of a `where` straight after it
/// (joined by `and`; parameters and bindings computed when the query runs), and the row count of
/// a `head` straight after it. The filter and the head stay in the plan: Quarry checks every
/// row the host returns, so a host may use all of it, some, or none.
struct PushIntoHostScan: RewritePass {
    let name = "push into host scan"

    func rewrite(_ plan: LogicalPlan) -> LogicalPlan? {
        switch plan {
        case .filter(.scan(var node), let condition, let span):
            guard case .host(let host, var pushdown) = node.source, pushdown.condition == nil, pushdown.limit == nil else { return nil }
            let parts: [BoundExpr]
            if case .logical(.and, let operands) = condition.form { parts = operands } else { parts = [condition] }
            let tests = parts.compactMap(FieldCondition.init)
            guard !tests.isEmpty else { return nil }
            pushdown.condition = tests.count == 1 ? tests[0] : .all(tests)
            node.source = .host(host, pushdown)
            return .filter(.scan(node), condition: condition, span: span)
        case .slice(.scan(var node), fromEnd: false, .fixed(let k), let span):
            guard case .host(let host, var pushdown) = node.source, pushdown.limit == nil else { return nil }
            pushdown.limit = k
            node.source = .host(host, pushdown)
            return .slice(.scan(node), fromEnd: false, count: .fixed(k), span: span)
        default:
            return nil
        }
    }
}
