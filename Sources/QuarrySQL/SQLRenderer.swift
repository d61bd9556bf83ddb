import Quarry

/// Renders a logical plan as one SQL query.
///
/// Every relation it builds carries a column whose order is the rows' order in Quarry
/// (`Relation.order`): a collection's key itself (unique, so no window is needed to number the
/// rows; the key's own column when the query reads it), after `sort` a row number
/// `quarry_order` by the sort keys, ties kept in the order before. Operators that depend on
/// order (`head`, `tail`, `unique`, `first`) read it, and the outermost query sorts by it, so a
/// result comes back in exactly the order Quarry gives.
struct SQLRenderer {
    let dialect: any SQLDialect
    /// The value of an expression that reads no row: a literal, a parameter, a `let` binding.
    let constants: (BoundExpr) throws -> Value
    /// The query's source, for naming what does not render.
    let source: String
    let caseSensitive: Bool
    /// The values bound so far, in placeholder order.
    private(set) var values: [Value] = []
    private var aliasCount = 0
    /// The stream whose events the expressions being rendered read, if any: a field the stream
    /// does not hold reads as null.
    var rowStream: EventStream?
    /// The fields of the relation whose rows the expressions being rendered read.
    var rowFields: [Field] = []
    /// The column of that relation that holds the rows' order (`Relation.order`).
    var rowOrder = SQLRenderer.order
    /// The SQL of each array item in scope (`arraySearch`, `arrayCount`), by its name.
    var elements: [String: String] = [:]
    /// The scanned collection's fields the query reads, when the planner knows them: the only
    /// columns read.
    private var projection: [String]?
    /// The scanned collection's dates read only as bounds: their precision column is not read.
    private var boundsOnly: Set<String> = []

    init(dialect: any SQLDialect, constants: @escaping (BoundExpr) throws -> Value, source: String, caseSensitive: Bool) {
        self.dialect = dialect
        self.constants = constants
        self.source = source
        self.caseSensitive = caseSensitive
    }

    /// A relation as SQL: a query whose columns are `fields` then `quarry_order`.
    struct Relation {
        var sql: String
        var fields: [Field]
        /// Fields of the rows that have no column (arrays, back-references): rows that reach the
        /// result whole would lack them, so such a result is refused.
        var missing: [String] = []
        /// The event stream the rows are events of: a field it does not hold is null, as EQL
        /// has it, and a sequence reads each event's place and time.
        var stream: EventStream?
        /// For the rows of a sequence: how each names its matched events.
        var sequence: SequenceColumns?
        /// The column whose order is the rows' order: `quarry_order`, or the collection's key
        /// column itself when the rows carry it (a second copy of the key would widen every row
        /// a sort or a grouping holds).
        var order = SQLRenderer.order
        /// Whether the order column is a text key (else a number): its smallest value is then
        /// taken byte by byte (`firstPlace`).
        var orderIsText = false
        /// False for rows in no order of their own, which have no order column: a summary that
        /// only a sort deciding every tie reads (`summaryForSort`).
        var isOrdered = true

        /// Whether the order is a column of its own, besides the fields' columns.
        var orderIsExtra: Bool { order == SQLRenderer.order }

        /// The same rows (fields, stream, sequence, order) as another query gives them: a filter
        /// or a slice of these.
        func withSQL(_ sql: String) -> Relation {
            var relation = self
            relation.sql = sql
            return relation
        }
    }

    static let order = "quarry_order"

    /// The expressions rendered next read the rows of `source`: its stream's fields, its columns.
    mutating func reading(_ source: Relation) {
        (rowStream, rowFields, rowOrder) = (source.stream, source.fields, source.order)
    }

    /// The whole query: the plan's rows, in Quarry's order, without the order column.
    mutating func render(_ plan: LogicalPlan) throws(SQLRefusal) -> SQLQuery {
        projection = plan.fieldsReadFromScan
        boundsOnly = DatePrecisionUse.boundsOnly(plan)
        let relation = try rows(plan)
        if let sequence = relation.sequence { return try render(sequence, of: relation) }
        if let field = relation.missing.first {
            throw SQLRefusal("the field '\(field)'", "its values have no single SQL type, and the rows keep it")
        }
        for field in relation.fields { try checkOutput(field) }
        let q = alias()
        let names = relation.fields.flatMap(Self.columnNames)
        let columns = names.map { "\(q).\(dialect.identifier($0))" }.joined(separator: ", ")
        return SQLQuery(text: "SELECT \(columns.isEmpty ? "1" : columns) FROM (\(relation.sql)) AS \(q) ORDER BY \(q).\(relation.order)",
                        parameters: values, columns: names, fields: relation.fields)
    }

    mutating func alias() -> String {
        aliasCount += 1
        return "q\(aliasCount)"
    }

