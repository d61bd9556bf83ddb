/// `sort keys | head k` becomes one sort that keeps the first k rows: a bounded heap instead of
/// ordering every row. Same rows, same order, since the sort is stable. Applies when k is known
/// when the query is compiled and is at most 10,000 (beyond that, a full sort is as quick).
struct TopK: RewritePass {
    let name = "top-k"
    static let largest = 10_000

    func rewrite(_ plan: LogicalPlan) -> LogicalPlan? {
        guard case .slice(.sort(let input, let keys, let limit, let span), fromEnd: false, .fixed(let k), _) = plan,
              k <= Self.largest else { return nil }
        return .sort(input, keys: keys, limit: min(k, limit ?? k), span: span)
    }
}
