/// A named rewrite of logical plans that keeps every answer the same: an optimisation is one of
/// these, applied by `Rewrite.optimize`, never a fast path inside an operator.
protocol RewritePass: Sendable {
    /// The pass's name, as tests and `explain` documentation call it.
    var name: String { get }
    /// The node rewritten, or nil to leave it as it is. Called on every node, inputs first.
    func rewrite(_ plan: LogicalPlan) -> LogicalPlan?
    /// The whole plan rewritten: by default `rewrite` on every node, inputs first; a pass that
    /// needs to see the whole query implements this instead.
    func apply(to plan: LogicalPlan) -> LogicalPlan
}

extension RewritePass {
    func apply(to plan: LogicalPlan) -> LogicalPlan { Rewrite.apply(self, plan) }
}

enum Rewrite {
    /// The passes, in the order they run.
    static let passes: [any RewritePass] = [TopK(), PushIntoHostScan(), ProjectHostScan()]

    /// The plan after every pass.
    static func optimize(_ plan: LogicalPlan, passes: [any RewritePass] = passes) -> LogicalPlan {
        passes.reduce(plan) { plan, pass in pass.apply(to: plan) }
    }

    /// One pass over the whole plan, inputs first.
    static func apply(_ pass: any RewritePass, _ plan: LogicalPlan) -> LogicalPlan {
        let rebuilt = plan.input.map { plan.replacingInput(apply(pass, $0)) } ?? plan
        return pass.rewrite(rebuilt) ?? rebuilt
    }
}

extension LogicalPlan {
    /// The same operator over another input.
    func replacingInput(_ new: LogicalPlan) -> LogicalPlan {
        switch self {
        case .scan, .composite: return self
        case .filter(_, let c, let s): return .filter(new, condition: c, span: s)
        case .sort(_, let k, let l, let s): return .sort(new, keys: k, limit: l, span: s)
        case .slice(_, let e, let c, let s): return .slice(new, fromEnd: e, count: c, span: s)
        case .unique(_, let k, let s): return .unique(new, keys: k, span: s)
        case .uniqueCount(_, let k, let s): return .uniqueCount(new, keys: k, span: s)
        case .count(_, let k, let s): return .count(new, keys: k, span: s)
        case .project(_, let c, let schema, let s): return .project(new, columns: c, schema: schema, span: s)
        case .aggregate(_, let k, let a, let schema, let s): return .aggregate(new, keys: k, aggregates: a, schema: schema, span: s)
        case .bars(_, let v, let s): return .bars(new, value: v, span: s)
        }
    }
}
