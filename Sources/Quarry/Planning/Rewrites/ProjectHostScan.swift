/// A host collection hears which of its fields the query reads, when the query's result is made
/// of its own columns (a `select`, a `summarize`, a `count`) and every expression on the way
/// says what it reads. A host may leave the other fields null.
struct ProjectHostScan: RewritePass {
    let name = "project host scan"

    /// Works on the whole query: what is read depends on the operators above the scan.
    func apply(to plan: LogicalPlan) -> LogicalPlan {
        guard case .scan(let scan) = plan.innermost, case .host = scan.source,
              let fields = plan.fieldsReadFromScan else { return plan }
        return Self.project(plan, fields)
    }

    func rewrite(_ plan: LogicalPlan) -> LogicalPlan? { nil }

    static func project(_ plan: LogicalPlan, _ fields: [String]) -> LogicalPlan {
        if case .scan(var node) = plan, case .host(let host, var pushdown) = node.source {
            pushdown.fields = fields
            node.source = .host(host, pushdown)
            return .scan(node)
        }
        guard let input = plan.input else { return plan }
        return plan.replacingInput(project(input, fields))
    }
}

extension LogicalPlan {
    /// The operator at the bottom of the chain of inputs: the scan the rows come from.
    package var innermost: LogicalPlan {
        var node = self
        while let input = node.input { node = input }
        return node
    }

    /// The fields of the scanned collection the query reads, when a result-shaping operator
    /// stands above its scan and every expression from there down is known; nil otherwise (the
    /// result is the collection's rows, or something reads fields only known at run time).
    package var fieldsReadFromScan: [String]? {
        var chain: [LogicalPlan] = []
        var node: LogicalPlan? = self
        while let current = node {
            chain.append(current)
            node = current.input
        }
        guard case .scan(let scan)? = chain.last,
              let shaping = chain.lastIndex(where: { $0.makesNewRows }) else { return nil }
        var fields: Set<String> = []
        for operation in chain[shaping...] {
            guard let read = operation.fieldsReadFromInput else { return nil }
            fields.formUnion(read)
        }
        let schema = scan.shape.schema
        // In schema order, spelled as the schema spells them (names match without case).
        return schema?.fields.map(\.name).filter { name in fields.contains { $0.lowercased() == name.lowercased() } }
    }

    /// Whether the operator's rows are new ones, made of its expressions' values, rather than
    /// its input's rows.
    package var makesNewRows: Bool {
        switch self {
        case .project, .aggregate, .count: return true
        default: return false
        }
    }

    /// The fields of its input's rows the operator's expressions read; nil when not known.
    var fieldsReadFromInput: Set<String>? {
        func union(_ expressions: [BoundExpr]) -> Set<String>? {
            var fields: Set<String> = []
            for e in expressions {
                guard let read = e.fieldsRead else { return nil }
                fields.formUnion(read)
            }
            return fields
        }
        switch self {
        case .scan, .slice: return []
        case .composite, .bars, .uniqueCount: return nil
        case .filter(_, let condition, _): return union([condition])
        case .sort(_, let keys, _, _): return union(keys.map(\.value))
        case .unique(_, let keys, _), .count(_, let keys, _): return union(keys)
        case .project(_, let columns, _, _): return union(columns)
        case .aggregate(_, let keys, let aggregates, _, _): return union(keys + aggregates.compactMap(\.argument))
        }
    }
}
