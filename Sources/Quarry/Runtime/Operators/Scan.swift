/// The rows a query starts from.
enum Scan {
    static func run(_ node: ScanNode, _ ops: ValueOperations) -> CompiledQuery.Run {
        let span = node.span
        let shape = node.shape
        switch node.source {
        case .table(let table):
            return { ctx, _ throws(RuntimeFailure) in
                try ctx.step(span, table.count)
                return Relation(table: table)
            }
        case .host(let host, let pushdown):
            let scan = hostScan(host, pushdown, ops, span)
            return { ctx, frame throws(RuntimeFailure) in Relation(table: try scan(ctx, frame)) }
        case .stream(let stream, let type):
            return { ctx, _ throws(RuntimeFailure) in
                let rows = stream.rows(ofType: type)
                try ctx.step(span, rows.count)
                return Relation(shape: shape, rows: rows)
            }
        case .union(let members):
            return { ctx, _ throws(RuntimeFailure) in
                var rows: [RowRef] = []
                for member in members {
                    switch member {
                    case .table(let table):
                        try ctx.step(span, table.count)
                        rows += table.rows
                    case .host(let host):
                        rows += try Scan.read(host, ScanRequest(caseSensitive: ctx.operations.caseSensitive), ctx, span).rows
                    }
                }
                return Relation(shape: shape, rows: rows)
            }
        case .value(let value, let what):
            return { ctx, frame throws(RuntimeFailure) in
                let result = try value.eval(ctx, &frame)
                if case .array(let items) = result {
                    var rows: [RowRef] = []
                    for item in items {
                        guard case .row(let row) = item else {
                            throw RuntimeFailure(.type, "\(what) holds \(StaticType.of(item).withArticle), not rows", at: span)
                        }
                        rows.append(row)
                    }
                    try ctx.step(span, rows.count)
                    return Relation(shape: shape, rows: rows)
                }
                guard case .table(let table) = result else {
                    throw RuntimeFailure(.type, "\(what) is \(StaticType.of(result).withArticle), not a table", at: span)
                }
                try ctx.step(span, table.count)
                return Relation(table: table)
            }
        }
    }

    /// Scans a host collection into a table, telling it what the query keeps; the host's error
    /// stops the run at `span`.
    static func hostScan(_ host: any QuarryCollection, _ pushdown: HostPushdown, _ ops: ValueOperations, _ span: SourceSpan)
        -> @Sendable (RunContext, Frame) throws(RuntimeFailure) -> Table {
        let caseSensitive = ops.caseSensitive
        return { ctx, frame throws(RuntimeFailure) in
            var request = ScanRequest(caseSensitive: caseSensitive)
            if let condition = pushdown.condition {
                request.predicate = ScanPredicate(try condition.resolved(ctx, frame))
                request.equalities = request.predicate?.equalities ?? [:]
            }
            request.limit = pushdown.limit
            request.fields = pushdown.fields
            return try read(host, request, ctx, span)
        }
    }

    /// The rows a host collection gives for `request` (with the run's time left), as a table of
    /// its schema; the host's error stops the run at `span`.
    static func read(_ host: any QuarryCollection, _ request: ScanRequest, _ ctx: RunContext,
                     _ span: SourceSpan) throws(RuntimeFailure) -> Table {
        var request = request
        request.timeLimit = ctx.remaining
        let rows: [[Value]]
        do {
            rows = try host.scan(request)
        } catch {
            let message = (error as? ScanError)?.message ?? "\(error)"
            throw RuntimeFailure(.runtime, "collection \(host.name): \(message)", at: span)
        }
        try ctx.step(span, rows.count)
        let width = host.schema.fields.count
        let fitted = rows.map { row in row.count == width ? row : Array((row + [Value](repeating: .null, count: width)).prefix(width)) }
        return Table(name: host.name, schema: host.schema, rows: fitted, key: host.key)
    }
}
