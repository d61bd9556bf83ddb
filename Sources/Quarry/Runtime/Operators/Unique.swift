/// `unique keys`: the first row of each distinct key, in order; and EQL's `unique_count`.
enum Unique {
    /// With a kernel (one key, a stored field), a dictionary-encoded column is grouped on its
    /// codes; otherwise keys are evaluated per row.
    static func run(_ input: @escaping CompiledQuery.Run, keys: [BoundExpr], kernel: Bool,
                    _ ops: ValueOperations, _ span: SourceSpan) -> CompiledQuery.Run {
        let kernelKey = kernel && keys.count == 1 ? keys[0].plainField : nil
        return { ctx, frame throws(RuntimeFailure) in
            var relation = try input(ctx, &frame)
            if let kernelKey, let (table, positions) = relation.tableRows, let index = table.schema.index(of: kernelKey),
               let grouping = ColumnGrouping(table.columns[index], positions: positions, ops) {
                try ctx.step(span, relation.count)
                var next: Int32 = 0
                var firsts: [Int] = []
                for (place, g) in grouping.groupOfPlace.enumerated() where g == next {
                    firsts.append(place)
                    next += 1
                }
                relation.keep(places: firsts)
                return relation
            }
            let values = try RowEvaluation.evaluate(keys, over: relation.rows, ctx, frame, span)
            var seen: Set<[Value]> = []
            relation.keep(places: values.indices.filter { seen.insert(values[$0].map(ops.groupingKey)).inserted })
            return relation
        }
    }

    /// EQL's `unique_count`: the first row of each key, with the key's `count` and `percent`.
    static func counting(_ input: @escaping CompiledQuery.Run, keys: [BoundExpr], name: String,
                         _ ops: ValueOperations, _ span: SourceSpan) -> CompiledQuery.Run {
        { ctx, frame throws(RuntimeFailure) in
            let relation = try input(ctx, &frame)
            let rows = relation.rows
            let values = try RowEvaluation.evaluate(keys, over: rows, ctx, frame, span)
            var order: [[Value]] = []
            var groups: [[Value]: (first: RowRef, count: Int)] = [:]
            for (i, row) in rows.enumerated() {
                let folded = values[i].map(ops.groupingKey)
                if groups[folded] == nil { order.append(folded) }
                groups[folded, default: (row, 0)].count += 1
            }
            let firsts = Relation(shape: relation.shape, rows: order.map { groups[$0]!.first }).materialize()
            let total = Double(rows.count)
            let counts = order.map { Value.int(groups[$0]!.count) }
            let percents = order.map { Value.double(Double(groups[$0]!.count) / total) }
            let schema = Schema(firsts.schema.fields + [Field("count", .int), Field("percent", .double)])
            let table = Table(name: name, schema: schema, columns: firsts.columns.map(Array.init) + [counts, percents],
                              key: firsts.keyColumn.map { firsts.schema.fields[$0].name })
            return Relation(table: table)
        }
    }
}
