/// EQL's `count`: with no keys one row `{key: "totals", count}`; with keys a row per key
/// `{key, count, percent}`, ascending by count, then key.
enum Count {
    static let schema = Schema([Field("key", .any), Field("count", .int), Field("percent", .double)])

    /// With a kernel (one key, a stored field), a dictionary-encoded column is counted on its codes.
    static func run(_ input: @escaping CompiledQuery.Run, keys: [BoundExpr], kernel: Bool,
                    _ ops: ValueOperations, _ span: SourceSpan) -> CompiledQuery.Run {
        let kernelKey = kernel && keys.count == 1 ? keys[0].plainField : nil
        return { ctx, frame throws(RuntimeFailure) in
            let relation = try input(ctx, &frame)
            if keys.isEmpty {
                let table = Table(name: "count", schema: Schema([Field("key", .string), Field("count", .int)]),
                                  rows: [[.string("totals"), .int(relation.count)]])
                return Relation(table: table)
            }
            var groups: [[Value]: (key: Value, count: Int)] = [:]
            if let kernelKey, let (table, positions) = relation.tableRows, let index = table.schema.index(of: kernelKey),
               let grouping = ColumnGrouping(table.columns[index], positions: positions, ops) {
                try ctx.step(span, relation.count)
                for (key, n) in zip(grouping.keys, grouping.counts) { groups[[ops.groupingKey(key)]] = (key, n) }
            } else {
                for row in try RowEvaluation.evaluate(keys, over: relation.rows, ctx, frame, span) {
                    let key = keys.count == 1 ? row[0] : .array(row)
                    let folded = row.map(ops.groupingKey)
                    groups[folded, default: (key, 0)].count += 1
                }
            }
            let total = Double(relation.count)
            let sorted = groups.values.sorted { a, b in
                a.count != b.count ? a.count < b.count : ops.sortsBefore(a.key, b.key)
            }
            let table = Table(name: "count", schema: schema,
                              rows: sorted.map { [$0.key, .int($0.count), .double(Double($0.count) / total)] })
            return Relation(table: table)
        }
    }
}
