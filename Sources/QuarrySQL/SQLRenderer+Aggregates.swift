import Quarry

/// `summarize`, EQL's `count` by a key, and the aggregates, as SQL: a group shows its key as its
/// first row has it, groups come in the order of their first rows, nulls are skipped.
extension SQLRenderer {
    /// `ordered`: whether the groups' order is read; when not, the summary has no order column.
    mutating func summarize(_ source: Relation, _ keys: [BoundExpr], _ aggregates: [Aggregate],
                            _ schema: Schema, ordered: Bool = true) throws(SQLRefusal) -> Relation {
        if let twoSteps = try preAggregated(source, keys, aggregates, schema, ordered: ordered) { return twoSteps }
        let q = alias()
        var items: [String] = []
        var groups: [String] = []
        var fields: [Field] = []
        for (key, field) in zip(keys, schema.fields) {
            if kind(of: key) == .date {
                // A group of a date shares all three parts: any row's are the group's.
                var parts = try dateParts(key, q, source.fields)
                let values = (0..<3).map { part($0, of: &parts) }
                groups.append(values.joined(separator: ", "))
                let names = SQLLayout.dateColumns(field.name).map { dialect.identifier($0.name) }
                items += (0..<3).map { "min(\(values[$0])) AS \(names[$0])" }
                fields.append(Field(field.name, .date))
                continue
            }
            let value = try expression(key, q, source.fields)
            groups.append(try groupingKey(key, q, source.fields))
            items.append("\(try keyAsFirstRowHasIt(key, value, q, source)) AS \(dialect.identifier(field.name))")
            fields.append(Field(field.name, fieldType(key)))
        }
        var firsts: [String] = []  // for `values`: which row first has each distinct value in its group
        for (aggregate, field) in zip(aggregates, schema.fields.dropFirst(keys.count)) {
            if aggregate.kind == .values, let argument = aggregate.argument {
                let (item, first) = try distinctValues(argument, q, source.fields, groups: groups, place: firsts.count)
                items.append("\(item) AS \(dialect.identifier(field.name))")
                firsts.append(first)
                fields.append(Field(field.name, .array(.any)))
                continue
            }
            if let argument = aggregate.argument, kind(of: argument) == .date, aggregate.kind != .count, aggregate.kind != .distinct {
                items += try dateAggregate(aggregate.kind, argument, q, source.fields, named: field.name)
                fields.append(Field(field.name, .date))
                continue
            }
            items.append("\(try fold(aggregate, q, source.fields)) AS \(dialect.identifier(field.name))")
            fields.append(Field(field.name, aggregateType(aggregate)))
        }
        // Groups in the order their first rows come.
        if ordered { items.append("row_number() OVER (ORDER BY \(firstPlace(source, q))) AS \(Self.order)") }
        let grouping = groups.isEmpty ? "" : " GROUP BY \(groups.joined(separator: ", "))"
        // The rows, numbered within each group by each distinct value (same alias: the
        // expressions read the same columns).
        let rows = firsts.isEmpty ? source.sql : "SELECT \(q).*, \(firsts.joined(separator: ", ")) FROM (\(source.sql)) AS \(q)"
        var summary = Relation(sql: "SELECT \(items.joined(separator: ", ")) FROM (\(rows)) AS \(q)\(grouping)", fields: fields)
        summary.isOrdered = ordered
        return summary
    }

    /// A summary that a sort by `sortKeys` reads, rendered without its groups' order when the
    /// sort decides every tie: each group key (text, a number or a truth value) is a sort key, and
    /// no two groups share their keys, so the order of first rows, which only breaks ties, is
    /// never read. Nil when the input is not such a summary.
    mutating func summaryForSort(_ input: LogicalPlan, _ sortKeys: [OrderKey]) throws(SQLRefusal) -> Relation? {
        guard case .aggregate(let rowsIn, let keys, let aggregates, let schema, _) = input, !keys.isEmpty else { return nil }
        let sortedBy = Set(sortKeys.compactMap { key -> String? in
            switch key.value.form {
            case .field(let name), .reference(let name): return name
            default: return nil
            }
        })
        guard schema.fields.prefix(keys.count).allSatisfy({ sortedBy.contains($0.name) }) else { return nil }
        return try summary(of: rowsIn, keys, aggregates, schema, ordered: false)
    }

