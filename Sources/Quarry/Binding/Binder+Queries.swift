/// A query ready to run: how to produce its rows, the shape they have, and its plan as
/// `explain` prints it.
struct CompiledQuery: Sendable {
    typealias Run = @Sendable (RunContext, inout Frame) throws(RuntimeFailure) -> Relation
    var run: Run
    var shape: TableShape
    /// The plan after the rewrites, for backends that run it elsewhere (SQL); nil for the
    /// pieces the planner makes of it.
    var plan: LogicalPlan?
    /// Describes the plan when asked: compiling a script does not pay for text nobody reads.
    let describe: @Sendable () -> PlanDescription

    init(run: @escaping Run, shape: TableShape, explain: @escaping @autoclosure @Sendable () -> PlanDescription) {
        self.run = run
        self.shape = shape
        describe = explain
    }

    /// The plan, as `explain` prints it.
    var explain: PlanDescription { describe() }
}

extension Binder {
    /// A query bound, rewritten and planned.
    func compileQuery(_ expr: Expr, _ scope: Scope) -> CompiledQuery {
        let plan = Rewrite.optimize(bindQuery(expr, scope))
        var query = planner.plan(plan)
        query.plan = plan
        if let executor { query = offered(query, plan, to: executor, at: expr.span) }
        return query
    }

    /// The query run by the backend when it takes the plan, else in memory.
    private func offered(_ query: CompiledQuery, _ plan: LogicalPlan, to executor: any PlanExecutor,
                         at span: SourceSpan) -> CompiledQuery {
        let inMemory = query.run
        let describe = query.describe
        let caseSensitive = operations.caseSensitive
        var offered = CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let table: Table?
            do {
                table = try executor.run(plan, values: RunValues(context: ctx, frame: frame))
            } catch {
                throw RuntimeFailure(.runtime, "\(executor.name): \(error)", at: span)
            }
            if let table {
                try ctx.step(span, table.count)
                return Relation(table: table)
            }
            return try inMemory(ctx, &frame)
        }, shape: query.shape, explain: {
            var top = describe()
            if let placement = executor.placement(of: plan, caseSensitive: caseSensitive) {
                top.execution += (top.execution.isEmpty ? "" : "; ") + placement
            }
            return top
        }())
        offered.plan = plan
        return offered
    }

    /// The query as a logical plan: names resolved, types checked, every expression bound.
    func bindQuery(_ expr: Expr, _ scope: Scope) -> LogicalPlan {
        switch expr {
        case .filter(let sourceExpr, let conditionExpr, let span):
            let source = bindQuery(sourceExpr, scope)
            let condition = compile(conditionExpr, rowScope(source.shape, scope))
            checkBoolean(condition, conditionExpr.span, "'where'")
            return .filter(source, condition: condition, span: span)
        case .pipe(let sourceExpr, let pipe, _):
            return bindPipe(pipe, after: bindQuery(sourceExpr, scope), scope)
        case .sequence(let q):
            let (query, matching) = compileSequence(q, scope)
            return .composite(composite(query, matching))
        case .join(let q):
            let (query, matching) = compileJoin(q, scope)
            return .composite(composite(query, matching))
        case .name(let name, let span) where eventStream != nil && globals[name] == nil && catalog[name] == nil
            && catalog.hosts[name] == nil && scope.locals[name] == nil:
            return .scan(ScanNode(source: .stream(eventStream!, type: name), shape: TableShape(name: name, schema: nil), span: span))
        case .name(let name, let span) where name.lowercased() == "any" && globals[name] == nil && catalog[name] == nil:
            return .scan(anyScan(span))
        case .name(let name, let span) where globals[name] == nil && scope.locals[name] == nil && !isRowField(name, scope):
            if let table = catalog[name] {
                return .scan(ScanNode(source: .table(table), shape: TableShape(name: name, schema: table.schema), span: span))
            }
            if let host = catalog.hosts[name] {
                return .scan(ScanNode(source: .host(host, HostPushdown()), shape: TableShape(name: name, schema: host.schema), span: span))
            }
            return .scan(tableSource(expr, scope))
        default:
            return .scan(tableSource(expr, scope))
        }
    }

    private func composite(_ query: CompiledQuery, _ matching: Matching?) -> CompositeNode {
        CompositeNode(describe: query.describe, shape: query.shape, run: query.run, matching: matching)
    }

    /// `any`: the rows of every collection, in the order the collections were registered.
    private func anyScan(_ span: SourceSpan) -> ScanNode {
        let members: [ScanNode.Member] = catalog.names.compactMap { name in
            catalog[name].map { .table($0) } ?? catalog.hosts[name].map { .host($0) }
        }
        var fields: [Field] = []
        var seen: Set<String> = []
        for member in members {
            for field in member.schema.fields where seen.insert(field.name).inserted { fields.append(field) }
        }
        return ScanNode(source: .union(members), shape: TableShape(name: "any", schema: Schema(fields)), span: span)
    }

    /// A collection, a binding holding a table, or any expression that yields a table.
    private func tableSource(_ expr: Expr, _ scope: Scope) -> ScanNode {
        if case .name(let name, let span) = expr, globals[name] == nil, catalog[name] == nil, catalog.hosts[name] == nil,
           scope.locals[name] == nil,
           !scope.dynamicFields {
            report(.unknownName, "unknown collection '\(name)'", span,
                   hint: suggestion(name, catalog.names + globalNames) ?? collectionsHint)
            // An unknown shape: the fields used after it are not reported again.
            return ScanNode(source: .value(.constant(.array([])), label: name), shape: TableShape(name: name, schema: nil), span: span)
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
        return ScanNode(source: .value(compiled, label: Self.sourceName(expr)), shape: shape, span: expr.span)
    }

    static func sourceName(_ expr: Expr) -> String {
        if case .name(let n, _) = expr { return n }
        return "the expression"
    }

    /// Whether a name is a field of the current row, which comes before any collection.
    private func isRowField(_ name: String, _ scope: Scope) -> Bool {
        if case .row(let shape)? = scope.row, shape.schema?.index(of: name) != nil { return true }
        return false
    }

    func rowScope(_ shape: TableShape, _ outer: Scope) -> Scope {
        var scope = outer
        scope.row = .row(shape)
        return scope
    }
}
