/// `summarize`: a row per distinct key, in the order keys first appear; keys first, then the
/// aggregates folded over each group.
enum Summarize {
    /// With a kernel (at most one key, a stored field; aggregates of stored fields or `count()`),
    /// counts, sums, averages, minima and maxima are folded over the stored columns in one pass,
    /// and groups are made on a dictionary-encoded key's codes; otherwise row by row.
    static func run(_ input: @escaping CompiledQuery.Run, keys: [BoundExpr], aggregates: [Aggregate], schema: Schema,
                    kernel: Bool, _ ops: ValueOperations, _ span: SourceSpan) -> CompiledQuery.Run {
        // count() reads no value; the other aggregates read theirs once per row.
        let arguments = aggregates.compactMap(\.argument)
        let argumentIndex: [Int?] = {
            var next = 0
            return aggregates.map { aggregate in
                guard aggregate.argument != nil else { return nil }
                defer { next += 1 }
                return next
            }
        }()
        let kinds = aggregates.map { ($0.kind, $0.argument == nil) }
        // The plain field each aggregate folds, if it folds one: read from its column by the kernel.
        let fieldsFolded = aggregates.map { $0.argument?.plainField }
        // (Outer nil: no kernel; inner nil: no key, one group.)
        let kernelKey: String?? = {
            guard kernel, zip(kinds, fieldsFolded).allSatisfy({ $0.1 || $1 != nil }) else { return nil }
            if keys.isEmpty { return .some(nil) }
            guard keys.count == 1, let field = keys[0].plainField else { return nil }
            return .some(field)
        }()
        return { ctx, frame throws(RuntimeFailure) in
            let relation = try input(ctx, &frame)
            // Counts, sums, averages, minima and maxima of stored numbers: one pass, no group lists.
            if let kernelKey, let (table, positions) = relation.tableRows {
                let key = kernelKey.flatMap { table.schema.index(of: $0) }.map { table.columns[$0] }
                let argumentColumns = fieldsFolded.map { field in field.flatMap { table.schema.index(of: $0) }.map { table.columns[$0] } }
                if kernelKey == nil || key != nil,
                   let output = ColumnAggregates.fold(kinds.map { (kind: $0.0, counting: $0.1) }, key: key, arguments: argumentColumns,
                                                      positions: positions, count: relation.count, ops) {
                    try ctx.step(span, relation.count)
                    try ctx.checkRows(output.count, span)
                    return Relation(table: Table(name: "summary", schema: schema, rows: output))
                }
            }
            var groups: [(key: [Value], members: [Int])] = []
            let argument: (Int, Int) -> Value
            if let kernelKey = kernelKey, let kernel = Summarize.kernelGroups(relation, by: kernelKey, fieldsFolded, ops) {
                try ctx.step(span, relation.count)
                groups = kernel.groups
                argument = kernel.argument
            } else {
                let keyValues = try RowEvaluation.evaluate(keys, over: relation.rows, ctx, frame, span)
                let argumentValues = try RowEvaluation.evaluate(arguments, over: relation.rows, ctx, frame, span)
                var groupOf: [[Value]: Int] = [:]
                for (i, key) in keyValues.enumerated() {
                    let folded = key.map(ops.groupingKey)
                    if let g = groupOf[folded] {
                        groups[g].members.append(i)
                    } else {
                        groupOf[folded] = groups.count
                        groups.append((key, [i]))
                    }
                }
                argument = { a, place in argumentValues[place][argumentIndex[a]!] }
            }
            if keys.isEmpty && groups.isEmpty { groups = [([], [])] }
            var output: [[Value]] = []
            output.reserveCapacity(groups.count)
            for group in groups {
                var row = group.key
                for (a, (kind, counting)) in kinds.enumerated() {
                    if counting {
                        row.append(.int(group.members.count))
                        continue
                    }
                    row.append(Summarize.reduce(kind, group.members.map { argument(a, $0) }, counting: false, ops))
                }
                output.append(row)
            }
            try ctx.checkRows(output.count, span)
            return Relation(table: Table(name: "summary", schema: schema, rows: output))
        }
    }

    /// The groups of a relation by one field (by none: one group of every row) made by the
    /// column kernel, and a reader of each aggregate's field by place; nil when the rows are not
    /// one table's or the key's column is not dictionary-encoded.
    static func kernelGroups(_ relation: Relation, by key: String?, _ argumentFields: [String?], _ ops: ValueOperations)
        -> (groups: [(key: [Value], members: [Int])], argument: (Int, Int) -> Value)? {
        guard let (table, positions) = relation.tableRows else { return nil }
        let groups: [(key: [Value], members: [Int])]
        if let key {
            guard let index = table.schema.index(of: key),
                  let grouping = ColumnGrouping(table.columns[index], positions: positions, ops) else { return nil }
            groups = zip(grouping.keys, grouping.members).map { ([$0], $1) }
        } else {
            groups = relation.count == 0 ? [] : [([], Array(0..<relation.count))]
        }
        let columns = argumentFields.map { field in field.flatMap { table.schema.index(of: $0) }.map { table.columns[$0] } }
        return (groups, { a, place in columns[a].map { $0[positions?[place] ?? place] } ?? .null })
    }

    /// Folds a group's values; nulls are skipped, as SQL and analysts expect.
    static func reduce(_ kind: Aggregate.Kind, _ values: [Value], counting: Bool, _ ops: ValueOperations) -> Value {
        let present = values.filter { !$0.isNull }
        switch kind {
        case .count:
            return .int(counting ? values.count : present.count)
        case .sum:
            guard !present.isEmpty else { return .null }
            return present.dropFirst().reduce(present[0]) { ops.arithmetic(.add, $0, $1) }
        case .avg:
            let numbers = present.compactMap { $0.keyed.number }
            return numbers.isEmpty ? .null : .double(numbers.reduce(0, +) / Double(numbers.count))
        case .min:
            return present.min { ops.sortsBefore($0, $1) } ?? .null
        case .max:
            return present.max { ops.sortsBefore($0, $1) } ?? .null
        case .distinct:
            return .int(Set(present.map(ops.groupingKey)).count)
        case .values:
            var seen: Set<Value> = []
            return .array(present.filter { seen.insert(ops.groupingKey($0)).inserted })
        case .first:
            return present.first ?? .null
        case .last:
            return present.last ?? .null
        }
    }
}
