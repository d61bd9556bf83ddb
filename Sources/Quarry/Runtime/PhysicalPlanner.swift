/// Turns a logical plan into the operators that run it in memory, deciding in this one place,
/// operator by operator, whether the column kernels or row-by-row closures run it.
///
/// A kernel is chosen when the operator's expressions have the forms it handles (stored fields,
/// values fixed before the run); at run time it still falls back to rows when its input is not
/// one table's rows or lacks a field. `explain` prints the choice beside each operator.
struct PhysicalPlanner: Sendable {
    let operations: ValueOperations
    /// Off in tests that compare every answer with the interpreter's row-by-row one.
    let columnKernels: Bool
    let text: ExprText

    func plan(_ plan: LogicalPlan) -> CompiledQuery {
        let ops = operations
        switch plan {
        case .scan(let node):
            return CompiledQuery(run: Scan.run(node, ops), shape: node.shape, explain: describe(node))

        case .filter(let inputPlan, let condition, let span):
            let input = self.plan(inputPlan)
            let split = columnKernels ? Filter.split(condition) : nil
            let base = Self.baseTable(of: inputPlan)
            let text = self.text
            var execution: String {
                var execution = split.map { "kernel: " + kernelKinds($0.kernel, over: base) } ?? "rows"
                if let residual = split?.residual { execution += "; then rows: " + text.render(residual) }
                return execution
            }
            return CompiledQuery(run: Filter.run(input.run, condition: condition, kernel: split?.kernel, residual: split?.residual,
                                                 ops, span),
                                 shape: input.shape,
                                 explain: PlanDescription("filter " + text.render(condition), execution, inputs: [input.explain]))

        case .sort(let inputPlan, let keys, let limit, let span):
            let input = self.plan(inputPlan)
            let kernel = columnKernels && keys.allSatisfy { $0.value.plainField != nil }
            let execution = (kernel ? "kernel: column order" : "rows") + (limit.map { ", first \($0) by a bounded heap" } ?? "")
            let text = self.text
            var keyText: String { keys.map { text.render($0.value) + ($0.descending ? " desc" : "") }.joined(separator: ", ") }
            return CompiledQuery(run: Sort.run(input.run, keys: keys, limit: limit, kernel: kernel, ops, span),
                                 shape: input.shape,
                                 explain: PlanDescription("sort " + keyText + (limit.map { " (top \($0))" } ?? ""), execution,
                                                          inputs: [input.explain]))

        case .slice(let inputPlan, let fromEnd, let count, _):
            let input = self.plan(inputPlan)
            let countText: String
            switch count {
            case .fixed(let n): countText = String(n)
            case .computed(let count): countText = count.label
            }
            return CompiledQuery(run: Slice.run(input.run, fromEnd: fromEnd, count: count), shape: input.shape,
                                 explain: PlanDescription((fromEnd ? "tail " : "head ") + countText, "positions",
                                                          inputs: [input.explain]))

        case .unique(let inputPlan, let keys, let span):
            let input = self.plan(inputPlan)
            let kernel = columnKernels && keys.count == 1 && keys[0].plainField != nil
            return CompiledQuery(run: Unique.run(input.run, keys: keys, kernel: kernel, ops, span), shape: input.shape,
                                 explain: PlanDescription("unique " + keys.map(text.render).joined(separator: ", "),
                                                          kernel ? "kernel: grouping codes" : "rows", inputs: [input.explain]))

        case .uniqueCount(let inputPlan, let keys, let span):
            let input = self.plan(inputPlan)
            return CompiledQuery(run: Unique.counting(input.run, keys: keys, name: input.shape.name, ops, span),
                                 shape: plan.shape,
                                 explain: PlanDescription("unique_count " + keys.map(text.render).joined(separator: ", "), "rows",
                                                          inputs: [input.explain]))

        case .count(let inputPlan, let keys, let span):
            let input = self.plan(inputPlan)
            let kernel = columnKernels && keys.count == 1 && keys[0].plainField != nil
            return CompiledQuery(run: Count.run(input.run, keys: keys, kernel: kernel, ops, span),
                                 shape: plan.shape,
                                 explain: PlanDescription((["count"] + [keys.map(text.render).joined(separator: ", ")])
                                                            .filter { !$0.isEmpty }.joined(separator: " "),
                                                          kernel ? "kernel: grouping codes" : "rows", inputs: [input.explain]))

        case .project(let inputPlan, let columns, let schema, let span):
            let input = self.plan(inputPlan)
            let kernel = columnKernels && columns.allSatisfy { $0.plainField != nil }
            let name = input.shape.name
            let text = self.text
            var items: [String] { zip(schema.names, columns).map { name, column in
                text.render(column) == name ? name : "\(name) = \(text.render(column))"
            } }
            return CompiledQuery(run: Project.run(input.run, columns: columns, schema: schema, name: name, kernel: kernel, span),
                                 shape: plan.shape,
                                 explain: PlanDescription("select " + items.joined(separator: ", "),
                                                          kernel ? "kernel: column copy" : "rows", inputs: [input.explain]))

        case .aggregate(let inputPlan, let keys, let aggregates, let schema, let span):
            let input = self.plan(inputPlan)
            let names = schema.names
            let text = self.text
            var folds: [String] { zip(names.dropFirst(keys.count), aggregates).map { name, a in
                "\(name) = \(a.kind.rawValue)(\(a.argument.map(text.render) ?? ""))"
            } }
            var by: [String] { zip(names, keys).map { name, key in text.render(key) == name ? name : "\(name) = \(text.render(key))" } }
            let kernel = columnKernels && aggregates.allSatisfy { $0.argument == nil || $0.argument?.plainField != nil }
                && (keys.isEmpty || (keys.count == 1 && keys[0].plainField != nil))
            return CompiledQuery(run: Summarize.run(input.run, keys: keys, aggregates: aggregates, schema: schema,
                                                    kernel: columnKernels, ops, span),
                                 shape: plan.shape,
                                 explain: PlanDescription("summarize " + folds.joined(separator: ", ")
                                                            + (by.isEmpty ? "" : " by " + by.joined(separator: ", ")),
                                                          kernel ? "kernel: column fold" : "rows", inputs: [input.explain]))

        case .bars(let inputPlan, let value, let span):
            let input = self.plan(inputPlan)
            return CompiledQuery(run: Bars.run(input.run, value: value, span), shape: plan.shape,
                                 explain: PlanDescription("bars" + (value.map { " " + text.render($0) } ?? ""), "rows",
                                                          inputs: [input.explain]))

        case .composite(let node):
            return CompiledQuery(run: node.run, shape: node.shape, explain: node.describe())
        }
    }

