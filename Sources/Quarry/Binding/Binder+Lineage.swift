/// EQL's lineage operators over an event stream: `descendant of [q]`, `child of [q]` and
/// `event of [q]` follow processes from their creation to their termination, in stream order,
/// the way EQL's engine does: a process started by a matching one (or by its descendants, for
/// `descendant of`) is tracked until it terminates.
extension Binder {
    /// Identifies one lineage clause in the answers a run keeps (`RunContext.lineage`).
    final class LineageKey: Sendable {}

    func lineage(_ kind: LineageKind, _ queryExpr: Expr, _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        guard let stream = eventStream else {
            report(.syntax, "'\(kind.rawValue) of' needs an event stream of processes", span,
                   hint: "give the engine an event stream: engine.withEvents(EventStream(table:))")
            return .constant(.null)
        }
        let query = compileQuery(queryExpr, scope)
        let clause = LineageKey()  // kept alive by the closure, so its identifier stays its own
        // In a function body the inner query may read the arguments: each call's own are part of
        // the key. At the top of a script there are none, and the answers are computed once.
        let readsArguments = !scope.locals.isEmpty
        return BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            guard case .row(let row) = frame.row, row.table === stream.table else { return .bool(false) }
            let key = LineageCacheKey(clause: ObjectIdentifier(clause), locals: readsArguments ? frame.locals : [])
            if let answers = ctx.lineage[key] { return .bool(answers[row.index]) }
            var inner = frame
            let matched = Set(try query.run(ctx, &inner).rows.map(\.index))
            let answers = Self.track(kind, stream, matched)
            // A key not equal to itself (an argument that is NaN) would never be found again.
            if key == key { ctx.lineage[key] = answers }
            return .bool(answers[row.index])
        }, type: .bool, form: .lineage(kind.rawValue + " of"))
    }

    /// For each event of the stream, whether it stands in the relation to a matched process.
    /// The fields are those the stream names (`EventStream.pidField` and the others).
    static func track(_ kind: LineageKind, _ stream: EventStream, _ matched: Set<Int>) -> [Bool] {
        let table = stream.table
        let pidColumn = table.schema.index(of: stream.pidField), parentColumn = table.schema.index(of: stream.parentField)
        let subtypeColumn = table.schema.index(of: stream.subtypeField)
        let nameColumn = table.schema.index(of: stream.processNameField), osPidColumn = table.schema.index(of: stream.osPidField)
        func field(_ row: Int, _ column: Int?) -> Value {
            column.map { table.value(row: row, column: $0) } ?? .null
        }
        let creates: Set<String> = ["create", "fork"], terminates: Set<String> = ["terminate"]
        var sources: Set<Value> = [], tracked: Set<Value> = [], dead: Set<Value> = []
        var answers = [Bool](repeating: false, count: table.count)
        for row in 0..<table.count {
            let pid = field(row, pidColumn)
            if stream.types[row] == "process" {
                for gone in dead {
                    tracked.remove(gone)
                    if kind != .event { sources.remove(gone) }
                }
                dead.removeAll()
                var subtype = ""
                if case .string(let s) = field(row, subtypeColumn) { subtype = s.lowercased() }
                if creates.contains(subtype), field(row, osPidColumn) == .int(4), field(row, nameColumn) == .string("System") {
                    tracked.removeAll()  // a machine start: forget everything
                    if kind != .event { sources.removeAll() }
                }
                let parent = field(row, parentColumn)
                if creates.contains(subtype) && kind != .event && (sources.contains(parent) || (kind == .descendant && tracked.contains(parent))) {
                    tracked.insert(pid)
                } else if terminates.contains(subtype) {
                    dead.insert(pid)
                }
            }
            if matched.contains(row), field(row, osPidColumn) != .int(0), !field(row, osPidColumn).isNull, !pid.isNull {
                if kind == .event { tracked.insert(pid) } else { sources.insert(pid) }
            }
            answers[row] = tracked.contains(pid)
        }
        return answers
    }
}
