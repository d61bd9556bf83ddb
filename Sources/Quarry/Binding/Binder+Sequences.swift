/// Sequences and joins, with EQL's semantics: events are read in stream order (for an event
/// stream, the order of the stream; for other collections, the order of their dates); each
/// result is a row whose `events` field holds the matched events in stage order.
extension Binder {
    /// A stage compiled: the rows it matches, and the keys that join it to the other stages.
    struct CompiledStage {
        var query: CompiledQuery
        var keys: [BoundExpr]
        var fork: Bool
        /// The keys' evaluators, read per event: an evaluator alone is cheaper to reach than the
        /// whole bound expression.
        var keyEvaluators: [Evaluator] { keys.map(\.eval) }
    }

    static let sequenceSchema = Schema([Field("events", .array(.any), "the matched events, in stage order"),
                                        Field("keys", .array(.any), "the values that joined them")])

    private func compileStage(_ stage: Stage, sharedKeys: [Expr], _ scope: Scope) -> CompiledStage {
        let query = compileQuery(stage.query, scope)
        let rows = rowScope(query.shape, scope)
        let keys = (sharedKeys + stage.by).map { compile($0, rows) }
        return CompiledStage(query: query, keys: keys, fork: stage.fork)
    }

    /// A sequence or join compiled up to its matching: its stages and `until` stage (each with
    /// the shared keys first), and how to read what they match in stream order.
    struct StagePlan {
        var stages: [CompiledStage]
        var until: CompiledStage?
        var stream: EventStream?
        var span: SourceSpan

        func input(_ ctx: RunContext, _ frame: Frame) throws(RuntimeFailure) -> Input {
            try Binder.prepare(stages, until, ctx, frame, stream, span)
        }

        /// The stages as a backend sees them; nil when a stage has no logical plan.
        func matching(_ kind: Matching.Kind, maxspan: Double?) -> Matching? {
            func stage(_ s: CompiledStage) -> Matching.Stage? {
                s.query.plan.map { Matching.Stage(plan: $0, keys: s.keys, fork: s.fork) }
            }
            let planned = stages.compactMap(stage)
            guard planned.count == stages.count else { return nil }
            var untilStage: Matching.Stage?
            if let until {
                guard let s = stage(until) else { return nil }
                untilStage = s
            }
            return Matching(kind: kind, stages: planned, until: untilStage, maxspan: maxspan, stream: stream, span: span)
        }
    }

    private func compileStages(_ stages: [Stage], until: Stage?, by sharedKeys: [Expr], _ span: SourceSpan,
                               _ scope: Scope) -> StagePlan {
        let compiled = stages.map { compileStage($0, sharedKeys: sharedKeys, scope) }
        let until = until.map { compileStage($0, sharedKeys: sharedKeys, scope) }
        checkKeyCounts(compiled + (until.map { [$0] } ?? []), span)
        return StagePlan(stages: compiled, until: until, stream: eventStream, span: span)
    }

    /// One result row: the matched events, and the keys as the first event has them (the lookup
    /// folds case; the result shows the text as written).
    private static func resultRow(_ events: [RowRef], _ firstKeys: [Evaluator], _ ctx: RunContext,
                                  _ frame: Frame) throws(RuntimeFailure) -> [Value] {
        [.array(events.map { .row($0) }), .array(try key(firstKeys, events[0], ctx, frame, nil))]
    }

