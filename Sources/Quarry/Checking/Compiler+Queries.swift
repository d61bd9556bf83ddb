/// A compiled query: how to produce its rows, and the shape they have.
struct CompiledQuery {
    typealias Run = @Sendable (RunContext, inout Frame) throws(RuntimeFailure) -> Relation
    var run: Run
    var shape: TableShape
}

extension Compiler {
    func compileQuery(_ expr: Expr, _ scope: Scope) -> CompiledQuery {
        switch expr {
        case .filter(.name(let name, let nameSpan), let conditionExpr, let span)
            where catalog.hosts[name] != nil && globals[name] == nil && scope.locals[name] == nil:
            // A host collection hears the conditions it can use to skip rows; all are checked again here.
            let host = catalog.hosts[name]!
            let shape = TableShape(name: name, schema: host.schema)
            let scan = hostScan(host, equalities: Self.equalities(in: conditionExpr, schema: host.schema), nameSpan)
            let condition = compile(conditionExpr, rowScope(shape, scope))
            checkBoolean(condition, conditionExpr.span, "'where'")
            let kernel = columnPredicate(conditionExpr, shape)
            return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
                var relation = Relation(table: try scan(ctx))
                try Self.keep(&relation, condition, kernel, ctx, frame, span)
                return relation
            }, shape: shape)
        case .filter(let sourceExpr, let conditionExpr, let span):
            let source = compileQuery(sourceExpr, scope)
            let condition = compile(conditionExpr, rowScope(source.shape, scope))
            checkBoolean(condition, conditionExpr.span, "'where'")
            let kernel = columnPredicate(conditionExpr, source.shape)
            let run = source.run
            return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
                var relation = try run(ctx, &frame)
                try Self.keep(&relation, condition, kernel, ctx, frame, span)
                return relation
            }, shape: source.shape)
        case .pipe(.pipe(let inner, .sort(let keys, _), _), .head(let count?, _), let span):
            // `sort … | head k` keeps the first k in one pass instead of sorting every row.
            if case .literal(.int(let k), _) = count, k >= 0, k <= 10_000 {
                return sort(keys, keepingFirst: k, after: compileQuery(inner, scope), scope, span)
            }
            let source = compileQuery(.pipe(inner, .sort(keys, span), span), scope)
            return compilePipe(.head(count, span), after: source, scope)
        case .pipe(let sourceExpr, let pipe, _):
            let source = compileQuery(sourceExpr, scope)
            return compilePipe(pipe, after: source, scope)
        case .sequence(let q):
            return compileSequence(q, scope)
        case .join(let q):
            return compileJoin(q, scope)
        case .name(let name, let span) where eventStream != nil && globals[name] == nil && catalog[name] == nil
            && catalog.hosts[name] == nil && scope.locals[name] == nil:
            return streamQuery(name, span)
        case .name(let name, let span) where name.lowercased() == "any" && globals[name] == nil && catalog[name] == nil:
            return anyQuery(span)
        default:
            return tableSource(expr, scope)
        }
    }

    /// `TYPE` of an event stream: its events of that type (`any`: all of them), in stream order.
    /// Fields are known only at run time, as in EQL: a missing field is null, never an error.
    private func streamQuery(_ type: String, _ span: SourceSpan) -> CompiledQuery {
        let stream = eventStream!
        let shape = TableShape(name: type, schema: nil)
        return CompiledQuery(run: { ctx, _ throws(RuntimeFailure) in
            let rows = stream.rows(ofType: type)
            try ctx.step(span, rows.count)
            return Relation(shape: shape, rows: rows)
        }, shape: shape)
    }

    /// `any`: the rows of every collection, in the order the collections were registered.
    private func anyQuery(_ span: SourceSpan) -> CompiledQuery {
        let tables = catalog.names.compactMap { catalog[$0] }
        var fields: [Field] = []
        var seen: Set<String> = []
        for table in tables {
            for field in table.schema.fields where seen.insert(field.name).inserted { fields.append(field) }
        }
        let shape = TableShape(name: "any", schema: Schema(fields))
        return CompiledQuery(run: { ctx, _ throws(RuntimeFailure) in
            var rows: [RowRef] = []
            for table in tables {
                try ctx.step(span, table.count)
                rows += table.rows
            }
            return Relation(shape: shape, rows: rows)
        }, shape: shape)
    }

    /// A collection, a binding holding a table, or any expression that yields a table.
    private func tableSource(_ expr: Expr, _ scope: Scope) -> CompiledQuery {
        if case .name(let name, let span) = expr, globals[name] == nil, catalog[name] == nil, catalog.hosts[name] == nil,
           scope.locals[name] == nil,
           !scope.dynamicFields {
            report(.unknownName, "unknown collection '\(name)'", span,
                   hint: suggestion(name, catalog.names + globalNames) ?? collectionsHint)
            // An unknown shape: the fields used after it are not reported again.
            return CompiledQuery(run: { _, _ in Relation(shape: TableShape(name: name, schema: nil), rows: []) },
                                 shape: TableShape(name: name, schema: nil))
        }
        let compiled = compile(expr, scope)
        let shape: TableShape
        switch compiled.type {
        case .table(let s), .array(.row(let s)):
            // An array of rows (a city's trips) is queried like a collection of just those rows.
            shape = s
        case .any, .null:
            shape = TableShape(name: Self.sourceName(expr), schema: nil)
        default:
            report(.type, "\(Self.sourceName(expr)) is \(compiled.type.withArticle), not a collection", expr.span,
                   hint: "a query starts from a collection: \(catalog.names.prefix(6).joined(separator: ", "))")
            shape = TableShape(name: "?", schema: Schema([]))
        }
        let span = expr.span
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let value = try compiled.eval(ctx, &frame)
            if case .array(let items) = value {
                var rows: [RowRef] = []
                for item in items {
                    guard case .row(let row) = item else {
                        throw RuntimeFailure(.type, "\(Self.sourceName(expr)) holds \(StaticType.of(item).withArticle), not rows", at: span)
                    }
                    rows.append(row)
                }
                try ctx.step(span, rows.count)
                return Relation(shape: shape, rows: rows)
            }
            guard case .table(let table) = value else {
                throw RuntimeFailure(.type, "\(Self.sourceName(expr)) is \(StaticType.of(value).withArticle), not a table", at: span)
            }
            try ctx.step(span, table.count)
            return Relation(table: table)
        }, shape: shape)
    }

    /// `field == literal` terms joined by `and` at the top of a condition: what a host can use.
    static func equalities(in condition: Expr, schema: Schema) -> [String: Value] {
        switch condition {
        case .logical(.and, let operands, _):
            return operands.reduce(into: [:]) { found, operand in
                found.merge(equalities(in: operand, schema: schema)) { first, _ in first }
            }
        case .binary(.equal, .name(let field, _), .literal(let value, _), _),
             .binary(.equal, .literal(let value, _), .name(let field, _), _):
            guard let index = schema.index(of: field), !value.isNull else { return [:] }
            if case .string(let s) = value, Wildcard.hasWildcard(s) { return [:] }
            return [schema.fields[index].name: value]
        default:
            return [:]
        }
    }

    static func sourceName(_ expr: Expr) -> String {
        if case .name(let n, _) = expr { return n }
        return "the expression"
    }

    func rowScope(_ shape: TableShape, _ outer: Scope) -> Scope {
        var scope = outer
        scope.row = .row(shape)
        return scope
    }

    /// Keeps the rows for which `condition` is true: decided by the column kernels when the
    /// condition has a column form and the rows are one table's, else row by row.
    static func keep(_ relation: inout Relation, _ condition: Compiled, _ kernel: ColumnPredicate?,
                     _ ctx: RunContext, _ outer: Frame, _ span: SourceSpan) throws(RuntimeFailure) {
        if let kernel, let (table, positions) = relation.tableRows {
            try ctx.step(span, relation.count)
            if let kept = kernel.select(in: table, positions: positions) {
                relation = Relation(shape: relation.shape, table: table, positions: kept)
                return
            }
        }
        var kept: [RowRef] = []
        var frame = outer
        for row in relation.rows {
            try ctx.step(span)
            frame.row = .row(row)
            if try condition.eval(ctx, &frame).isTrue { kept.append(row) }
        }
        relation.rows = kept
    }
}