    private func describe(_ node: ScanNode) -> PlanDescription {
        switch node.source {
        case .table(let table):
            return PlanDescription("scan \(table.name) (\(table.count) rows)")
        case .host(let host, let pushdown):
            var asks: [String] = []
            if let condition = pushdown.condition { asks.append(fieldText(condition)) }
            if let limit = pushdown.limit { asks.append("first \(limit) rows") }
            if let fields = pushdown.fields { asks.append("fields " + fields.joined(separator: ", ")) }
            return PlanDescription("scan \(host.name) (host collection)", asks.isEmpty ? "" : "asks the host: " + asks.joined(separator: ", "))
        case .stream(_, let type):
            return PlanDescription("scan \(type) events of the stream")
        case .union(let members):
            let tables = members.compactMap { if case .table(let table) = $0 { table } else { nil } }
            let hosts = members.count - tables.count
            let held = "\(tables.count) collections, \(tables.reduce(0) { $0 + $1.count }) rows"
            switch (tables.isEmpty, hosts) {
            case (_, 0): return PlanDescription("scan any (\(held))")
            case (true, _): return PlanDescription("scan any (\(hosts) collections the host serves)")
            default: return PlanDescription("scan any (\(held); \(hosts) more the host serves)")
            }
        case .value(let value, _):
            return PlanDescription("scan " + text.render(value), "value")
        }
    }

    private func fieldText(_ c: FieldCondition) -> String {
        switch c {
        case .all(let parts): return parts.map(fieldText).joined(separator: " and ")
        case .any(let parts): return "(" + parts.map(fieldText).joined(separator: " or ") + ")"
        case .not(let inner): return "not (" + fieldText(inner) + ")"
        case .compare(let field, let op, let value, let fieldOnLeft):
            return fieldOnLeft ? "\(field) \(op.rawValue) \(text.render(value))" : "\(text.render(value)) \(op.rawValue) \(field)"
        case .matches(let field, let pattern, let negated): return "\(field) \(negated ? "!=" : "==") \(Value.string(pattern).literal)"
        case .isNull(let field, let negated): return "\(field) \(negated ? "!=" : "==") null"
        case .inList(let field, let items, let negated):
            return "\(field) \(negated ? "not in" : "in") (\(items.map(text.render).joined(separator: ", ")))"
        }
    }

    /// How the kernel decides each test, from the stored form of the fields it reads when the
    /// plan's rows are known to be one collection's.
    private func kernelKinds(_ condition: FieldCondition, over table: Table?) -> String {
        var kinds: [String] = []
        func add(_ kind: String) { if !kinds.contains(kind) { kinds.append(kind) } }
        func walk(_ c: FieldCondition) {
            switch c {
            case .all(let parts), .any(let parts): parts.forEach(walk)
            case .not(let inner): walk(inner)
            case .compare(let field, let op, _, _):
                add(kind(of: field, in: table, ordered: op != .equal && op != .notEqual))
            case .matches(let field, _, _), .isNull(let field, _), .inList(let field, _, _):
                add(kind(of: field, in: table, ordered: false))
            }
        }
        walk(condition)
        return kinds.joined(separator: ", ")
    }

    private func kind(of field: String, in table: Table?, ordered: Bool) -> String {
        guard let table else { return "column tests" }
        guard let index = table.schema.index(of: field) else { return "values" }
        switch table.columns[index].storage {
        case .strings: return "string codes"
        case .ints: return ordered ? "int range" : "int equality"
        case .dates: return "date intervals"
        case .doubles, .values: return "values"
        }
    }

    /// The collection whose rows reach this point of the plan unchanged, if one does.
    static func baseTable(of plan: LogicalPlan) -> Table? {
        switch plan {
        case .scan(let node):
            if case .table(let table) = node.source { return table }
            return nil
        case .filter(let p, _, _), .sort(let p, _, _, _), .slice(let p, _, _, _), .unique(let p, _, _):
            return baseTable(of: p)
        default:
            return nil
        }
    }
}
