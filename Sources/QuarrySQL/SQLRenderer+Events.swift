import Quarry

/// An EQL event stream's events, and sequences over them, as SQL.
///
/// The stream is one table in the database, in the order of its key; an event's place in the
/// stream is its key. A sequence runs stage by stage with window functions only (no engine has
/// EQL's matcher): for stage p, the sequences waiting for it, its events and the `until` events
/// are put in one order per join key; each event belongs to the newest sequence before it (one
/// sequence waits per key, the newest wins, as in memory), and the first event after that
/// sequence extends it when it is the stage's event, not an `until` one, and within `maxspan`.
extension SQLRenderer {
    /// How the rows of a sequence name their events: the key of each stage's event in columns
    /// `quarry_e0`, `quarry_e1`, …, and the join keys as the first event has them in
    /// `quarry_v0`, `quarry_v1`, ….
    struct SequenceColumns {
        var stages: Int
        var keys: [Field]
        var stream: EventStream
    }

    /// The events of one type (`any`: all of them), in the stream's order.
    mutating func events(of stream: EventStream, type: String) throws(SQLRefusal) -> Relation {
        let table = stream.table
        // An event type holds only some of the stream's fields anyway: the rows keep the ones the
        // database holds, and the rest read as null.
        var (relation, q) = try storedRows(of: table, what: "the event stream '\(table.name)'")
        relation.missing = []
        relation.stream = stream
        if type.lowercased() != "any" {
            guard let column = table.schema.index(of: stream.typeField), table.schema.fields[column].type == .string else {
                throw SQLRefusal("the event type '\(type)'", "the stream's table has no text field '\(stream.typeField)' naming each event's type")
            }
            relation.sql += " WHERE lower(\(q).\(dialect.identifier(table.schema.fields[column].name))) = \(bind(.string(type.lowercased())))"
        }
        return relation
    }

    /// Column names read from alias `q`: `q.name`.
    private func qualified(_ names: [String], _ q: String) -> [String] { names.map { "\(q).\($0)" } }

    /// A relation that must be rows of fields, not a sequence's results.
    func plain(_ relation: Relation, _ operation: String) throws(SQLRefusal) -> Relation {
        guard relation.sequence == nil else {
            throw SQLRefusal("\(operation) after a sequence", "a sequence's events are not rendered as values yet; head, tail and count are")
        }
        return relation
    }

    // MARK: Sequences

    /// The stages (and `until`, last) as CTEs `in0`, `in1`, …: each event's place, its time in
    /// seconds when asked for, its join keys folded for matching (`quarry_k…`) and as written
    /// (`quarry_v…`). Returns the definitions, and the keys' fields as the first stage has them.
    private mutating func stageInputs(_ m: Matching, _ stream: EventStream, named cte: (String) -> String,
                                      times: Bool) throws(SQLRefusal) -> (definitions: [String], keys: [Field]) {
        let what = m.kind == .sequence ? "sequence" : "join"
        guard let keyColumn = stream.table.keyColumn else {
            throw SQLRefusal(what, "the event stream has no key to order its events by", at: m.span)
        }
        let keyName = dialect.identifier(stream.table.schema.fields[keyColumn].name)
        // Events at the same time come in the order of their key: text by code point, whatever
        // the database's collation (`keyed`).
        let byCodePoint = stream.table.schema.fields[keyColumn].type.isText && !dialect.textOrderIsBinary
        let timeIsNumber = stream.table.schema.field(stream.timeField).map { $0.type == .int || $0.type == .double } ?? false
        let ticks = times && timeIsNumber ? bind(.double(stream.ticksPerSecond)) : ""
        var definitions: [String] = []
        var keyKinds: [Kind?] = Array(repeating: nil, count: m.stages[0].keys.count)
        var keyFields: [Field] = []
        let inputs = m.stages + (m.until.map { [$0] } ?? [])
        for (s, stage) in inputs.enumerated() {
            let relation = try plain(try rows(stage.plan), "a \(what) stage")
            guard relation.stream?.table === stream.table else {
                throw SQLRefusal(what, "every stage must read the event stream", at: m.span)
            }
            let q = alias()
            (rowStream, rowFields) = (stream, relation.fields)
            var items = ["\(byCodePoint ? dialect.binaryOrder("\(q).\(keyName)") : "\(q).\(keyName)") AS quarry_pos"]
            items.append(ticks.isEmpty ? "\(dialect.double("NULL")) AS quarry_time"
                                       : "\(dialect.double("\(q).\(dialect.identifier(stream.timeField))")) / \(ticks) AS quarry_time")
            for (i, key) in stage.keys.enumerated() {
                let kind = kind(of: key)
                if let known = keyKinds[i], known != kind {
                    throw SQLRefusal("the join key \(written(key))", "the stages' keys have different types", at: key.span)
                }
                keyKinds[i] = kind
                items.append("\(try groupingKey(key, q, relation.fields)) AS quarry_k\(i)")
                items.append("\(try expression(key, q, relation.fields)) AS quarry_v\(i)")
                if s == 0 { keyFields.append(Field("key\(i)", fieldType(key))) }
            }
            definitions.append("\(cte("in\(s)")) AS (SELECT \(items.joined(separator: ", ")) FROM (\(relation.sql)) AS \(q))")
        }
        return (definitions, keyFields)
    }

