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
        guard let key = table.keyColumn else {
            throw SQLRefusal("the event stream '\(table.name)'", "it has no key to order its events by")
        }
        // Only fields with an SQL layout are columns of the table, the same rule `save` follows;
        // an event type holds only some of them anyway.
        let fields = table.schema.fields.filter { SQLLayout.columns($0) != nil }
        let q = alias()
        let order = "row_number() OVER (ORDER BY \(q).\(dialect.identifier(table.schema.fields[key].name))) AS \(Self.order)"
        var sql = "SELECT \((columns(fields, q) + [order]).joined(separator: ", ")) FROM \(dialect.identifier(table.name)) AS \(q)"
        if type.lowercased() != "any" {
            guard let column = table.schema.index(of: stream.typeField), table.schema.fields[column].type == .string else {
                throw SQLRefusal("the event type '\(type)'", "the stream's table has no text field '\(stream.typeField)' naming each event's type")
            }
            sql += " WHERE lower(\(q).\(dialect.identifier(table.schema.fields[column].name))) = \(bind(.string(type.lowercased())))"
        }
        return Relation(sql: sql, fields: fields, stream: stream)
    }

    /// A relation that must be rows of fields, not a sequence's results.
    func plain(_ relation: Relation, _ operation: String) throws(SQLRefusal) -> Relation {
        guard relation.sequence == nil else {
            throw SQLRefusal("\(operation) after a sequence", "a sequence's events are not rendered as values yet; head, tail and count are")
        }
        return relation
    }

    // MARK: Sequences

    mutating func sequence(_ m: Matching) throws(SQLRefusal) -> Relation {
        guard m.kind == .sequence else {
            throw SQLRefusal("join", "joins are not rendered yet (a join's rounds need recursion)", at: m.span)
        }
        guard let stream = m.stream, let keyColumn = stream.table.keyColumn else {
            throw SQLRefusal("sequence", "only a sequence over an event stream with a key renders", at: m.span)
        }
        guard !m.stages.contains(where: \.fork) else {
            throw SQLRefusal("fork", "a stage that forks is not rendered yet", at: m.span)
        }
        let n = m.stages.count
        let keyCount = m.stages[0].keys.count
        let id = alias()
        func cte(_ name: String) -> String { "quarry_\(id)_\(name)" }
        let keyName = dialect.identifier(stream.table.schema.fields[keyColumn].name)
        let timeIsNumber = stream.table.schema.field(stream.timeField).map { $0.type == .int || $0.type == .double } ?? false
        let ticks = bind(.double(stream.ticksPerSecond))

        // Each stage, and `until`: the event's place, its time in seconds, its keys folded for
        // matching (k) and as written (v).
        var definitions: [String] = []
        var keyKinds: [Kind?] = Array(repeating: nil, count: keyCount)
        var keyFields: [Field] = []
        let inputs = m.stages + (m.until.map { [$0] } ?? [])
        for (s, stage) in inputs.enumerated() {
            let relation = try plain(try rows(stage.plan), "a sequence stage")
            guard relation.stream?.table === stream.table else {
                throw SQLRefusal("sequence", "every stage must read the event stream", at: m.span)
            }
            let q = alias()
            rowStream = stream
            var items = ["\(q).\(keyName) AS quarry_pos"]
            items.append(timeIsNumber ? "\(dialect.double("\(q).\(dialect.identifier(stream.timeField))")) / \(ticks) AS quarry_time"
                                      : "\(dialect.double("NULL")) AS quarry_time")
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
        let ks = (0..<keyCount).map { "quarry_k\($0)" }, vs = (0..<keyCount).map { "quarry_v\($0)" }
        func list(_ names: [String], _ q: String) -> [String] { names.map { "\(q).\($0)" } }

        // The latest time seen at or before each place, over every event the stages read: a
        // sequence has outlived maxspan once an event comes that is later than its start by more.
        let maxspan = m.maxspan.map { bind(.double($0)) }
        if maxspan != nil {
            let all = inputs.indices.map { "SELECT quarry_pos, quarry_time FROM \(cte("in\($0)"))" }.joined(separator: " UNION ALL ")
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

    /// A sequence's results: one row per matched event, a sequence's events together in stage
    /// order, each with the sequence's keys after the event's columns.
    mutating func render(_ sequence: SequenceColumns, of relation: Relation) throws(SQLRefusal) -> SQLQuery {
        let table = sequence.stream.table
        let fields = table.schema.fields.filter { SQLLayout.columns($0) != nil }
        let key = dialect.identifier(table.schema.fields[table.keyColumn!].name)
        let (s, stage, event) = (alias(), alias(), alias())
        let stages = (0..<sequence.stages).map { "(\($0))" }.joined(separator: ", ")
        let pick = "CASE \(stage).quarry_stage " + (0..<sequence.stages).map { "WHEN \($0) THEN \(s).quarry_e\($0)" }.joined(separator: " ") + " END"
        let keyNames = sequence.keys.map(\.name)
        let columns = self.columns(fields, event) + sequence.keys.indices.map { "\(s).quarry_v\($0) AS \(dialect.identifier(keyNames[$0]))" }
        let text = "SELECT \(columns.joined(separator: ", ")) FROM (\(relation.sql)) AS \(s) CROSS JOIN (VALUES \(stages)) AS \(stage)(quarry_stage)"
            + " JOIN \(dialect.identifier(table.name)) AS \(event) ON \(event).\(key) = \(pick) ORDER BY \(s).\(Self.order), \(stage).quarry_stage"
        return SQLQuery(text: text, parameters: values, columns: fields.flatMap(Self.columnNames) + keyNames,
                        fields: fields + sequence.keys, sequence: SQLQuery.SequenceLayout(stages: sequence.stages, keys: keyNames.count))
    }
}