    /// `summarize` over the rows of `input`. `ordered: false` leaves the groups' order out when
    /// every key is text, a number or a truth value (groups then never share their keys).
    mutating func summary(of input: LogicalPlan, _ keys: [BoundExpr], _ aggregates: [Aggregate], _ schema: Schema,
                          ordered: Bool) throws(SQLRefusal) -> Relation {
        let source = try plain(try rows(input), "summarize")
        reading(source)
        let keysDecide = keys.allSatisfy { [.text, .number, .bool].contains(kind(of: $0)) }
        return try summarize(source, keys, aggregates, schema, ordered: ordered || !keysDecide)
    }

    /// `values(x)`: a group's distinct values (text without regard to case, spelled as first
    /// written), in the order of their first rows, nulls skipped; a JSON array. The select item,
    /// and the window that marks each value's first row in its group.
    private mutating func distinctValues(_ argument: BoundExpr, _ q: String, _ fields: [Field], groups: [String],
                                         place: Int) throws(SQLRefusal) -> (item: String, first: String) {
        guard dialect.supportsJSON else { throw SQLRefusal("values(\(written(argument)))", "arrays render for PostgreSQL only") }
        // Fractions print differently as JSON: whole numbers, text and truth values only.
        guard [.text, .bool].contains(kind(of: argument)) || (kind(of: argument) == .number && integral(argument)) else {
            throw SQLRefusal("values(\(written(argument)))", "only values of text, whole numbers or truth values render")
        }
        let value = try expression(argument, q, fields)
        let partition = (groups + [try groupingKey(argument, q, fields)]).joined(separator: ", ")
        let first = "row_number() OVER (PARTITION BY \(partition) ORDER BY \(q).\(rowOrder)) AS quarry_v\(place)"
        let item = "COALESCE(to_json(array_agg(\(value) ORDER BY \(q).\(rowOrder)) FILTER (WHERE \(q).quarry_v\(place) = 1 AND \(value) IS NOT NULL)), '[]')"
        return (item, first)
    }


    /// EQL's `count` by a date: a row per date (its three parts), ascending by count, then by
    /// the date (null first).
    mutating func countByDate(_ key: BoundExpr, _ source: Relation) throws(SQLRefusal) -> Relation {
        let q = alias()
        var parts = try dateParts(key, q, source.fields)
        let values = (0..<3).map { part($0, of: &parts) }
        let counted = "SELECT \((0..<3).map { "min(\(values[$0])) AS k\($0)" }.joined(separator: ", ")), count(*) AS n FROM (\(source.sql)) AS \(q) GROUP BY \(values.joined(separator: ", "))"
        let g = alias()
        let names = SQLLayout.dateColumns("key").map { dialect.identifier($0.name) }
        let percent = dialect.double("\(g).n")
        let sql = "SELECT \((0..<3).map { "\(g).k\($0) AS \(names[$0])" }.joined(separator: ", ")), \(g).n AS \(dialect.identifier("count")), "
            + "\(percent) / sum(\(g).n) OVER () AS \(dialect.identifier("percent")), "
            + "row_number() OVER (ORDER BY \(g).n, \(g).k0 NULLS FIRST, \(g).k1 NULLS FIRST) AS \(Self.order) FROM (\(counted)) AS \(g)"
        return Relation(sql: sql, fields: [Field("key", .date), Field("count", .int), Field("percent", .double)])
    }

    /// `min`, `max`, `first` or `last` of a date: the three parts of one row's date, the row
    /// chosen by (first second, last second) or by place; among equal dates, the first row.
    private mutating func dateAggregate(_ kind: Aggregate.Kind, _ argument: BoundExpr, _ q: String, _ fields: [Field],
                                        named name: String) throws(SQLRefusal) -> [String] {
        var parts = try dateParts(argument, q, fields)
        let values = (0..<3).map { part($0, of: &parts) }
        let position = "\(q).\(rowOrder)"
        let order: [String]
        switch kind {
        case .min: order = [values[0], values[1], position]
        // Negated, so that every dialect orders by them ascending: the latest date, its first row.
        case .max: order = ["- \(values[0])", "- \(values[1])", position]
        case .first, .last: order = [position]
        default:
            throw SQLRefusal("\(kind.rawValue)(\(written(argument)))", "it does not apply to dates", at: argument.span)
        }
        let names = SQLLayout.dateColumns(name).map { dialect.identifier($0.name) }
        // Each part from the same row: the order decides it, and a date's parts are null together.
        return (0..<3).map { "\(dialect.first(values[$0], orderedBy: order, descending: kind == .last)) AS \(names[$0])" }
    }

