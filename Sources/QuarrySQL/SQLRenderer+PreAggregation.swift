import Quarry

/// `summarize … by text` without regard to case, in two steps: first by the key exactly as
/// stored (a hash of the text, no `lower()` per row), then those few groups again by the key
/// folded. Each row's text is folded once per distinct spelling rather than once per row.
///
/// Only aggregates that combine from partial groups take this path: `count`, `sum` of whole
/// numbers, and `min` and `max` of numbers; keys of text and numbers. A group's key is shown as its first row has it (the spelling whose
/// first row comes first), and groups come in the order of their first rows, as in one step.
extension SQLRenderer {
    mutating func preAggregated(_ source: Relation, _ keys: [BoundExpr], _ aggregates: [Aggregate],
                                _ schema: Schema) throws(SQLRefusal) -> Relation? {
        guard foldsCase, keys.contains(where: { kind(of: $0) == .text }),
              keys.allSatisfy({ [.text, .number].contains(kind(of: $0)) }),
              aggregates.allSatisfy(combines) else { return nil }
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
        inner.append("\(firstPlace(source, q)) AS quarry_first")
        let partials = "SELECT \(inner.joined(separator: ", ")) FROM (\(source.sql)) AS \(q) GROUP BY \(exact.joined(separator: ", "))"

        let p = alias()
        var items: [String] = [], groups: [String] = [], fields: [Field] = []
        for (i, (key, field)) in zip(keys, schema.fields).enumerated() {
            let value = "\(p).quarry_k\(i)"
            if kind(of: key) == .text {
                groups.append("lower(\(value))")
                let first = dialect.first(value, orderedBy: ["\(p).quarry_first"], descending: false)
                items.append("(CASE WHEN min(\(value)) IS NULL OR min(\(value)) = max(\(value)) THEN min(\(value)) ELSE \(first) END) AS \(dialect.identifier(field.name))")
            } else {
                groups.append(value)
                items.append("min(\(value)) AS \(dialect.identifier(field.name))")
            }
            fields.append(Field(field.name, fieldType(key)))
        }
        for (i, (aggregate, field)) in zip(aggregates, schema.fields.dropFirst(keys.count)).enumerated() {
            let value = "\(p).quarry_a\(i)"
            switch aggregate.kind {
            case .count: items.append("CAST(sum(\(value)) AS \(dialect.integerType)) AS \(dialect.identifier(field.name))")
            case .sum: items.append("sum(\(value)) AS \(dialect.identifier(field.name))")
            case .min: items.append("min(\(value)) AS \(dialect.identifier(field.name))")
            default: items.append("max(\(value)) AS \(dialect.identifier(field.name))")
            }
            fields.append(Field(field.name, aggregateType(aggregate)))
        }
        items.append("row_number() OVER (ORDER BY min(\(p).quarry_first)) AS \(Self.order)")
        return Relation(sql: "SELECT \(items.joined(separator: ", ")) FROM (\(partials)) AS \(p) GROUP BY \(groups.joined(separator: ", "))",
                        fields: fields)
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