    mutating func sequence(_ m: Matching) throws(SQLRefusal) -> Relation {
        guard let stream = m.stream else {
            throw SQLRefusal(m.kind == .sequence ? "sequence" : "join", "only one over an event stream renders", at: m.span)
        }
        guard m.kind == .sequence else { return try join(m, stream) }
        guard !m.stages.contains(where: \.fork) else {
            throw SQLRefusal("fork", "a stage that forks is not rendered yet", at: m.span)
        }
        let n = m.stages.count
        let keyCount = m.stages[0].keys.count
        let id = alias()
        func cte(_ name: String) -> String { "quarry_\(id)_\(name)" }
        var (definitions, keyFields) = try stageInputs(m, stream, named: cte, times: m.maxspan != nil)
        let inputCount = m.stages.count + (m.until == nil ? 0 : 1)
        let ks = (0..<keyCount).map { "quarry_k\($0)" }, vs = (0..<keyCount).map { "quarry_v\($0)" }
        let list = qualified

        // The latest time seen at or before each place, over every event the stages read: a
        // sequence has outlived maxspan once an event comes that is later than its start by more.
        let maxspan = m.maxspan.map { bind(.double($0)) }
        if maxspan != nil {
            let all = (0..<inputCount).map { "SELECT quarry_pos, quarry_time FROM \(cte("in\($0)"))" }.joined(separator: " UNION ALL ")
            definitions.append("\(cte("input")) AS (\(all))")
            definitions.append("\(cte("latest")) AS (SELECT quarry_pos, max(max(quarry_time)) OVER (ORDER BY quarry_pos) AS quarry_latest FROM \(cte("input")) GROUP BY quarry_pos)")
        }
        let late = maxspan == nil ? "\(dialect.double("NULL"))" : "l.quarry_latest"
        let latestJoin = maxspan == nil ? "" : " LEFT JOIN \(cte("latest")) AS l ON l.quarry_pos = s.quarry_pos"
        definitions.append("\(cte("seq0")) AS (SELECT s.quarry_pos AS quarry_e0, s.quarry_pos, s.quarry_time AS quarry_start, \(late) AS quarry_late\((list(ks, "s") + list(vs, "s")).map { ", " + $0 }.joined()) FROM \(cte("in0")) AS s\(latestJoin))")

        let untilIndex = m.until == nil ? nil : n
        for p in 1..<max(n, 1) {
            let es = (0..<p).map { "quarry_e\($0)" }
            let nulls = { (k: Int) in Array(repeating: "NULL", count: k) }
            var branches = ["SELECT 0 AS quarry_kind, s.quarry_pos, \(dialect.double("NULL")) AS quarry_time, s.quarry_start, s.quarry_late, "
                + (list(es, "s") + list(ks, "s") + list(vs, "s")).joined(separator: ", ") + " FROM \(cte("seq\(p - 1)")) AS s"]
            for (kind, source) in [(1, p), (2, untilIndex)] {
                guard let source else { continue }
                branches.append("SELECT \(kind), x.quarry_pos, x.quarry_time, NULL, NULL, "
                    + (nulls(p) + list(ks, "x") + nulls(keyCount)).joined(separator: ", ") + " FROM \(cte("in\(source)")) AS x")
            }
            definitions.append("\(cte("union\(p)")) AS (\(branches.joined(separator: " UNION ALL ")))")
            let partition = ks.isEmpty ? "" : "PARTITION BY \(list(ks, "u").joined(separator: ", ")) "
            definitions.append("\(cte("group\(p)")) AS (SELECT u.*, sum(CASE WHEN u.quarry_kind = 0 THEN 1 ELSE 0 END) OVER (\(partition)ORDER BY u.quarry_pos, u.quarry_kind DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS quarry_group FROM \(cte("union\(p)")) AS u)")
            // Within a group the waiting sequence comes first; what comes right after it decides.
            let window = "OVER (PARTITION BY \((list(ks, "g") + ["g.quarry_group"]).joined(separator: ", ")) ORDER BY g.quarry_pos, g.quarry_kind DESC)"
            let carried = (["quarry_start", "quarry_late"] + es + vs).map { "first_value(g.\($0)) \(window) AS \($0)" }
            definitions.append("\(cte("ranked\(p)")) AS (SELECT g.quarry_kind, g.quarry_pos, \((list(ks, "g") + carried).joined(separator: ", ")), row_number() \(window) AS quarry_rank FROM \(cte("group\(p)")) AS g WHERE g.quarry_group > 0)")
            var condition = "r.quarry_rank = 2 AND r.quarry_kind = 1"
            var join = ""
            if let maxspan {
                join = " LEFT JOIN \(cte("latest")) AS l ON l.quarry_pos = r.quarry_pos"
                // Exact when no event before the first is later than its start by more than
                // maxspan; otherwise the events between the first and this one decide.
                condition += " AND (r.quarry_start IS NULL OR l.quarry_latest IS NULL OR r.quarry_start >= l.quarry_latest - \(maxspan)"
                    + " OR (r.quarry_late - \(maxspan) > r.quarry_start AND NOT EXISTS (SELECT 1 FROM \(cte("input")) AS i WHERE i.quarry_pos > r.quarry_e0 AND i.quarry_pos <= r.quarry_pos AND r.quarry_start < i.quarry_time - \(maxspan))))"
            }
            let columns = list(es, "r") + ["r.quarry_pos AS quarry_e\(p)", "r.quarry_pos", "r.quarry_start", "r.quarry_late"] + list(ks, "r") + list(vs, "r")
            definitions.append("\(cte("seq\(p)")) AS (SELECT \(columns.joined(separator: ", ")) FROM \(cte("ranked\(p)")) AS r\(join) WHERE \(condition))")
        }
        let last = cte("seq\(max(n, 1) - 1)")
        let output = ((0..<n).map { "f.quarry_e\($0)" } + list(vs, "f") + ["row_number() OVER (ORDER BY f.quarry_pos) AS \(Self.order)"]).joined(separator: ", ")
        return Relation(sql: "WITH \(definitions.joined(separator: ", ")) SELECT \(output) FROM \(last) AS f",
                        fields: [], sequence: SequenceColumns(stages: n, keys: keyFields, stream: stream))
    }

