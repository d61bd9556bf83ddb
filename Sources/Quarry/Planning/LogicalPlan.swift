/// A query as relational operators over rows: what the binder makes of a bound query, what the
/// rewrite passes reshape and what a backend runs (in memory, the physical planner).
///
/// Each operator holds its bound expressions (`BoundExpr`): their evaluators for running row by
/// row, and their forms for the planner to run over columns, push to a host or print.
package indirect enum LogicalPlan: Sendable {
    /// The rows of a collection, a host's collection, a stream's events or a table-valued
    /// expression.
    case scan(ScanNode)
    /// The rows for which the condition is true.
    case filter(LogicalPlan, condition: BoundExpr, span: SourceSpan)
    /// The rows in order of the keys (stable); with a limit, only the first `limit` of them.
    case sort(LogicalPlan, keys: [OrderKey], limit: Int?, span: SourceSpan)
    /// `head n` (the first n rows) or `tail n` (the last n).
    case slice(LogicalPlan, fromEnd: Bool, count: RowCount, span: SourceSpan)
    /// The first row of each distinct key.
    case unique(LogicalPlan, keys: [BoundExpr], span: SourceSpan)
    /// EQL's `unique_count`: the first row of each key, with its count and share.
    case uniqueCount(LogicalPlan, keys: [BoundExpr], span: SourceSpan)
    /// EQL's `count`: one row of totals, or a row per key ascending by count.
    case count(LogicalPlan, keys: [BoundExpr], span: SourceSpan)
    /// `select`: a new table of the named columns.
    case project(LogicalPlan, columns: [BoundExpr], schema: Schema, span: SourceSpan)
    /// `summarize`: a row per distinct key, its aggregates folded over the group.
    case aggregate(LogicalPlan, keys: [BoundExpr], aggregates: [Aggregate], schema: Schema, span: SourceSpan)
    /// `bars`: each row as a label, a value and a bar.
    case bars(LogicalPlan, value: BoundExpr?, span: SourceSpan)
    /// An operator over several inputs that runs as one piece: a sequence, a join.
    case composite(CompositeNode)

    /// The shape of the rows the operator yields.
    package var shape: TableShape {
        switch self {
        case .scan(let node): return node.shape
        case .composite(let node): return node.shape
        case .filter(let p, _, _), .sort(let p, _, _, _), .slice(let p, _, _, _), .unique(let p, _, _):
            return p.shape
        case .uniqueCount(let p, _, _):
            let shape = p.shape
            return TableShape(name: shape.name,
                              schema: shape.schema.map { Schema($0.fields + [Field("count", .int), Field("percent", .double)]) })
        case .count: return TableShape(name: "count", schema: Count.schema)
        case .project(let p, _, let schema, _): return TableShape(name: p.shape.name, schema: schema)
        case .aggregate(_, _, _, let schema, _): return TableShape(name: "summary", schema: schema)
        case .bars: return TableShape(name: "bars", schema: Bars.schema)
        }
    }

    /// The operator's input, for the operators with one.
    package var input: LogicalPlan? {
        switch self {
        case .scan, .composite: return nil
        case .filter(let p, _, _), .sort(let p, _, _, _), .slice(let p, _, _, _), .unique(let p, _, _),
             .uniqueCount(let p, _, _), .count(let p, _, _), .project(let p, _, _, _), .aggregate(let p, _, _, _, _),
             .bars(let p, _, _):
            return p
        }
    }
}

/// A sort key: an expression and its direction.
package struct OrderKey: Sendable {
    package var value: BoundExpr
    package var descending: Bool
}

/// The number of rows of `head` or `tail`: fixed when the query is compiled, or computed when
/// it runs (a parameter, a binding).
package enum RowCount: Sendable {
    case fixed(Int)
    case computed(ComputedCount)
}

/// A row count computed when the query runs: the bound expression, and how the engine checks and
/// reads it (a whole number, 0 or more).
package struct ComputedCount: Sendable {
    package let value: BoundExpr
    let compute: @Sendable (RunContext, inout Frame) throws(RuntimeFailure) -> Int
    /// How `explain` prints it.
    package let label: String
}

/// An aggregate of `summarize`: its function and the expression it folds over each group.
package struct Aggregate: Sendable {
    package enum Kind: String, Sendable { case count, sum, min, max, avg, distinct, values, first, last }
    package var kind: Kind
    /// Nil for `count()`, which reads no value.
    package var argument: BoundExpr?
}

/// Where a scan's rows come from, and what a rewrite pushed into it.
package struct ScanNode: Sendable {
    package enum Source: Sendable {
        /// A collection registered with the engine.
        case table(Table)
        /// A collection the host serves, asked for what the query keeps.
        case host(any QuarryCollection, HostPushdown)
        /// The events of one type of an EQL event stream, in stream order.
        case stream(EventStream, type: String)
        /// `any`: the rows of every collection, in the order they were registered: tables, and
        /// collections the host serves (scanned whole when the query runs).
        case union([Member])
        /// A binding holding a table, an array of rows, any expression that yields rows; the
        /// label names it in errors.
        case value(BoundExpr, label: String)
    }

    /// One collection `any` reads.
    package enum Member: Sendable {
        case table(Table)
        case host(any QuarryCollection)

        var schema: Schema {
            switch self {
            case .table(let table): return table.schema
            case .host(let host): return host.schema
            }
        }
    }

    package var source: Source
    package var shape: TableShape
    package var span: SourceSpan
}

/// What a host collection is asked for: the part of a following filter made of field tests, how
/// many rows a following `head` reads, and which fields the query reads. Quarry checks every row the host returns again.
package struct HostPushdown: Sendable {
    var condition: FieldCondition?
    var limit: Int?
    /// The fields the query reads; nil: all.
    package var fields: [String]?
}

/// A sequence or a join: each stage's query is planned on its own (its plan is kept for
/// `explain`); the matching of their rows runs as one operator.
package struct CompositeNode: Sendable {
    /// How `explain` prints it: `sequence by actor with maxspan=30d`, over its stages' plans.
    package var describe: @Sendable () -> PlanDescription
    package var shape: TableShape
    var run: CompiledQuery.Run
    /// The stages and how they match, for backends that run the matching elsewhere (SQL).
    package var matching: Matching?
}

/// What a sequence or join matches: its stages' plans and keys, and its limits.
package struct Matching: Sendable {
    package enum Kind: Sendable { case sequence, join }

    /// One stage: the plan of its rows, and the keys (the shared ones first) that tie it to the
    /// other stages.
    package struct Stage: Sendable {
        package var plan: LogicalPlan
        package var keys: [BoundExpr]
        /// Whether a matched event leaves its pending sequence in place (`fork`).
        package var fork: Bool
    }

    package var kind: Kind
    package var stages: [Stage]
    package var until: Stage?
    /// The longest time, in seconds, from a sequence's first event to its last.
    package var maxspan: Double?
    /// The event stream the stages read, when they read one: its order and its time field.
    package var stream: EventStream?
    package var span: SourceSpan
}
