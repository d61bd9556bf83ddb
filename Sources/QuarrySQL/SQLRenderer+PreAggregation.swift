import Quarry

/// `summarize … by text` without regard to case, in two steps: first by the key exactly as
/// stored (a hash of the text, no `lower()` per row), then those few groups again by the key
/// folded. Each row's text is folded once per distinct spelling rather than once per row.
///
/// Only aggregates that combine from partial groups take this path: `count`, `sum` of whole
/// numbers, and `min` and `max` of numbers; keys of text and numbers. A group's key is shown as
/// its first row has it (the spelling whose first row comes first), and groups come in the order
/// of their first rows, as in one step.
extension SQLRenderer {
    /// The partial groups: for each key as stored (`quarry_k…`), its partial aggregates
    /// (`quarry_a…`), and with `placed` its first row's place (`quarry_first`).
    private struct Partials {
        var sql: String
        /// Each key as the source's rows give it, read from the alias `alias`.
        var keys: [String]
        var alias: String
    }

    mutating func preAggregated(_ source: Relation, _ keys: [BoundExpr], _ aggregates: [Aggregate],
                                _ schema: Schema, ordered: Bool) throws(SQLRefusal) -> Relation? {
        guard foldsCase, keys.contains(where: { kind(of: $0) == .text }),
              keys.allSatisfy({ [.text, .number].contains(kind(of: $0)) }),
              aggregates.allSatisfy(combines) else { return nil }
        if !ordered, keys.count == 1 { return try spelledByAmbiguousOnly(source, keys[0], aggregates, schema) }
        let partials = try self.partials(source, keys, aggregates, placed: true)
        let p = alias()
        let (partialItems, groups) = combined(keys, aggregates, schema, p, firstPlace: "\(p).quarry_first")
        var items = partialItems
        if ordered { items.append("row_number() OVER (ORDER BY min(\(p).quarry_first)) AS \(Self.order)") }
        var relation = Relation(sql: "SELECT \(items.joined(separator: ", ")) FROM (\(partials.sql)) AS \(p) GROUP BY \(groups.joined(separator: ", "))",
                                fields: resultFields(keys, aggregates, schema))
        relation.isOrdered = ordered
        return relation
    }

    /// A summary by one text key whose order no one reads, its groups spelled without a place
    /// taken on every row: only the spellings of a key written more than one way (rare) have their
    /// first rows looked up, in a second pass over just their rows. When every key is written one
    /// way, that pass finds nothing to look for and reads no row.
    private mutating func spelledByAmbiguousOnly(_ source: Relation, _ key: BoundExpr, _ aggregates: [Aggregate],
                                                 _ schema: Schema) throws(SQLRefusal) -> Relation {
        let partials = try self.partials(source, [key], aggregates, placed: false)
        let named = alias()
        let value = partials.keys[0], q = partials.alias
        let ambiguous = "SELECT quarry_k0 FROM \(named) WHERE lower(quarry_k0) IN (SELECT lower(quarry_k0) FROM \(named) GROUP BY lower(quarry_k0) HAVING count(*) > 1)"
        let firsts = "SELECT \(value) AS quarry_k0, \(firstPlace(source, q)) AS quarry_first FROM (\(source.sql)) AS \(q) WHERE \(value) IN (\(ambiguous)) GROUP BY \(value)"
        let p = alias(), f = alias()
        let (items, groups) = combined([key], aggregates, schema, p, firstPlace: "\(f).quarry_first")
        var relation = Relation(sql: "WITH \(named) AS (\(partials.sql)) SELECT \(items.joined(separator: ", ")) FROM \(named) AS \(p) LEFT JOIN (\(firsts)) AS \(f) ON \(p).quarry_k0 = \(f).quarry_k0 GROUP BY \(groups.joined(separator: ", "))",
                                fields: resultFields([key], aggregates, schema))
        relation.isOrdered = false
        return relation
    }

    private mutating func partials(_ source: Relation, _ keys: [BoundExpr], _ aggregates: [Aggregate],
                                   placed: Bool) throws(SQLRefusal) -> Partials {
        let q = alias()
        var inner: [String] = [], exact: [String] = []
        for (i, key) in keys.enumerated() {
            let value = try expression(key, q, source.fields)
            inner.append("\(value) AS quarry_k\(i)")
            exact.append(value)
        }
        for (i, aggregate) in aggregates.enumerated() {
            let argument = try aggregate.argument.map { (e: BoundExpr) throws(SQLRefusal) in try expression(e, q, source.fields) }
            let partial: String
            switch aggregate.kind {
            case .count: partial = argument.map { "count(\($0))" } ?? "count(*)"
            case .sum: partial = "sum(\(argument!))"
            case .min: partial = "min(\(argument!))"
            default: partial = "max(\(argument!))"
            }
            inner.append("\(partial) AS quarry_a\(i)")
        }
        if placed { inner.append("\(firstPlace(source, q)) AS quarry_first") }
        return Partials(sql: "SELECT \(inner.joined(separator: ", ")) FROM (\(source.sql)) AS \(q) GROUP BY \(exact.joined(separator: ", "))",
                        keys: exact, alias: q)
    }

    /// The select items and grouping that combine partial groups read from alias `p` into whole
    /// ones: a text key spelled as at `firstPlace`, the earliest, when its group has several.
    private func combined(_ keys: [BoundExpr], _ aggregates: [Aggregate], _ schema: Schema, _ p: String,
                          firstPlace: String) -> (items: [String], groups: [String]) {
        var items: [String] = [], groups: [String] = []
        for (i, (key, field)) in zip(keys, schema.fields).enumerated() {
            let value = "\(p).quarry_k\(i)"
            if kind(of: key) == .text {
                groups.append("lower(\(value))")
                let first = dialect.first(value, orderedBy: [firstPlace], descending: false)
                items.append("(CASE WHEN min(\(value)) IS NULL OR min(\(value)) = max(\(value)) THEN min(\(value)) ELSE \(first) END) AS \(dialect.identifier(field.name))")
            } else {
                groups.append(value)
                items.append("min(\(value)) AS \(dialect.identifier(field.name))")
            }
        }
        for (i, (aggregate, field)) in zip(aggregates, schema.fields.dropFirst(keys.count)).enumerated() {
            let value = "\(p).quarry_a\(i)"
            switch aggregate.kind {
            case .count: items.append("CAST(sum(\(value)) AS \(dialect.integerType)) AS \(dialect.identifier(field.name))")
            case .sum: items.append("sum(\(value)) AS \(dialect.identifier(field.name))")
            case .min: items.append("min(\(value)) AS \(dialect.identifier(field.name))")
            default: items.append("max(\(value)) AS \(dialect.identifier(field.name))")
            }
        }
        return (items, groups)
    }

    private func resultFields(_ keys: [BoundExpr], _ aggregates: [Aggregate], _ schema: Schema) -> [Field] {
        zip(keys, schema.fields).map { Field($1.name, fieldType($0)) }
            + zip(aggregates, schema.fields.dropFirst(keys.count)).map { Field($1.name, aggregateType($0)) }
    }

    /// Whether partial results of the aggregate combine into the whole group's.
    private func combines(_ aggregate: Aggregate) -> Bool {
        switch aggregate.kind {
        case .count: return aggregate.argument.map { kind(of: $0) != .date && kind(of: $0) != .json } ?? true
        // A sum of fractions added in another order may differ in its last digits: whole numbers only.
        case .sum: return aggregate.argument.map { kind(of: $0) == .number && integral($0) } ?? false
        case .min, .max: return aggregate.argument.map { kind(of: $0) == .number } ?? false
        default: return false
        }
    }
}
