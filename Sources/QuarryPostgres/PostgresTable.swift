import Foundation
import PostgresNIO
import Quarry
import QuarrySQL

/// A table of the database as a collection: its schema read from the catalog (a date field from
/// its three columns, `SQLLayout`), its key from the primary key. Queries over it run on the
/// server when they render whole; otherwise Quarry scans it and runs the rest in memory.
public struct PostgresTable: SQLTableSource {
    public let name: String
    public let schema: Schema
    public let key: String?
    public var tableName: String { name }
    /// For each field, the select items that read it in Quarry's layout (`SQLLayout`).
    let readers: [String: [String]]
    public let layoutSQL: String?
    let database: PostgresDatabase

    init(name: String, columns: [PostgresColumnReader], key: String?, database: PostgresDatabase) {
        self.name = name
        schema = Schema(columns.map(\.field))
        self.key = key
        readers = Dictionary(uniqueKeysWithValues: columns.map { ($0.field.name, $0.items) })
        let items = columns.flatMap(\.items)
        // Only a table with columns read otherwise than as stored needs a layout of its own.
        layoutSQL = columns.allSatisfy(\.asStored) ? nil : "SELECT \(items.joined(separator: ", ")) FROM \(PostgresColumnReader.quoted(name))"
        self.database = database
    }

    /// The rows in the order of the key, each with a value per field: only the fields the query
    /// reads are fetched (the others are null), at most `limit` rows, and the server stops the
    /// query when the run's time is up.
    public func scan(_ request: ScanRequest) throws -> [[Value]] {
        let read = schema.fields(among: request.fields)
        let items = read.flatMap { readers[$0.name] ?? [] }
        let order = key.map { " ORDER BY \(PostgresColumnReader.quoted($0))" } ?? ""
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
            SELECT c.table_name::text, c.column_name::text, c.data_type::text FROM information_schema.columns c
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
        for row in columns {
            let table = try PostgresDecoding.text(row[0])
            if byTable[table] == nil { order.append(table) }
            byTable[table, default: []].append((try PostgresDecoding.text(row[1]), try PostgresDecoding.text(row[2])))
        }
        return order.map { table in
            let key = keyOf[table].flatMap { $0.count == 1 ? $0[0] : nil }
            return PostgresTable(name: table, columns: Self.readers(byTable[table]!), key: key, database: self)
        }
    }
}