    // MARK: Joins

    /// A join: for each key, rounds of slots, one per stage, each filled by the first event of
    /// its stage in the round; a round ends when every slot is filled (a result) or an `until`
    /// event comes first (nothing). Where a round ends decides where the next begins, so the
    /// rounds are found by recursion, one round per step for every key at once.
    private mutating func join(_ m: Matching, _ stream: EventStream) throws(SQLRefusal) -> Relation {
        guard dialect.supportsRecursion else {
            throw SQLRefusal("join", "\(dialect.name) has no recursive queries, which a join's rounds need", at: m.span)
        }
        let n = m.stages.count
        let keyCount = m.stages[0].keys.count
        let id = alias()
        func cte(_ name: String) -> String { "quarry_\(id)_\(name)" }
        var (definitions, keyFields) = try stageInputs(m, stream, named: cte, times: false)
        let ks = (0..<keyCount).map { "quarry_k\($0)" }, vs = (0..<keyCount).map { "quarry_v\($0)" }
        let list = qualified

        // Every event of a stage as an item of its key, numbered in stream order; at one event the
        // stages come in their order, `until` (numbered n) last.
        let sources = (0..<n + (m.until == nil ? 0 : 1)).map { s in
            "SELECT \((ks + ["quarry_pos"]).joined(separator: ", ")), \(s) AS quarry_stage FROM \(cte("in\(s)"))"
        }
        let partition = ks.isEmpty ? "" : "PARTITION BY \(list(ks, "x").joined(separator: ", ")) "
        definitions.append("\(cte("items")) AS (SELECT x.*, row_number() OVER (\(partition)ORDER BY x.quarry_pos, x.quarry_stage) AS quarry_item FROM (\(sources.joined(separator: " UNION ALL "))) AS x)")

        // A round that begins after item r.quarry_after: the first item of each stage, and of until.
        let sameKey = ks.map { dialect.nullSafeEqual("i.\($0)", "r.\($0)") }
        let firsts = (0...n).map { "min(CASE WHEN i.quarry_stage = \($0) THEN i.quarry_item END) AS quarry_f\($0)" }
            + (0..<n).map { "min(CASE WHEN i.quarry_stage = \($0) THEN i.quarry_pos END) AS quarry_p\($0)" }
        let round = "SELECT \(firsts.joined(separator: ", ")) FROM \(cte("items")) AS i WHERE \((sameKey + ["i.quarry_item > r.quarry_after"]).joined(separator: " AND "))"
        let filled = (0..<n).map { "o.quarry_f\($0) IS NOT NULL" }.joined(separator: " AND ")
        let last = n == 1 ? "o.quarry_f0" : "GREATEST(\((0..<n).map { "o.quarry_f\($0)" }.joined(separator: ", ")))"
        let complete = "\(filled) AND (o.quarry_f\(n) IS NULL OR o.quarry_f\(n) > \(last))"
        let next = "CASE WHEN \(complete) THEN \(last) WHEN \(filled) THEN o.quarry_f\(n) END"
        definitions.append("\(cte("rounds")) AS (SELECT DISTINCT \(list(ks, "x").map { $0 + ", " }.joined())CAST(0 AS \(dialect.integerType)) AS quarry_after FROM \(cte("items")) AS x"
            + " UNION ALL SELECT \(list(ks, "r").map { $0 + ", " }.joined())\(next) FROM \(cte("rounds")) AS r CROSS JOIN LATERAL (\(round)) AS o WHERE \(next) IS NOT NULL)")

        // The rounds that filled every slot, ordered by the event that completed them (and at one
        // event, by the stage it completed).
        let completedStage = "CASE " + (0..<n).reversed().map { "WHEN o.quarry_f\($0) = \(last) THEN \($0)" }.joined(separator: " ") + " END"
        let events = (0..<n).map { "o.quarry_p\($0) AS quarry_e\($0)" }
        let finished = "SELECT \((events + list(vs, "s")).joined(separator: ", ")), "
            + "row_number() OVER (ORDER BY \(n == 1 ? "o.quarry_p0" : "GREATEST(\((0..<n).map { "o.quarry_p\($0)" }.joined(separator: ", ")))"), \(completedStage)) AS \(Self.order)"
            + " FROM \(cte("rounds")) AS r CROSS JOIN LATERAL (\(round)) AS o JOIN \(cte("in0")) AS s ON s.quarry_pos = o.quarry_p0 WHERE \(complete)"
        return Relation(sql: "WITH RECURSIVE \(definitions.joined(separator: ", ")) \(finished)",
                        fields: [], sequence: SequenceColumns(stages: n, keys: keyFields, stream: stream))
    }

