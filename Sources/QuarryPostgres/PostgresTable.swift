import Foundation
import PostgresNIO
import Quarry
import QuarrySQL

/// A table of the database as a collection: its schema read from the catalog (a date field from
/// its three columns, `SQLLayout`), its key from the primary key. Queries over it run on the
/// server when they render whole; otherwise Quarry scans it and runs the rest in memory.
/// Its rows come in the order of the key, or of the places `save` kept (`quarry:row`), or for a
/// table with no primary key in the order they are stored (`ctid`): the same on the server and
/// when scanned.
public struct PostgresTable: SQLTableSource {
    public let name: String
    public private(set) var schema: Schema
    public let key: String?
    public var tableName: String { name }
    /// For each field, the select items that read it in Quarry's layout (`SQLLayout`).
    let readers: [String: [String]]
    public let layoutSQL: String?
    public let keyOrderIsBinary: Bool
    public let keyIsText: Bool
    public let placeColumn: String?
    /// What the scan orders rows by: the place column, the key (its text `COLLATE "C"` when the
    /// key's collation does not order by code point), or nothing.
    let scanOrder: String?
    let database: PostgresDatabase

    /// The column where `save` keeps each row's place in the collection, when the rows were not
    /// in the order of their key.
    public static let rowPlaceColumn = "quarry:row"

    /// `place`: the column that orders the rows in place of the key (`placeColumn`).
    /// `keyIsText`: whether the key is read as text (see `SQLTableSource.keyIsText`).
    init(name: String, columns: [PostgresColumnReader], key: String?, keyIsText: Bool, keyOrderIsBinary: Bool, place: String?,
         database: PostgresDatabase) {
        self.name = name
        schema = Schema(columns.map(\.field))
        self.key = key
        self.keyOrderIsBinary = keyOrderIsBinary
        self.keyIsText = keyIsText
        placeColumn = place
        // The key as the renderer reads it: its reader's expression (a uuid's text, say).
        let keyValue = key.flatMap { key in columns.first { $0.field.name == key }?.value }
        scanOrder = place.map(PostgresColumnReader.quoted)
            ?? keyValue.map { keyIsText && !keyOrderIsBinary ? PostgreSQLDialect().binaryOrder($0) : $0 }
        readers = Dictionary(uniqueKeysWithValues: columns.map { ($0.field.name, $0.items) })
        let items = columns.flatMap(\.items) + (place.map { [PostgresColumnReader.quoted($0)] } ?? [])
        // Only a table with columns read otherwise than as stored needs a layout of its own.
        layoutSQL = columns.allSatisfy(\.asStored) ? nil : "SELECT \(items.joined(separator: ", ")) FROM \(PostgresColumnReader.quoted(name))"
        self.database = database
    }

    /// The table with back-references as fields (`places.events`: the rows of `events` whose
    /// `place` names a place); they have no column and are followed in memory. Fields come in
    /// the order of `like` (the collection the table takes the place of), then the table's others.
    public func adding(backReferences fields: [Field], orderedLike like: Schema) -> PostgresTable {
        var table = self
        let all = schema.fields + fields.filter { schema.field($0.name) == nil }
        let known = like.fields.compactMap { field in all.first { $0.name == field.name } }
        table.schema = Schema(known + all.filter { field in !known.contains { $0.name == field.name } })
        return table
    }

    /// The rows in their order (`scanOrder`), each with a value per field: only the fields the
    /// query reads are fetched (the others are null), at most `limit` rows, and the server stops
    /// the query when the run's time is up.
    public func scan(_ request: ScanRequest) throws -> [[Value]] {
        let read = schema.fields(among: request.fields).filter { readers[$0.name] != nil }
        let items = read.flatMap { readers[$0.name] ?? [] }
        let order = scanOrder.map { " ORDER BY \($0)" } ?? ""
        let limit = request.limit.map { " LIMIT \($0)" } ?? ""
        let rows = try database.results("SELECT \(items.isEmpty ? "1" : items.joined(separator: ", ")) FROM \(PostgresColumnReader.quoted(name))\(order)\(limit)",
                                     limit: request.timeLimit)
        let places = Dictionary(uniqueKeysWithValues: read.enumerated().map { ($0.element.name, $0.offset) })
        return try rows.map { row in
            let values = try PostgresDecoding.values(row, read)
            return read.count == schema.fields.count ? values : schema.fields.map { places[$0.name].map { values[$0] } ?? .null }
        }
    }
}