    /// Binds a value and returns its placeholder.
    mutating func bind(_ value: Value) -> String {
        if value.isNull { return "NULL" }
        values.append(value)
        return dialect.parameter(values.count, value)
    }

    /// The SQL columns a field is stored in: one, or for a date (an interval) its first and last
    /// second since 1970 and its precision (`SQLLayout`).
    static func columnNames(_ field: Field) -> [String] {
        if case .date = field.type { return SQLLayout.dateColumns(field.name).map(\.name) }
        return [field.name]
    }

    private func checkOutput(_ field: Field) throws(SQLRefusal) {
        switch field.type {
        case _ where field.type.heldAsJSON && dialect.supportsJSON: return
        case .any, .array, .references:
            throw SQLRefusal("the field '\(field.name)'", "its values have no single SQL type")
        default: return
        }
    }

    /// The column list of a relation's fields, read from alias `q`, and its order column when
    /// that is not one of them.
    private func passThrough(_ relation: Relation, _ q: String) -> [String] {
        columns(relation.fields, q) + (relation.orderIsExtra ? ["\(q).\(relation.order)"] : [])
    }

    /// The columns a collection's rows are read in, from alias `q`: the fields', then the key's
    /// as the order column unless it is among them. Returns the select items and the order column.
    /// `binary`: whether the key's own collation orders text by code point, as Quarry does; when
    /// it may not, the order column is the key `COLLATE "C"` (every later use of the column
    /// inherits that collation), so ties break as they do in memory on any database.
    private func keyed(_ fields: [Field], key: Field, isText: Bool, binary: Bool, _ q: String) -> (items: [String], order: String) {
        let column = dialect.identifier(key.name)
        if isText, !binary, !dialect.textOrderIsBinary {
            return (columns(fields, q) + ["\(dialect.binaryOrder("\(q).\(column)")) AS \(Self.order)"], Self.order)
        }
        if fields.contains(key), Self.columnNames(key) == [key.name] { return (columns(fields, q), column) }
        return (columns(fields, q) + ["\(q).\(column) AS \(Self.order)"], Self.order)
    }

    /// The smallest place among rows read from alias `q` (for `min`): a text key compared byte by
    /// byte, which is Quarry's order and, with no locale to consult, also the fastest comparison.
    func firstPlace(_ relation: Relation, _ q: String) -> String {
        let column = "\(q).\(relation.order)"
        return relation.orderIsText && !dialect.textOrderIsBinary ? "min(\(dialect.binaryOrder(column)))" : "min(\(column))"
    }

    /// Every stored column of the fields, read from alias `q`: of a date read only as bounds, its
    /// first and last second.
    func columns(_ fields: [Field], _ q: String) -> [String] {
        fields.flatMap { field in
            let names = Self.columnNames(field)
            if case .date = field.type, boundsOnly.contains(field.name) { return Array(names.prefix(2)) }
            return names
        }.map { "\(q).\(dialect.identifier($0))" }
    }

    // MARK: Operators

