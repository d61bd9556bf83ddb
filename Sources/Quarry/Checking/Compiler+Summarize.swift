extension Compiler {
    /// An aggregate of `summarize`: its function and the expression it folds over each group.
    struct Aggregate {
        enum Kind: String { case count, sum, min, max, avg, distinct, values, first, last }
        var kind: Kind
        var argument: Compiled?
    }

    /// `summarize n = count(), first = min(date) by actor, year`: one row per distinct key, in the
    /// order keys first appear; keys first, then aggregates.
    func summarize(_ items: [SelectItem], by keyItems: [SelectItem], _ source: CompiledQuery, _ rows: Scope,
                   _ span: SourceSpan) -> CompiledQuery {
        let run = source.run
        let ops = operations
        checkDistinctNames(keyItems + items, span)
        let keys = keyItems.map { compile($0.expr, rows) }
        var aggregates: [Aggregate] = []
        // The plain field each aggregate folds, if it folds one: read from its column by the kernel.
        var argumentFields: [String?] = []
        var fields: [Field] = zip(keyItems, keys).map { Field($0.name, fieldType($1.type)) }
        for item in items {
            guard let aggregate = aggregate(item.expr, rows) else { continue }
            aggregates.append(aggregate)
            fields.append(Field(item.name, aggregateType(aggregate)))
            if case .call(_, let arguments, _, _) = item.expr, arguments.count == 1 {
                argumentFields.append(plainField(arguments[0], source.shape))
            } else {
                argumentFields.append(nil)
            }
        }
        let schema = Schema(fields)
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
        let fieldsFolded = argumentFields
        // By at most one plain field, folding only plain fields: the column kernel groups on codes
        // and reads the stored columns. (Outer nil: no kernel; inner nil: no key, one group.)
        let kernelKey: String?? = {
            guard usesColumnKernels, zip(kinds, argumentFields).allSatisfy({ $0.1 || $1 != nil }) else { return nil }
            if keyItems.isEmpty { return .some(nil) }
            guard keyItems.count == 1, let field = plainField(keyItems[0].expr, source.shape) else { return nil }
            return .some(field)
        }()
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let relation = try run(ctx, &frame)
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
            if let kernelKey = kernelKey, let kernel = Self.kernelGroups(relation, by: kernelKey, fieldsFolded, ops) {
                try ctx.step(span, relation.count)
                groups = kernel.groups
                argument = kernel.argument
            } else {
                let keyValues = try Self.evaluate(keys, over: relation.rows, ctx, frame, span)
                let argumentValues = try Self.evaluate(arguments, over: relation.rows, ctx, frame, span)
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
                    row.append(Self.reduce(kind, group.members.map { argument(a, $0) }, counting: false, ops))
                }
                output.append(row)
            }
            try ctx.checkRows(output.count, span)
            return Relation(table: Table(name: "summary", schema: schema, rows: output))
        }, shape: TableShape(name: "summary", schema: schema))
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

    private func aggregate(_ expr: Expr, _ rows: Scope) -> Aggregate? {
        guard case .call(let name, let arguments, let span, let nameSpan) = expr,
              let kind = Aggregate.Kind(rawValue: name.lowercased()) else {
            report(.type, "summarize needs an aggregate: count(), sum(x), min(x), max(x), avg(x), distinct(x), values(x), first(x) or last(x)",
                   expr.span, hint: "n = count()")
            return nil
        }
        _ = nameSpan
        if kind == .count && arguments.isEmpty { return Aggregate(kind: .count, argument: nil) }
        guard arguments.count == 1 else {
            report(.arity, "\(name)() takes 1 argument\(kind == .count ? " or none" : ""), not \(arguments.count)", span)
            return nil
        }
        let argument = compile(arguments[0], rows)
        if kind == .sum || kind == .avg {
            checkNumeric(argument, arguments[0].span, "\(name)()")
            // Dates add days to them, but a sum or a mean of dates means nothing.
            if argument.type == .date {
                report(.type, "\(name)() needs a number, not a date", arguments[0].span, hint: "min(date) and max(date) give the first and the last")
            }
        }
        return Aggregate(kind: kind, argument: argument)
    }

    private func aggregateType(_ aggregate: Aggregate) -> FieldType {
        switch aggregate.kind {
        case .count, .distinct: return .int
        case .avg: return .double
        case .values: return .array(.any)
        case .sum: return aggregate.argument?.type == .int ? .int : .any
        case .min, .max, .first, .last: return fieldType(aggregate.argument?.type ?? .any)
        }
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

    /// `bars [value]`: each row as a label, a value and a bar scaled to the largest value. The
    /// value is the expression given, else a `count` column, else the last numeric column.
    func bars(_ value: Compiled?, _ source: CompiledQuery, _ span: SourceSpan) -> CompiledQuery {
        if let value {
            switch value.type {
            case .int, .float, .any, .null: break
            default:
                report(.type, "bars needs a number for each row, not \(value.type.withArticle)", span,
                       hint: "count first: | summarize n = count() by field | bars n")
            }
        }
        let run = source.run
        let schema = Schema([Field("label", .string), Field("value", .any), Field("bar", .string)])
        let shape = TableShape(name: "bars", schema: schema)
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let relation = try run(ctx, &frame)
            let table = relation.materialize()
            let numericColumns = table.schema.fields.indices.filter { c in
                (0..<table.count).contains { table.value(row: $0, column: c).number != nil }
            }
            let valueColumn = table.schema.index(of: "count") ?? numericColumns.last
            var values: [Value] = []
            if let value {
                values = try Self.evaluate([value], over: relation.rows, ctx, frame, span).map { $0[0] }
            } else if let valueColumn {
                values = (0..<table.count).map { table.value(row: $0, column: valueColumn) }
            } else {
                throw RuntimeFailure(.type, "bars needs a number for each row", at: span, hint: "| summarize n = count() by actor | bars n")
            }
            // The label: the table's key if it has one, else its first few plain text columns.
            let labelColumns: [Int] = table.keyColumn.map { [$0] } ?? Array(table.schema.fields.indices.filter { c in
                guard c != valueColumn, !numericColumns.contains(c) else { return false }
                switch table.schema.fields[c].type {
                case .array, .references: return false
                default: return true
                }
            }.prefix(3))
            let largest = values.compactMap { $0.number }.map(abs).max() ?? 0
            var output: [[Value]] = []
            for row in 0..<table.count {
                let label = labelColumns.map { table.value(row: row, column: $0).description }.joined(separator: " · ")
                let amount = values[row].number ?? 0
                let width = largest > 0 ? amount / largest * 40 : 0
                output.append([.string(label.isEmpty ? String(row + 1) : label), values[row], .string(Self.bar(width))])
            }
            return Relation(table: Table(name: "bars", schema: schema, rows: output))
        }, shape: shape)
    }

    /// A bar of `width` cells, with eighth-cell precision.
    static func bar(_ width: Double) -> String {
        guard width > 0 else { return "" }
        let eighths = Int((width * 8).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }
}
