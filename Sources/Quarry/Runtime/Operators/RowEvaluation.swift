/// Bound expressions evaluated row by row: what every operator falls back to when no column
/// kernel applies.
enum RowEvaluation {
    /// Each expression evaluated on each row: `[row][expression]`.
    static func evaluate(_ expressions: [BoundExpr], over rows: [RowRef], _ ctx: RunContext, _ outer: Frame,
                         _ span: SourceSpan) throws(RuntimeFailure) -> [[Value]] {
        let evaluators = expressions.map(\.eval)
        var frame = outer
        var result: [[Value]] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            try ctx.step(span)
            frame.row = .row(row)
            var values: [Value] = []
            values.reserveCapacity(evaluators.count)
            for evaluate in evaluators { values.append(try evaluate(ctx, &frame)) }
            result.append(values)
        }
        return result
    }
}