    /// A sequence's results: one row per matched event, a sequence's events together in stage
    /// order, each with the sequence's keys after the event's columns.
    mutating func render(_ sequence: SequenceColumns, of relation: Relation) throws(SQLRefusal) -> SQLQuery {
        let table = sequence.stream.table
        let fields = SQLLayout.storedFields(table)
        let (s, stage, event) = (alias(), alias(), alias())
        let keyField = table.schema.fields[table.keyColumn!]
        let keyColumn = "\(event).\(dialect.identifier(keyField.name))"
        // The picked keys carry the collation of their order (`stageInputs`); the join compares in it.
        let key = keyField.type.isText && !dialect.textOrderIsBinary ? dialect.binaryOrder(keyColumn) : keyColumn
        let stages = (0..<sequence.stages).map { "(\($0))" }.joined(separator: ", ")
        let pick = "CASE \(stage).quarry_stage " + (0..<sequence.stages).map { "WHEN \($0) THEN \(s).quarry_e\($0)" }.joined(separator: " ") + " END"
        let keyNames = sequence.keys.map(\.name)
        let columns = self.columns(fields, event) + sequence.keys.indices.map { "\(s).quarry_v\($0) AS \(dialect.identifier(keyNames[$0]))" }
        let text = "SELECT \(columns.joined(separator: ", ")) FROM (\(relation.sql)) AS \(s) CROSS JOIN (VALUES \(stages)) AS \(stage)(quarry_stage)"
            + " JOIN \(dialect.identifier(table.name)) AS \(event) ON \(key) = \(pick) ORDER BY \(s).\(Self.order), \(stage).quarry_stage"
        return SQLQuery(text: text, parameters: values, columns: fields.flatMap(Self.columnNames) + keyNames,
                        fields: fields + sequence.keys, sequence: SQLQuery.SequenceLayout(stages: sequence.stages, keys: keyNames.count))
    }
}
