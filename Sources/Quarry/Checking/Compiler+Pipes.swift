extension Compiler {
    func compilePipe(_ pipe: Pipe, after source: CompiledQuery, _ scope: Scope) -> CompiledQuery {
        let run = source.run
        let rows = rowScope(source.shape, scope)
        let ops = operations
        switch pipe {
        case .head(let countExpr, let span), .tail(let countExpr, let span):
            let isHead: Bool = { if case .head = pipe { return true } else { return false } }()
            let count = pipeCount(countExpr, span, isHead ? "head" : "tail", scope)
            return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
                var relation = try run(ctx, &frame)
                let n = try count(ctx, &frame)
                relation.slice(first: n, fromEnd: !isHead)
                return relation
            }, shape: source.shape)

        case .filter(let conditionExpr, let span):
            let condition = compile(conditionExpr, rows)
            checkBoolean(condition, conditionExpr.span, "'filter'")
            let kernel = columnPredicate(conditionExpr, source.shape)
            return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
                var relation = try run(ctx, &frame)
                try Self.keep(&relation, condition, kernel, ctx, frame, span)
                return relation
            }, shape: source.shape)

        case .sort(let keyExprs, let span):
            return sort(keyExprs, keepingFirst: nil, after: source, scope, span)

        case .unique(let keyExprs, let span):
            let keys = keyExprs.map { compile($0, rows) }
            let kernelKey = keyExprs.count == 1 ? plainField(keyExprs[0], source.shape) : nil
            return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
                var relation = try run(ctx, &frame)
                if let kernelKey, let (table, positions) = relation.tableRows, let index = table.schema.index(of: kernelKey),
                   let grouping = ColumnGrouping(table.columns[index], positions: positions, ops) {
                    // The first row of each group, in order.
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
                let values = try Self.evaluate(keys, over: relation.rows, ctx, frame, span)
                var seen: Set<[Value]> = []
                relation.keep(places: values.indices.filter { seen.insert(values[$0].map(ops.groupingKey)).inserted })
                return relation
            }, shape: source.shape)

        case .uniqueCount(let keyExprs, let span):
            return uniqueCount(keyExprs.map { compile($0, rows) }, source, span)

        case .count(let keyExprs, let span):
            let kernelKey = keyExprs.count == 1 ? plainField(keyExprs[0], source.shape) : nil
            return count(keyExprs.map { compile($0, rows) }, kernelKey: kernelKey, source, span)

        case .select(let items, let span):
            return select(items, source, rows, span)

        case .summarize(let aggregates, let keys, let span):
            return summarize(aggregates, by: keys, source, rows, span)

        case .bars(let valueExpr, let span):
            return bars(valueExpr.map { compile($0, rows) }, source, span)
        }
    }

    /// The row count of `head` or `tail`: a literal is checked now, anything else (a binding, a
    /// parameter) when the query runs.
    private func pipeCount(_ expr: Expr?, _ span: SourceSpan, _ name: String, _ scope: Scope)
        -> @Sendable (RunContext, inout Frame) throws(RuntimeFailure) -> Int {
        guard let expr else { return { _, _ in 50 } }
        let compiled = compile(expr, scope)
        if let constant = compiled.constant {
            guard case .int(let n) = constant, n >= 0 else {
                report(.type, "\(name) takes a whole number of rows, 0 or more", expr.span, hint: "| \(name) 10")
                return { _, _ in 0 }
            }
            return { _, _ in n }
        }
        if compiled.type != .any && compiled.type != .int {
            report(.type, "\(name) takes a whole number of rows, not \(compiled.type.withArticle)", expr.span)
        }
        let exprSpan = expr.span
        return { ctx, frame throws(RuntimeFailure) in
            guard case .int(let n) = try compiled.eval(ctx, &frame), n >= 0 else {
                throw RuntimeFailure(.type, "\(name) takes a whole number of rows, 0 or more", at: exprSpan)
            }
            return n
        }
    }

    /// `sort keys`, and `sort keys | head k` (`keepingFirst: k`): the latter gives the same rows
    /// in the same order as sorting them all (the sort is stable), found with a bounded heap.
    func sort(_ keyExprs: [SortKey], keepingFirst k: Int?, after source: CompiledQuery, _ scope: Scope,
              _ span: SourceSpan) -> CompiledQuery {
        let run = source.run
        let order = sortOrder(keyExprs, source.shape, scope)
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            var relation = try run(ctx, &frame)
            relation.keep(places: try order(relation, k, ctx, frame, span))
            return relation
        }, shape: source.shape)
    }

    /// How to order a relation's rows by sort keys: the places of its rows in sorted order, all
    /// of them or the first k. Keys that are plain fields compare on the stored columns when the
    /// rows are one table's; anything else is evaluated per row and compared as values.
    typealias SortOrder = @Sendable (Relation, Int?, RunContext, Frame, SourceSpan) throws(RuntimeFailure) -> [Int]

    func sortOrder(_ keyExprs: [SortKey], _ shape: TableShape, _ scope: Scope) -> SortOrder {
        let keys = keyExprs.map { (compile($0.expr, rowScope(shape, scope)), $0.descending) }
        let fields = keyExprs.compactMap { key in plainField(key.expr, shape).map { (name: $0, descending: key.descending) } }
        let allFields = fields.count == keyExprs.count
        let ops = operations
        return { relation, k, ctx, frame, span throws(RuntimeFailure) in
            let count = relation.count
            if allFields, let (table, positions) = relation.tableRows, let order = ColumnOrder(fields, in: table, ops) {
                try ctx.step(span, count)
                let before: (Int, Int) -> Bool = positions.map { positions in
                    { a, b in order.before(positions[a], positions[b], placeA: a, placeB: b) }
                } ?? { a, b in order.before(a, b, placeA: a, placeB: b) }
                return k.map { bestPlaces(count: count, $0, before: before) } ?? (0..<count).sorted(by: before)
            }
            let values = try Self.evaluate(keys.map(\.0), over: relation.rows, ctx, frame, span)
            let before: (Int, Int) -> Bool = { a, b in
                for (i, key) in keys.enumerated() {
                    let x = values[a][i], y = values[b][i]
                    if ops.sortsBefore(x, y) { return !key.1 }
                    if ops.sortsBefore(y, x) { return key.1 }
                }
                return a < b  // stable
            }
            return k.map { bestPlaces(count: count, $0, before: before) } ?? values.indices.sorted(by: before)
        }
    }

    /// Each key evaluated on each row: `[row][key]`.
    static func evaluate(_ keys: [Compiled], over rows: [RowRef], _ ctx: RunContext, _ outer: Frame,
                         _ span: SourceSpan) throws(RuntimeFailure) -> [[Value]] {
        var frame = outer
        var result: [[Value]] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            try ctx.step(span)
            frame.row = .row(row)
            var values: [Value] = []
            values.reserveCapacity(keys.count)
            for key in keys { values.append(try key.eval(ctx, &frame)) }
            result.append(values)
        }
        return result
    }

    /// EQL's `count`: with no keys one row `{key: "totals", count}`; with keys a row per key
    /// `{key, count, percent}`, ascending by count, then key.
    private func count(_ keys: [Compiled], kernelKey: String?, _ source: CompiledQuery, _ span: SourceSpan) -> CompiledQuery {
        let run = source.run
        let ops = operations
        let schema = Schema([Field("key", .any), Field("count", .int), Field("percent", .double)])
        let shape = TableShape(name: "count", schema: schema)
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let relation = try run(ctx, &frame)
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
                for row in try Self.evaluate(keys, over: relation.rows, ctx, frame, span) {
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
        }, shape: shape)
    }

    /// EQL's `unique_count`: the first row of each key, with the key's `count` and `percent`.
    private func uniqueCount(_ keys: [Compiled], _ source: CompiledQuery, _ span: SourceSpan) -> CompiledQuery {
        let run = source.run
        let ops = operations
        let name = source.shape.name
        let outputSchema = source.shape.schema.map { Schema($0.fields + [Field("count", .int), Field("percent", .double)]) }
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let relation = try run(ctx, &frame)
            let rows = relation.rows
            let values = try Self.evaluate(keys, over: rows, ctx, frame, span)
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
        }, shape: TableShape(name: name, schema: outputSchema))
    }

    /// `select a, b = expr, c as d`: a new table of the named columns.
    private func select(_ items: [SelectItem], _ source: CompiledQuery, _ rows: Scope, _ span: SourceSpan) -> CompiledQuery {
        let run = source.run
        let columns = items.map { compile($0.expr, rows) }
        checkDistinctNames(items, span)
        let schema = Schema(zip(items, columns).map { Field($0.name, fieldType($1.type)) })
        let name = source.shape.name
        // Plain fields of one table's rows are copied column by column, in their stored form.
        let fields = items.compactMap { plainField($0.expr, source.shape) }
        let plain = fields.count == items.count
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let relation = try run(ctx, &frame)
            if plain, let (table, positions) = relation.tableRows {
                let indices = fields.compactMap { table.schema.index(of: $0) }
                if indices.count == fields.count {
                    try ctx.step(span, relation.count)
                    try ctx.checkRows(relation.count, span)
                    let stored = indices.map { positions.map(table.columns[$0].gathering) ?? table.columns[$0] }
                    return Relation(table: Table(name: name, schema: schema, storedColumns: stored))
                }
            }
            let values = try Self.evaluate(columns, over: relation.rows, ctx, frame, span)
            try ctx.checkRows(values.count, span)
            return Relation(table: Table(name: name, schema: schema, rows: values))
        }, shape: TableShape(name: name, schema: schema))
    }

    func checkDistinctNames(_ items: [SelectItem], _ span: SourceSpan) {
        var seen: Set<String> = []
        for item in items where !seen.insert(item.name.lowercased()).inserted {
            report(.type, "two columns are named '\(item.name)'", item.expr.span, hint: "rename one: name = expression")
        }
    }

    func fieldType(_ type: StaticType) -> FieldType {
        switch type {
        case .bool: return .bool
        case .int: return .int
        case .float: return .double
        case .string: return .string
        case .date: return .date
        case .array(let e): return .array(fieldType(e))
        case .row(let shape): return .reference(shape.name)
        default: return .any
        }
    }
}
