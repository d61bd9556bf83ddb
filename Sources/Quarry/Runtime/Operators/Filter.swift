/// `where` and `| filter`: the rows for which the condition is true.
enum Filter {
    /// With a kernel, the condition (or the kernel's part of its top `and`) is decided over the
    /// stored columns when the rows are one table's: its values are computed once, then each
    /// column is tested at once; the rest of the `and` (`residual`) is then evaluated row by row
    /// on the rows the kernel kept. Otherwise, and when a field the kernel reads is missing from
    /// the table, the whole condition row by row.
    static func run(_ input: @escaping CompiledQuery.Run, condition: BoundExpr, kernel: FieldCondition?, residual: BoundExpr?,
                    _ ops: ValueOperations, _ span: SourceSpan) -> CompiledQuery.Run {
        // A kernel of constants only is built once, here; one with parameters, when each run starts.
        let built = kernel?.resolvedNow.map { ColumnPredicate($0, ops) }
        return { ctx, frame throws(RuntimeFailure) in
            var relation = try input(ctx, &frame)
            if let kernel, try keepByKernel(&relation, kernel, built, ops, ctx, frame, span) {
                if let residual { try keep(&relation, residual, ctx, frame, span) }
            } else {
                try keep(&relation, condition, ctx, frame, span)
            }
            return relation
        }
    }

    /// Keeps the rows the kernel passes; false (nothing changed) when it cannot decide them.
    private static func keepByKernel(_ relation: inout Relation, _ kernel: FieldCondition, _ built: ColumnPredicate?,
                                     _ ops: ValueOperations, _ ctx: RunContext, _ outer: Frame,
                                     _ span: SourceSpan) throws(RuntimeFailure) -> Bool {
        guard let (table, positions) = relation.tableRows else { return false }
        try ctx.step(span, relation.count)
        let predicate: ColumnPredicate
        if let built { predicate = built } else { predicate = ColumnPredicate(try kernel.resolved(ctx, outer), ops) }
        guard let kept = predicate.select(in: table, positions: positions) else { return false }
        relation = Relation(shape: relation.shape, table: table, positions: kept)
        return true
    }

    /// Keeps the rows for which the condition is true, row by row.
    private static func keep(_ relation: inout Relation, _ condition: BoundExpr,
                             _ ctx: RunContext, _ outer: Frame, _ span: SourceSpan) throws(RuntimeFailure) {
        var kept: [RowRef] = []
        var frame = outer
        for row in relation.rows {
            try ctx.step(span)
            frame.row = .row(row)
            if try condition.eval(ctx, &frame).isTrue { kept.append(row) }
        }
        relation.rows = kept
    }

    /// A condition split for the kernels: the part of its top `and` made of field tests, and the
    /// rest (nil when nothing is left). Nil when no part is field tests.
    static func split(_ condition: BoundExpr) -> (kernel: FieldCondition, residual: BoundExpr?)? {
        if let whole = FieldCondition(condition) { return (whole, nil) }
        guard case .logical(.and, let parts) = condition.form else { return nil }
        var tests: [FieldCondition] = [], rest: [BoundExpr] = []
        for part in parts {
            if let test = FieldCondition(part) { tests.append(test) } else { rest.append(part) }
        }
        guard !tests.isEmpty else { return nil }
        // A row passes an `and` when every part is true: the kernel's parts, then these.
        let others = rest
        let residual = others.count == 1 ? others[0] : BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            for part in others where !(try part.eval(ctx, &frame).isTrue) { return .bool(false) }
            return .bool(true)
        }, type: .bool, form: .logical(.and, others))
        return (tests.count == 1 ? tests[0] : .all(tests), residual)
    }
}
