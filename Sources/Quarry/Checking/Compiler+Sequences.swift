/// Sequences and joins, with EQL's semantics: events are read in stream order (for an event
/// stream, the order of the stream; for other collections, the order of their dates); each
/// result is a row whose `events` field holds the matched events in stage order.
extension Compiler {
    /// A stage compiled: the rows it matches, and the keys that join it to the other stages.
    struct CompiledStage {
        var query: CompiledQuery
        var keys: [Compiled]
        var fork: Bool
    }

    static let sequenceSchema = Schema([Field("events", .array(.any), "the matched events, in stage order"),
                                        Field("keys", .array(.any), "the values that joined them")])

    private func compileStage(_ stage: Stage, sharedKeys: [Expr], _ scope: Scope) -> CompiledStage {
        let query = compileQuery(stage.query, scope)
        let rows = rowScope(query.shape, scope)
        let keys = (sharedKeys + stage.by).map { compile($0, rows) }
        return CompiledStage(query: query, keys: keys, fork: stage.fork)
    }

    /// The stages and the `until` stage of a sequence or join, each with the shared keys first.
    private func compileStages(_ stages: [Stage], until: Stage?, by sharedKeys: [Expr], _ span: SourceSpan,
                               _ scope: Scope) -> (stages: [CompiledStage], until: CompiledStage?) {
        let compiled = stages.map { compileStage($0, sharedKeys: sharedKeys, scope) }
        let until = until.map { compileStage($0, sharedKeys: sharedKeys, scope) }
        checkKeyCounts(compiled + (until.map { [$0] } ?? []), span)
        return (compiled, until)
    }

    /// One result row: the matched events, and the keys as the first event has them (the lookup
    /// folds case; the result shows the text as written).
    private static func resultRow(_ events: [RowRef], _ first: CompiledStage, _ ctx: RunContext,
                                  _ frame: Frame) throws(RuntimeFailure) -> [Value] {
        [.array(events.map { .row($0) }), .array(try key(first.keys, events[0], ctx, frame, nil))]
    }

