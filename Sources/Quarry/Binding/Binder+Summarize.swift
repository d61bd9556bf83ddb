extension Binder {
    /// `summarize n = count(), first = min(date) by actor, year`: one row per distinct key, in the
    /// order keys first appear; keys first, then aggregates.
    func summarize(_ items: [SelectItem], by keyItems: [SelectItem], _ source: LogicalPlan, _ rows: Scope,
                   _ span: SourceSpan) -> LogicalPlan {
        checkDistinctNames(keyItems + items, span)
        let keys = keyItems.map { compile($0.expr, rows) }
        var aggregates: [Aggregate] = []
        var fields: [Field] = zip(keyItems, keys).map { Field($0.name, fieldType($1.type)) }
        for item in items {
            guard let aggregate = aggregate(item.expr, rows) else { continue }
            aggregates.append(aggregate)
            fields.append(Field(item.name, aggregateType(aggregate)))
        }
        return .aggregate(source, keys: keys, aggregates: aggregates, schema: Schema(fields), span: span)
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

    /// `bars [value]`: the value, when one is given, must be a number.
    func bars(_ value: BoundExpr?, _ source: LogicalPlan, _ span: SourceSpan) -> LogicalPlan {
        if let value {
            switch value.type {
            case .int, .float, .any, .null: break
            default:
                report(.type, "bars needs a number for each row, not \(value.type.withArticle)", span,
                       hint: "count first: | summarize n = count() by field | bars n")
            }
        }
        return .bars(source, value: value, span: span)
    }
}