extension PostgresDatabase {
    /// The tables of the current schema, as collections.
    public func tables() throws(PostgresFailure) -> [PostgresTable] {
        let columns = try rows("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text, t.table_type::text FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type IN ('BASE TABLE', 'VIEW')
            ORDER BY c.table_name, c.ordinal_position
            """)
        let keys = try rows("""
            SELECT tc.table_name::text, k.column_name::text FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
            """)
        var keyOf: [String: [String]] = [:]
        for row in keys {
            keyOf[try PostgresDecoding.text(row[0]), default: []].append(try PostgresDecoding.text(row[1]))
        }
        var order: [String] = []
        var byTable: [String: [(String, String)]] = [:]
        var views: Set<String> = []
        for row in columns {
            let table = try PostgresDecoding.text(row[0])
            if byTable[table] == nil { order.append(table) }
            if try PostgresDecoding.text(row[3]) == "VIEW" { views.insert(table) }
            byTable[table, default: []].append((try PostgresDecoding.text(row[1]), try PostgresDecoding.text(row[2])))
        }
        let keyOfTable = keyOf.compactMapValues { $0.count == 1 ? $0[0] : nil }
        // A partitioned table's rows have a place (ctid) in each partition, not one in the
        // table: like a view's, they have no order without a key.
        for row in try rows("""
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            WHERE c.relkind = 'p'
            """) { views.insert(try PostgresDecoding.text(row[0])) }
        let references = try self.references(keys: keyOfTable)
        let binaryKeys = try keysOrderedByCodePoint(keyOfTable)
        return order.map { table in
            let columns = byTable[table]!
            let saved = columns.contains { $0.0 == PostgresTable.rowPlaceColumn }
            var readers = Self.readers(columns.filter { $0.0 != PostgresTable.rowPlaceColumn })
            // The key is text when it is read as text: a text column, or another type's text
            // (a uuid). Read before a foreign key makes a column a reference of either kind.
            let key = keyOfTable[table]
            let keyIsText = readers.first { $0.field.name == key }?.field.type == .string
            // A foreign key to another table's key, of text or a whole number, makes its column
            // a reference: `actor.kind`, `city.country`.
            for i in readers.indices where readers[i].asStored {
                if let target = references[table]?[readers[i].field.name], readers[i].field.type == .string || readers[i].field.type == .int {
                    readers[i].field = Field(readers[i].field.name, .reference(target))
                }
            }
            return PostgresTable(name: table, columns: readers, key: key, keyIsText: keyIsText, keyOrderIsBinary: binaryKeys.contains(table),
                                 place: saved ? PostgresTable.rowPlaceColumn : key == nil && !views.contains(table) ? "ctid" : nil,
                                 database: self)
        }
    }

    /// The single-column foreign keys of the current schema that lead to another table's
    /// primary key (`keys`): for each table, each such column's target table.
    func references(keys: [String: String]) throws(PostgresFailure) -> [String: [String: String]] {
        let rows = try self.rows("""
            SELECT s.relname::text, sa.attname::text, t.relname::text, ta.attname::text FROM pg_constraint c
            JOIN pg_class s ON s.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = s.relnamespace AND n.nspname = current_schema()
            JOIN pg_attribute sa ON sa.attrelid = c.conrelid AND sa.attnum = c.conkey[1]
            JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
            """)
        var out: [String: [String: String]] = [:]
        for row in rows {
            let (table, column) = (try PostgresDecoding.text(row[0]), try PostgresDecoding.text(row[1]))
            let (target, targetColumn) = (try PostgresDecoding.text(row[2]), try PostgresDecoding.text(row[3]))
            if keys[target] == targetColumn { out[table, default: [:]][column] = target }
        }
        return out
    }
}