    func compileSequence(_ sequence: SequenceQuery, _ scope: Scope) -> CompiledQuery {
        let (stages, until) = compileStages(sequence.stages, until: sequence.until, by: sequence.by, sequence.span, scope)
        let maxspan: Double? = sequence.maxspan.map { $0.amount * (Parser.durationUnits[$0.unit] ?? 1) }
        let span = sequence.span
        let ops = operations
        let stream = eventStream
        let shape = TableShape(name: "sequence", schema: Self.sequenceSchema)
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let input = try Self.prepare(stages, until, ctx, frame, stream, span)
            let n = stages.count
            // lookups[p]: sequences waiting for stage p, by key (p = 1…n-1).
            var lookups = [[ [Value]: [RowRef] ]](repeating: [:], count: n + 1)
            var output: [[Value]] = []
            for row in input.order {
                try ctx.step(span)
                let time = input.time(row)
                if let maxspan, let time {
                    let earliest = time - maxspan
                    for p in lookups.indices {
                        lookups[p] = lookups[p].filter { _, seq in (input.time(seq[0]) ?? time) >= earliest }
                    }
                }
                if let until, input.untilMatches.contains(row) {
                    let key = try Self.key(until.keys, row, ctx, frame, ops)
                    for p in lookups.indices { lookups[p][key] = nil }
                }
                // Last stage first, so that one event cannot advance a sequence twice.
                for p in stride(from: n - 1, through: 0, by: -1) where input.matches[p].contains(row) {
                    let key = try Self.key(stages[p].keys, row, ctx, frame, ops)
                    if p == 0 {
                        if n == 1 {
                            output.append(try Self.resultRow([row], stages[0], ctx, frame))
                        } else {
                            lookups[1][key] = [row]
                        }
                        continue
                    }
                    guard var seq = lookups[p][key] else { continue }
                    if !stages[p].fork { lookups[p][key] = nil }
                    seq.append(row)
                    if p == n - 1 {
                        output.append(try Self.resultRow(seq, stages[0], ctx, frame))
                    } else {
                        lookups[p + 1][key] = seq
                    }
                }
            }
            return Relation(table: Table(name: "sequence", schema: Self.sequenceSchema, rows: output))
        }, shape: shape)
    }

    func compileJoin(_ join: JoinQuery, _ scope: Scope) -> CompiledQuery {
        let (stages, until) = compileStages(join.stages, until: join.until, by: join.by, join.span, scope)
        let span = join.span
        let ops = operations
        let stream = eventStream
        let shape = TableShape(name: "join", schema: Self.sequenceSchema)
        return CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let input = try Self.prepare(stages, until, ctx, frame, stream, span)
            let n = stages.count
            var lookup: [[Value]: [RowRef?]] = [:]
            var output: [[Value]] = []
            for row in input.order {
                try ctx.step(span)
                for p in 0..<n where input.matches[p].contains(row) {
                    let key = try Self.key(stages[p].keys, row, ctx, frame, ops)
                    var slots = lookup[key] ?? [RowRef?](repeating: nil, count: n)
                    guard slots[p] == nil else { continue }
                    slots[p] = row
                    if slots.allSatisfy({ $0 != nil }) {
                        output.append(try Self.resultRow(slots.compactMap { $0 }, stages[0], ctx, frame))
                        lookup[key] = nil
                    } else {
                        lookup[key] = slots
                    }
                }
                if let until, input.untilMatches.contains(row) {
                    lookup[try Self.key(until.keys, row, ctx, frame, ops)] = nil
                }
            }
            return Relation(table: Table(name: "join", schema: Self.sequenceSchema, rows: output))
        }, shape: shape)
    }

    private func checkKeyCounts(_ stages: [CompiledStage], _ span: SourceSpan) {
        let counts = Set(stages.map(\.keys.count))
        if counts.count > 1 {
            report(.type, "every stage needs the same number of join keys (\(counts.sorted().map(String.init).joined(separator: ", ")) given)", span)
        }
    }

    /// What a sequence or join reads: every row any stage or `until` matches, in stream order.
    struct Input {
        var order: [RowRef]
        var matches: [Set<RowRef>]
        var untilMatches: Set<RowRef>
        var times: [RowRef: Double]

        func time(_ row: RowRef) -> Double? { times[row] }
    }

    static func prepare(_ stages: [CompiledStage], _ until: CompiledStage?, _ ctx: RunContext, _ frame: Frame,
                        _ stream: EventStream?, _ span: SourceSpan) throws(RuntimeFailure) -> Input {
        var frame = frame
        var matches: [Set<RowRef>] = []
        var all: [RowRef] = []
        var seen: Set<RowRef> = []
        for stage in stages {
            let rows = try stage.query.run(ctx, &frame).rows
            matches.append(Set(rows))
            for row in rows where seen.insert(row).inserted { all.append(row) }
        }
        var untilMatches: Set<RowRef> = []
        if let until {
            let rows = try until.query.run(ctx, &frame).rows
            untilMatches = Set(rows)
            for row in rows where seen.insert(row).inserted { all.append(row) }
        }
        var times: [RowRef: Double] = [:]
        for row in all { times[row] = eventTime(row, stream) }
        // An event stream is read in its own order; other collections in the order of their dates.
        let order = all.sorted { a, b in
            if a.table === b.table, stream?.table === a.table { return a.index < b.index }
            let ta = times[a] ?? -.infinity, tb = times[b] ?? -.infinity
            if ta != tb { return ta < tb }
            if a.table !== b.table { return a.table.name < b.table.name }
            return a.index < b.index
        }
        return Input(order: order, matches: matches, untilMatches: untilMatches, times: times)
    }

    /// An event's time in seconds: the stream's time field; else a `date` field, or the first
    /// field of dates (its first day: maxspan compares when each event could first have
    /// happened); else a numeric `timestamp` in seconds.
    static func eventTime(_ row: RowRef, _ stream: EventStream?) -> Double? {
        if let stream, row.table === stream.table {
            return row[stream.timeField]?.number.map { $0 / stream.ticksPerSecond }
        }
        let schema = row.table.schema
        if let column = schema.index(of: "date") ?? schema.fields.firstIndex(where: { $0.type == .date }),
           case .date(let d) = row.table.value(row: row.index, column: column) {
            return Double(d.start) * 86_400
        }
        return row["timestamp"]?.number
    }

    /// The join keys of a row, folded for lookups when `ops` is given, as they are otherwise.
    static func key(_ keys: [Compiled], _ row: RowRef, _ ctx: RunContext, _ outer: Frame,
                    _ ops: ValueOperations?) throws(RuntimeFailure) -> [Value] {
        var frame = outer
        frame.row = .row(row)
        var key: [Value] = []
        key.reserveCapacity(keys.count)
        for k in keys {
            let value = try k.eval(ctx, &frame)
            key.append(ops.map { $0.groupingKey(value) } ?? value.keyed)
        }
        return key
    }
}