    mutating func rows(_ plan: LogicalPlan) throws(SQLRefusal) -> Relation {
        switch plan {
        case .scan(let node):
            return try scan(node)

        case .filter(let input, let condition, _):
            let source = try plain(try rows(input), "filter")
            let q = alias()
            reading(source)
            let test = try self.condition(condition, q, source.fields)
            return source.withSQL("SELECT * FROM (\(source.sql)) AS \(q) WHERE \(test)")

        case .sort(let input, let keys, let limit, _):
            let unsorted: Relation
            if let summary = try summaryForSort(input, keys) { unsorted = summary } else { unsorted = try rows(input) }
            let source = try plain(unsorted, "sort")
            let q = alias()
            reading(source)
            var items: [String] = []
            for key in keys { items += try orderItems(key.value, descending: key.descending, q, source.fields) }
            if source.isOrdered { items.append("\(q).\(source.order)") }
            guard let limit else {
                let sorted = "SELECT \((columns(source.fields, q) + ["row_number() OVER (ORDER BY \(items.joined(separator: ", "))) AS \(Self.order)"]).joined(separator: ", ")) FROM (\(source.sql)) AS \(q)"
                return Relation(sql: sorted, fields: source.fields, missing: source.missing, stream: source.stream)
            }
            // The first rows by ORDER BY … LIMIT (a bounded sort), then numbered among themselves.
            let first = "SELECT * FROM (\(source.sql)) AS \(q) ORDER BY \(items.joined(separator: ", ")) LIMIT \(bind(.int(limit)))"
            let outer = alias()
            var outerItems: [String] = []
            for key in keys { outerItems += try orderItems(key.value, descending: key.descending, outer, source.fields) }
            if source.isOrdered { outerItems.append("\(outer).\(source.order)") }
            return Relation(sql: "SELECT \((columns(source.fields, outer) + ["row_number() OVER (ORDER BY \(outerItems.joined(separator: ", "))) AS \(Self.order)"]).joined(separator: ", ")) FROM (\(first)) AS \(outer)",
                            fields: source.fields, missing: source.missing, stream: source.stream)

        case .slice(let input, let fromEnd, let count, _):
            let source = try rows(input)
            let q = alias()
            let n: String
            switch count {
            case .fixed(let k): n = bind(.int(k))
            case .computed(let computed):
                let value = try constantValue(computed.value)
                guard case .int(let k) = value, k >= 0 else {
                    throw SQLRefusal("\(fromEnd ? "tail" : "head") \(computed.label)", "the row count is not a whole number, 0 or more")
                }
                n = bind(.int(k))
            }
            return source.withSQL("SELECT * FROM (\(source.sql)) AS \(q) ORDER BY \(q).\(source.order)\(fromEnd ? " DESC" : "") LIMIT \(n)")

        case .unique(let input, let keys, _):
            return try firstOfEachKey(try plain(try rows(input), "unique"), keys, counting: false)

        case .count(let input, let keys, _):
            let source = keys.isEmpty ? try rows(input) : try plain(try rows(input), "count by a key")
            let q = alias()
            reading(source)
            if keys.isEmpty {
                return Relation(sql: "SELECT 'totals' AS \(dialect.identifier("key")), count(*) AS \(dialect.identifier("count")), 1 AS \(Self.order) FROM (\(source.sql)) AS \(q)",
                                fields: [Field("key", .string), Field("count", .int)])
            }
            guard keys.count == 1 else { throw SQLRefusal("count by several keys", "its key is an array") }
            let key = keys[0]
            if kind(of: key) == .date { return try countByDate(key, source) }
            let value = try expression(key, q, source.fields)
            let group = try groupingKey(key, q, source.fields)
            let firstKey = try keyAsFirstRowHasIt(key, value, q, source)
            let counted = "SELECT \(firstKey) AS k, count(*) AS n FROM (\(source.sql)) AS \(q) GROUP BY \(group)"
            let g = alias()
            let keyOrder = try orderItems(key, descending: false, g, [], column: "\(g).k")
            let percent = dialect.double("\(g).n")
            let sql = "SELECT \(g).k AS \(dialect.identifier("key")), \(g).n AS \(dialect.identifier("count")), \(percent) / sum(\(g).n) OVER () AS \(dialect.identifier("percent")), row_number() OVER (ORDER BY \((["\(g).n"] + keyOrder).joined(separator: ", "))) AS \(Self.order) FROM (\(counted)) AS \(g)"
            return Relation(sql: sql, fields: [Field("key", fieldType(key)), Field("count", .int), Field("percent", .double)])

        case .project(let input, let columns, let schema, _):
            let source = try plain(try rows(input), "select")
            let q = alias()
            reading(source)
            var items: [String] = []
            var fields: [Field] = []
            for (column, field) in zip(columns, schema.fields) {
                if kind(of: column) == .date {
                    var parts = try dateParts(column, q, source.fields)
                    let names = SQLLayout.dateColumns(field.name).map { dialect.identifier($0.name) }
                    items += (0..<3).map { "\(part($0, of: &parts)) AS \(names[$0])" }
                    fields.append(Field(field.name, .date))
                    continue
                }
                try checkSingleType(column)
                // A field the events never hold: null, of no type, read later as JSON's.
                let value = isAbsentField(column) && dialect.supportsJSON ? "CAST(NULL AS json)" : try expression(column, q, source.fields)
                items.append("\(value) AS \(dialect.identifier(field.name))")
                fields.append(Field(field.name, fieldType(column, declared: field.type)))
            }
            // The key column kept as it is still orders the rows; otherwise the order is carried apart.
            let order = "\(q).\(source.order)"
            let keepsKey = !source.orderIsExtra && items.contains("\(order) AS \(source.order)")
            if !keepsKey { items.append(source.orderIsExtra ? order : "\(order) AS \(Self.order)") }
            return Relation(sql: "SELECT \(items.joined(separator: ", ")) FROM (\(source.sql)) AS \(q)", fields: fields,
                            order: keepsKey ? source.order : Self.order, orderIsText: source.orderIsText)

        case .aggregate(let input, let keys, let aggregates, let schema, _):
            return try summary(of: input, keys, aggregates, schema, ordered: true)

        case .uniqueCount(let input, let keys, _):
            return try firstOfEachKey(try plain(try rows(input), "unique_count"), keys, counting: true)
        case .bars:
            throw SQLRefusal("bars", "it draws text in the terminal; run it on the result")
        case .composite(let node):
            guard let matching = node.matching else {
                throw SQLRefusal(node.describe().operation.split(separator: " ").first.map(String.init) ?? "a sequence",
                                 "a stage has no plan to render")
            }
            return try sequence(matching)
        }
    }

