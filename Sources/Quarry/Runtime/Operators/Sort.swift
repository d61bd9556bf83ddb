/// `sort keys`, and `sort keys` keeping only the first k rows (the top-k rewrite of `sort … |
/// head k`), which gives the same rows in the same order as sorting them all (the sort is
/// stable), found with a bounded heap.
enum Sort {
    static func run(_ input: @escaping CompiledQuery.Run, keys: [OrderKey], limit: Int?, kernel: Bool,
                    _ ops: ValueOperations, _ span: SourceSpan) -> CompiledQuery.Run {
        let order = places(keys, kernel: kernel, ops)
        return { ctx, frame throws(RuntimeFailure) in
            var relation = try input(ctx, &frame)
            relation.keep(places: try order(relation, limit, ctx, frame, span))
            return relation
        }
    }

    /// How to order a relation's rows: the places of its rows in sorted order, all of them or
    /// the first k.
    typealias Order = @Sendable (Relation, Int?, RunContext, Frame, SourceSpan) throws(RuntimeFailure) -> [Int]

    /// With a kernel (every key a stored field), keys compare on the stored columns when the rows
    /// are one table's; otherwise each key is evaluated per row and compared as values.
    static func places(_ keys: [OrderKey], kernel: Bool, _ ops: ValueOperations) -> Order {
        let fields = kernel ? keys.compactMap { key in key.value.plainField.map { (name: $0, descending: key.descending) } } : []
        let allFields = kernel && fields.count == keys.count
        let values = keys.map(\.value)
        let descending = keys.map(\.descending)
        return { relation, k, ctx, frame, span throws(RuntimeFailure) in
            let count = relation.count
            if allFields, let (table, positions) = relation.tableRows, let order = ColumnOrder(fields, in: table, ops) {
                try ctx.step(span, count)
                let before: (Int, Int) -> Bool = positions.map { positions in
                    { a, b in order.before(positions[a], positions[b], placeA: a, placeB: b) }
                } ?? { a, b in order.before(a, b, placeA: a, placeB: b) }
                return k.map { bestPlaces(count: count, $0, before: before) } ?? (0..<count).sorted(by: before)
            }
            let rows = try RowEvaluation.evaluate(values, over: relation.rows, ctx, frame, span)
            let before: (Int, Int) -> Bool = { a, b in
                for i in descending.indices {
                    let x = rows[a][i], y = rows[b][i]
                    if ops.sortsBefore(x, y) { return !descending[i] }
                    if ops.sortsBefore(y, x) { return descending[i] }
                }
                return a < b  // stable
            }
            return k.map { bestPlaces(count: count, $0, before: before) } ?? rows.indices.sorted(by: before)
        }
    }
}
