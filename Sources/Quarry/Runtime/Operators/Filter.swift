/// `where` and `| filter`: the rows for which the condition is true.
enum Filter {
    /// With a kernel, the condition is decided over the stored columns when the rows are one
    /// table's: its values are computed once, then each column is tested at once. Otherwise, and
    /// when a field the kernel reads is missing from the table, row by row.
    static func run(_ input: @escaping CompiledQuery.Run, condition: Compiled, kernel: FieldCondition?,
                    _ ops: ValueOperations, _ span: SourceSpan) -> CompiledQuery.Run {
        { ctx, frame throws(RuntimeFailure) in
            var relation = try input(ctx, &frame)
            try keep(&relation, condition, kernel, ops, ctx, frame, span)
            return relation
        }
    }

    static func keep(_ relation: inout Relation, _ condition: Compiled, _ kernel: FieldCondition?, _ ops: ValueOperations,
                     _ ctx: RunContext, _ outer: Frame, _ span: SourceSpan) throws(RuntimeFailure) {
        if let kernel, let (table, positions) = relation.tableRows {
            try ctx.step(span, relation.count)
            let predicate = ColumnPredicate(try kernel.resolved(ctx, outer), ops)
            if let kept = predicate.select(in: table, positions: positions) {
                relation = Relation(shape: relation.shape, table: table, positions: kept)
                return
            }
        }
        var kept: [RowRef] = []
        var frame = outer
        for row in relation.rows {
            try ctx.step(span)
            frame.row = .row(row)
            if try condition.eval(ctx, &frame).isTrue { kept.append(row) }
        }
        relation.rows = kept
    }
}