    private mutating func scan(_ node: ScanNode) throws(SQLRefusal) -> Relation {
        if case .host(let host, let pushdown) = node.source, let table = host as? any SQLTableSource {
            let q = alias()
            // The rows' order: their places, else the key's.
            let order: Field
            var isText = false
            if let place = table.placeColumn {
                order = Field(place, .int)
            } else if let key = table.key {
                order = table.schema.field(key) ?? Field(key, .string)
                isText = table.keyIsText
            } else {
                throw SQLRefusal("the view '\(table.name)'", "it has no primary key to order its rows by")
            }
            // Only the columns the query reads, when the planner knows them; back-references
            // have none.
            let wanted = table.schema.fields(among: pushdown.fields)
            let fields = wanted.filter { if case .references = $0.type { return false } else { return true } }
            let source = table.layoutSQL.map { "(\($0))" } ?? dialect.identifier(table.tableName)
            let read = keyed(fields, key: order, isText: isText, binary: table.keyOrderIsBinary, q)
            return Relation(sql: "SELECT \(read.items.joined(separator: ", ")) FROM \(source) AS \(q)",
                            fields: fields, missing: wanted.filter { !fields.contains($0) }.map(\.name),
                            order: read.order, orderIsText: isText)
        }
        if case .stream(let stream, let type) = node.source { return try events(of: stream, type: type) }
        guard case .table(let table) = node.source else {
            switch node.source {
            case .host: throw SQLRefusal("the host collection '\(node.shape.name)'", "it lives in the program that embeds Quarry")
            case .union: throw SQLRefusal("any", "a query over every collection is not rendered")
            default: throw SQLRefusal("'\(node.shape.name)'", "only a collection, not a value, can be read from the database")
            }
        }
        return try storedRows(of: table, what: "the collection '\(table.name)'", reading: projection).relation
    }

    /// A saved collection's rows as the database holds them, in the order of its key, and the
    /// alias they are read under. Only fields with an SQL layout are columns of the table
    /// (back-references, and fields holding a value JSON cannot hold, are not saved): a query
    /// that reads another fails to render, naming it.
    /// `reading`: the only fields the query reads, when the planner knows them.
    mutating func storedRows(of table: Table, what: String, reading: [String]? = nil) throws(SQLRefusal) -> (relation: Relation, alias: String) {
        // A collection's own order is its key's; without one the order is the database's, so
        // what depends on order could differ.
        guard let key = table.keyColumn else {
            throw SQLRefusal(what, "it has no key to order its rows by")
        }
        let stored = SQLLayout.storedFields(table)
        let fields = reading.map { names in stored.filter { names.contains($0.name) } } ?? stored
        let q = alias()
        // The database is not known here: its collation may order text otherwise than Quarry.
        // A reference is saved as text, whatever its target's key (`SQLLayout`).
        let isText = table.schema.fields[key].type.isText
        let read = keyed(fields, key: table.schema.fields[key], isText: isText, binary: false, q)
        return (Relation(sql: "SELECT \(read.items.joined(separator: ", ")) FROM \(dialect.identifier(table.name)) AS \(q)",
                         fields: fields, missing: table.schema.fields.filter { !stored.contains($0) }.map(\.name),
                         order: read.order, orderIsText: isText), q)
    }

    /// `unique`: the first row of each key, in their order; with `counting` (`unique_count`),
    /// each with its key's number of rows and their share of all rows.
    private mutating func firstOfEachKey(_ source: Relation, _ keys: [BoundExpr], counting: Bool) throws(SQLRefusal) -> Relation {
        let q = alias()
        reading(source)
        var groups: [String] = []
        for key in keys { groups.append(try groupingKey(key, q, source.fields)) }
        let group = "PARTITION BY \(groups.joined(separator: ", "))"
        let counted = "count(*) OVER (\(group))"
        let counts = counting ? ", \(counted) AS quarry_count, \(dialect.double(counted)) / count(*) OVER () AS quarry_percent" : ""
        let inner = "SELECT \(passThrough(source, q).joined(separator: ", ")), row_number() OVER (\(group) ORDER BY \(q).\(source.order)) AS quarry_rank\(counts) FROM (\(source.sql)) AS \(q)"
        let outer = alias()
        var columns = passThrough(source, outer)
        if counting {
            columns += ["\(outer).quarry_count AS \(dialect.identifier("count"))", "\(outer).quarry_percent AS \(dialect.identifier("percent"))"]
        }
        let fields = source.fields + (counting ? [Field("count", .int), Field("percent", .double)] : [])
        var firsts = source.withSQL("SELECT \(columns.joined(separator: ", ")) FROM (\(inner)) AS \(outer) WHERE \(outer).quarry_rank = 1")
        firsts.fields = fields
        return firsts
    }
}
