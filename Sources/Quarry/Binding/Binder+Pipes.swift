extension Binder {
    /// A pipe bound over its input's plan.
    func bindPipe(_ pipe: Pipe, after source: LogicalPlan, _ scope: Scope) -> LogicalPlan {
        let rows = rowScope(source.shape, scope)
        switch pipe {
        case .head(let countExpr, let span):
            return .slice(source, fromEnd: false, count: pipeCount(countExpr, span, "head", scope), span: span)
        case .tail(let countExpr, let span):
            return .slice(source, fromEnd: true, count: pipeCount(countExpr, span, "tail", scope), span: span)
        case .filter(let conditionExpr, let span):
            let condition = compile(conditionExpr, rows)
            checkBoolean(condition, conditionExpr.span, "'filter'")
            return .filter(source, condition: condition, span: span)
        case .sort(let keys, let span):
            return .sort(source, keys: keys.map { OrderKey(value: compile($0.expr, rows), descending: $0.descending) },
                         limit: nil, span: span)
        case .unique(let keys, let span):
            return .unique(source, keys: keys.map { compile($0, rows) }, span: span)
        case .uniqueCount(let keys, let span):
            return .uniqueCount(source, keys: keys.map { compile($0, rows) }, span: span)
        case .count(let keys, let span):
            return .count(source, keys: keys.map { compile($0, rows) }, span: span)
        case .select(let items, let span):
            let columns = items.map { compile($0.expr, rows) }
            checkDistinctNames(items, span)
            let schema = Schema(zip(items, columns).map { Field($0.name, fieldType($1.type)) })
            return .project(source, columns: columns, schema: schema, span: span)
        case .summarize(let aggregates, let keys, let span):
            return summarize(aggregates, by: keys, source, rows, span)
        case .bars(let valueExpr, let span):
            return bars(valueExpr.map { compile($0, rows) }, source, span)
        }
    }

    /// The row count of `head` or `tail`: a literal is checked now, anything else (a binding, a
    /// parameter) when the query runs.
    private func pipeCount(_ expr: Expr?, _ span: SourceSpan, _ name: String, _ scope: Scope) -> RowCount {
        guard let expr else { return .fixed(50) }
        let compiled = compile(expr, scope)
        if let constant = compiled.constant {
            guard case .int(let n) = constant, n >= 0 else {
                report(.type, "\(name) takes a whole number of rows, 0 or more", expr.span, hint: "| \(name) 10")
                return .fixed(0)
            }
            return .fixed(n)
        }
        if compiled.type != .any && compiled.type != .int {
            report(.type, "\(name) takes a whole number of rows, not \(compiled.type.withArticle)", expr.span)
        }
        let exprSpan = expr.span
        return .computed(ComputedCount(value: compiled, compute: { ctx, frame throws(RuntimeFailure) in
            guard case .int(let n) = try compiled.eval(ctx, &frame), n >= 0 else {
                throw RuntimeFailure(.type, "\(name) takes a whole number of rows, 0 or more", at: exprSpan)
            }
            return n
        }, label: planner.text.render(compiled)))
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