    /// A group's key as its first row has it. Rows of a group share their key exactly, except
    /// text without regard to case, where they may differ in case: when they do, the key is
    /// read from the group's first row (by its place), so no group pays for an ordered aggregate.
    mutating func keyAsFirstRowHasIt(_ key: BoundExpr, _ value: String, _ q: String,
                                             _ source: Relation) throws(SQLRefusal) -> String {
        switch kind(of: key) {
        case .number: return "min(\(value))"
        case .text where !foldsCase: return "min(\(value))"
        case .text:
            let s = alias()
            let again = try expression(key, s, source.fields)
            let first = "(SELECT max(\(again)) FROM (\(source.sql)) AS \(s) WHERE \(s).\(source.order) = \(firstPlace(source, q)))"
            return "(CASE WHEN min(\(value)) IS NULL OR min(\(value)) = max(\(value)) THEN min(\(value)) ELSE \(first) END)"
        default:
            return dialect.first(value, orderedBy: ["\(q).\(rowOrder)"], descending: false)
        }
    }

    private mutating func fold(_ aggregate: Aggregate, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        guard let argument = aggregate.argument else { return "count(*)" }
        if kind(of: argument) == .date {
            guard aggregate.kind == .count || aggregate.kind == .distinct else {
                throw SQLRefusal("\(aggregate.kind.rawValue)(\(written(argument)))", "an aggregate of dates is not rendered yet", at: argument.span)
            }
            var parts = try dateParts(argument, q, fields)
            let (first, last, precision) = (part(0, of: &parts), part(1, of: &parts), part(2, of: &parts))
            let text = "CAST(\(first) AS VARCHAR(40)) || ':' || CAST(\(last) AS VARCHAR(40)) || ':' || \(precision)"
            return aggregate.kind == .count ? "count(\(first))" : "count(DISTINCT \(text))"
        }
        let value = try expression(argument, q, fields)
        switch aggregate.kind {
        case .count: return "count(\(value))"
        case .sum:
            guard kind(of: argument) == .number else { throw SQLRefusal("sum of \(written(argument))", "it is not a number") }
            return "sum(\(value))"
        case .avg:
            guard kind(of: argument) == .number else { throw SQLRefusal("avg of \(written(argument))", "it is not a number") }
            return "avg(\(dialect.double(value)))"
        case .min, .max:
            switch kind(of: argument) {
            case .number, .bool: return aggregate.kind == .min ? "min(\(value))" : "max(\(value))"
            case .text:
                return dialect.first(value, orderedBy: try orderItems(argument, descending: false, q, fields, column: value).map { $0.replacingOccurrences(of: " NULLS FIRST", with: "") },
                                     descending: aggregate.kind == .max)
            case .unknown, .date, .json: throw SQLRefusal("\(aggregate.kind.rawValue)(\(written(argument)))", "its values have no single SQL type")
            }
        case .distinct: return "count(DISTINCT \(try groupingKey(argument, q, fields)))"
        case .first, .last:
            try checkSingleType(argument)
            return dialect.first(value, orderedBy: ["\(q).\(rowOrder)"], descending: aggregate.kind == .last)
        case .values: throw SQLRefusal("values(\(written(argument)))", "arrays are not rendered")
        }
    }

    func aggregateType(_ aggregate: Aggregate) -> FieldType {
        switch aggregate.kind {
        case .count, .distinct: return .int
        case .avg: return .double
        case .sum: return aggregate.argument.map { fieldType($0) } ?? .int
        default: return aggregate.argument.map { fieldType($0) } ?? .any
        }
    }
}
