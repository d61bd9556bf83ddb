/// `select a, b = expr, c as d`: a new table of the named columns.
enum Project {
    /// With a kernel (every column a stored field), the rows of one table are copied column by
    /// column, in their stored form; otherwise each column is evaluated per row.
    static func run(_ input: @escaping CompiledQuery.Run, columns: [BoundExpr], schema: Schema, name: String,
                    kernel: Bool, _ span: SourceSpan) -> CompiledQuery.Run {
        let fields = kernel ? columns.compactMap(\.plainField) : []
        let plain = kernel && fields.count == columns.count
        return { ctx, frame throws(RuntimeFailure) in
            let relation = try input(ctx, &frame)
            if plain, let (table, positions) = relation.tableRows {
                let indices = fields.compactMap { table.schema.index(of: $0) }
                if indices.count == fields.count {
                    try ctx.step(span, relation.count)
                    try ctx.checkRows(relation.count, span)
                    let stored = indices.map { positions.map(table.columns[$0].gathering) ?? table.columns[$0] }
                    return Relation(table: Table(name: name, schema: schema, storedColumns: stored))
                }
            }
            let values = try RowEvaluation.evaluate(columns, over: relation.rows, ctx, frame, span)
            try ctx.checkRows(values.count, span)
            return Relation(table: Table(name: name, schema: schema, rows: values))
        }
    }
}