    func compileSequence(_ sequence: SequenceQuery, _ scope: Scope) -> (CompiledQuery, Matching?) {
        let plan = compileStages(sequence.stages, until: sequence.until, by: sequence.by, sequence.span, scope)
        let (stages, until, span, ops) = (plan.stages, plan.until, plan.span, operations)
        let stageKeys = stages.map(\.keyEvaluators), untilKeys = until?.keyEvaluators ?? []
        let maxspan: Double? = sequence.maxspan.map { $0.amount * (Parser.durationUnits[$0.unit] ?? 1) }
        let sequenceTitle = title("sequence", sequence.by, sequence.maxspan.map { "maxspan=\(Self.amount($0.amount))\($0.unit)" }, sequence.until)
        let query = CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let input = try plan.input(ctx, frame)
            let n = stages.count
            // lookups[p]: sequences waiting for stage p, by key (p = 1…n-1).
            var lookups = [[ [Value]: Pending ]](repeating: [:], count: n + 1)
            // A bound at or below the first time of every sequence waiting in lookups[p]: while it
            // is not too early, nothing there can have outlived maxspan, and nothing is scanned.
            var oldest = [Double](repeating: .infinity, count: n + 1)
            var output: [[Value]] = []
            for (place, row) in input.order.enumerated() {
                try ctx.step(span)
                let time = input.times[place]
                if let maxspan, let time {
                    let earliest = time - maxspan
                    for p in lookups.indices where oldest[p] < earliest {
                        lookups[p] = lookups[p].filter { _, seq in (seq.start ?? time) >= earliest }
                        oldest[p] = lookups[p].values.lazy.compactMap(\.start).min() ?? .infinity
                    }
                }
                if until != nil, input.untilMatches[place] {
                    let key = try Self.key(untilKeys, row, ctx, frame, ops)
                    for p in lookups.indices { lookups[p][key] = nil }
                }
                // Last stage first, so that one event cannot advance a sequence twice.
                for p in stride(from: n - 1, through: 0, by: -1) where input.matches[p][place] {
                    let key = try Self.key(stageKeys[p], row, ctx, frame, ops)
                    if p == 0 {
                        if n == 1 {
                            output.append(try Self.resultRow([row], stageKeys[0], ctx, frame))
                        } else {
                            lookups[1][key] = Pending(rows: [row], start: time)
                            oldest[1] = min(oldest[1], time ?? .infinity)
                        }
                        continue
                    }
                    guard var seq = lookups[p][key] else { continue }
                    if !stages[p].fork { lookups[p][key] = nil }
                    seq.rows.append(row)
                    if p == n - 1 {
                        output.append(try Self.resultRow(seq.rows, stageKeys[0], ctx, frame))
                    } else {
                        lookups[p + 1][key] = seq
                        oldest[p + 1] = min(oldest[p + 1], seq.start ?? .infinity)
                    }
                }
            }
            return Relation(table: Table(name: "sequence", schema: Self.sequenceSchema, rows: output))
        }, shape: TableShape(name: "sequence", schema: Self.sequenceSchema),
           explain: PlanDescription(sequenceTitle, "rows, in stream order",
                                    inputs: stages.map(\.query.explain) + (until.map { [$0.query.explain] } ?? [])))
        return (query, plan.matching(.sequence, maxspan: maxspan))
    }

    func compileJoin(_ join: JoinQuery, _ scope: Scope) -> (CompiledQuery, Matching?) {
        let plan = compileStages(join.stages, until: join.until, by: join.by, join.span, scope)
        let joinTitle = title("join", join.by, nil, join.until)
        let (stages, until, span, ops) = (plan.stages, plan.until, plan.span, operations)
        let stageKeys = stages.map(\.keyEvaluators), untilKeys = until?.keyEvaluators ?? []
        let query = CompiledQuery(run: { ctx, frame throws(RuntimeFailure) in
            let input = try plan.input(ctx, frame)
            let n = stages.count
            var lookup: [[Value]: [RowRef?]] = [:]
            var output: [[Value]] = []
            for (place, row) in input.order.enumerated() {
                try ctx.step(span)
                for p in 0..<n where input.matches[p][place] {
                    let key = try Self.key(stageKeys[p], row, ctx, frame, ops)
                    var slots = lookup[key] ?? [RowRef?](repeating: nil, count: n)
                    guard slots[p] == nil else { continue }
                    slots[p] = row
                    if slots.allSatisfy({ $0 != nil }) {
                        output.append(try Self.resultRow(slots.compactMap { $0 }, stageKeys[0], ctx, frame))
                        lookup[key] = nil
                    } else {
                        lookup[key] = slots
                    }
                }
                if until != nil, input.untilMatches[place] {
                    lookup[try Self.key(untilKeys, row, ctx, frame, ops)] = nil
                }
            }
            return Relation(table: Table(name: "join", schema: Self.sequenceSchema, rows: output))
        }, shape: TableShape(name: "join", schema: Self.sequenceSchema),
           explain: PlanDescription(joinTitle, "rows, in stream order",
                                    inputs: stages.map(\.query.explain) + (until.map { [$0.query.explain] } ?? [])))
        return (query, plan.matching(.join, maxspan: nil))
    }

    /// How `explain` names a sequence or a join: `sequence by actor with maxspan=30d until`.
    private func title(_ kind: String, _ by: [Expr], _ maxspan: String?, _ until: Stage?) -> String {
        let text = planner.text
        var parts = [kind]
        if !by.isEmpty { parts.append("by " + by.map { text.written(BoundExpr(eval: { _, _ in .null }, type: .any, span: $0.span)) }.joined(separator: ", ")) }
        if let maxspan { parts.append("with " + maxspan) }
        if until != nil { parts.append("(the last input: until)") }
        return parts.joined(separator: " ")
    }

    private static func amount(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }

    private func checkKeyCounts(_ stages: [CompiledStage], _ span: SourceSpan) {
        let counts = Set(stages.map(\.keys.count))
        if counts.count > 1 {
            report(.type, "every stage needs the same number of join keys (\(counts.sorted().map(String.init).joined(separator: ", ")) given)", span)
        }
    }

    /// A sequence waiting for its next stage: its events so far, and the first one's time.
    struct Pending {
        var rows: [RowRef]
        var start: Double?
    }

    /// What a sequence or join reads: every row any stage or `until` matches, in stream order,
    /// with each row's time and the stages it matches, by its place in that order.
    struct Input {
        var order: [RowRef]
        var times: [Double?]
        /// `matches[stage][place]`: whether the row at that place matches the stage.
        var matches: [[Bool]]
        var untilMatches: [Bool]
    }

    static func prepare(_ stages: [CompiledStage], _ until: CompiledStage?, _ ctx: RunContext, _ frame: Frame,
                        _ stream: EventStream?, _ span: SourceSpan) throws(RuntimeFailure) -> Input {
        var frame = frame
        var all: [RowRef] = []
        var numbers: [RowRef: Int] = [:]
        // Each stage's rows as numbers into `all`, which holds every row once.
        func number(_ rows: [RowRef]) -> [Int] {
            rows.map { row in
                if let n = numbers[row] { return n }
                numbers[row] = all.count
                all.append(row)
                return all.count - 1
            }
        }
        var stageRows = [[Int]]()
        for stage in stages { stageRows.append(number(try stage.query.run(ctx, &frame).rows)) }
        let untilRows = try until.map { stage throws(RuntimeFailure) in number(try stage.query.run(ctx, &frame).rows) } ?? []
        let times = all.map { eventTime($0, stream) }
        // An event stream is read in its own order; other collections in the order of their dates.
        let sorted: [Int]
        if let table = all.first?.table, all.allSatisfy({ $0.table === table }) {
            // One table's rows (the common case): compared on plain numbers, not row references.
            let indices = all.map(\.index)
            if stream?.table === table {
                sorted = all.indices.sorted { indices[$0] < indices[$1] }
            } else {
                let keys = times.map { $0 ?? -.infinity }
                sorted = all.indices.sorted { i, j in keys[i] != keys[j] ? keys[i] < keys[j] : indices[i] < indices[j] }
            }
        } else {
            sorted = all.indices.sorted { i, j in
                let a = all[i], b = all[j]
                if a.table === b.table, stream?.table === a.table { return a.index < b.index }
                let ta = times[i] ?? -.infinity, tb = times[j] ?? -.infinity
                if ta != tb { return ta < tb }
                if a.table !== b.table { return a.table.name < b.table.name }
                return a.index < b.index
            }
        }
        var place = [Int](repeating: 0, count: all.count)
        for (p, i) in sorted.enumerated() { place[i] = p }
        func flags(_ rows: [Int]) -> [Bool] {
            var flags = [Bool](repeating: false, count: all.count)
            for i in rows { flags[place[i]] = true }
            return flags
        }
        return Input(order: sorted.map { all[$0] }, times: sorted.map { times[$0] },
                     matches: stageRows.map(flags), untilMatches: flags(untilRows))
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
            return Double(d.firstSecond)
        }
        return row["timestamp"]?.number
    }

    /// The join keys of a row, folded for lookups when `ops` is given, as they are otherwise.
    static func key(_ keys: [Evaluator], _ row: RowRef, _ ctx: RunContext, _ outer: Frame,
                    _ ops: ValueOperations?) throws(RuntimeFailure) -> [Value] {
        var frame = outer
        frame.row = .row(row)
        var key: [Value] = []
        key.reserveCapacity(keys.count)
        for k in keys {
            let value = try k(ctx, &frame)
            key.append(ops.map { $0.groupingKey(value) } ?? value.keyed)
        }
        return key
    }
}
