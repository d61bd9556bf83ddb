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
    let database: PostgresDatabase

    /// The rows in the order of the key, each with a value per field: only the fields the query
    /// reads are fetched (the others are null), at most `limit` rows, and the server stops the
    /// query when the run's time is up.
    public func scan(_ request: ScanRequest) throws -> [[Value]] {
        let read = request.fields.map { wanted in schema.fields.filter { wanted.contains($0.name) } } ?? schema.fields
        let columns = read.flatMap { field in (SQLLayout.columns(field) ?? []).map { "\"\($0.name)\"" } }
        let order = key.map { " ORDER BY \"\($0)\"" } ?? ""
        let limit = request.limit.map { " LIMIT \($0)" } ?? ""
        let rows = try database.rows("SELECT \(columns.isEmpty ? "1" : columns.joined(separator: ", ")) FROM \"\(name)\"\(order)\(limit)",
                                     limit: request.timeLimit)
        let places = Dictionary(uniqueKeysWithValues: read.enumerated().map { ($0.element.name, $0.offset) })
        return try rows.map { cells in
            let values = try PostgresDecoding.values(cells, read)
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
            let fields = Self.fields(byTable[table]!)
            let key = keyOf[table].flatMap { $0.count == 1 ? $0[0] : nil }
            return PostgresTable(name: table, schema: Schema(fields), key: key, database: self)
        }
    }

    /// Quarry's fields for a table's columns: `d:first`, `d:last`, `d:precision` make the date `d`.
    static func fields(_ columns: [(name: String, type: String)]) -> [Field] {
        var fields: [Field] = []
        let names = Set(columns.map(\.name))
        for (name, type) in columns {
            if name.hasSuffix(":first") {
                let base = String(name.dropLast(6))
                if names.contains(base + ":last") && names.contains(base + ":precision") {
                    fields.append(Field(base, .date))
                    continue
                }
            }
            if (name.hasSuffix(":last") || name.hasSuffix(":precision")),
               let base = name.split(separator: ":").first.map(String.init), names.contains(base + ":first") {
                continue
            }
            switch type {
            case "bigint", "integer", "smallint": fields.append(Field(name, .int))
            case "double precision", "real", "numeric": fields.append(Field(name, .double))
            case "boolean": fields.append(Field(name, .bool))
            default: fields.append(Field(name, .string))
            }
        }
        return fields
    }
}

/// Cells as Quarry's values.
enum PostgresDecoding {
    static func text(_ cell: PostgresCell) throws(PostgresFailure) -> String {
        do { return try cell.decode(String.self) } catch { throw .query("a text column could not be read: \(error)") }
    }

    /// One value per field; a date reads three cells.
    static func values(_ cells: [PostgresCell], _ fields: [Field]) throws(PostgresFailure) -> [Value] {
        var out: [Value] = []
        var i = 0
        for field in fields {
            if case .date = field.type {
                guard i + 2 < cells.count else { throw .query("a date needs three columns") }
                out.append(try date(cells[i], cells[i + 1], cells[i + 2]))
                i += 3
                continue
            }
            guard i < cells.count else { throw .query("the result has fewer columns than fields") }
            out.append(try value(cells[i], field.type))
            i += 1
        }
        return out
    }

    static func value(_ cell: PostgresCell, _ type: FieldType) throws(PostgresFailure) -> Value {
        do {
            switch cell.dataType {
            case .int8, .int4, .int2:
                return try cell.decode(Int?.self).map(Value.int) ?? .null
            case .float8, .float4:
                return try cell.decode(Double?.self).map(Value.double) ?? .null
            case .numeric:
                guard let text = try cell.decode(String?.self) else { return .null }
                if type == .int, let i = Int(text) { return .int(i) }
                return Double(text).map(Value.double) ?? .string(text)
            case .bool:
                return try cell.decode(Bool?.self).map(Value.bool) ?? .null
            default:
                return try cell.decode(String?.self).map(Value.string) ?? .null
            }
        } catch {
            throw .query("a value of type \(cell.dataType) could not be read: \(error)")
        }
    }

    /// A date from its first and last second and its precision.
    static func date(_ first: PostgresCell, _ last: PostgresCell, _ precision: PostgresCell) throws(PostgresFailure) -> Value {
        guard case .int(let a) = try value(first, .int), case .int(let b) = try value(last, .int) else { return .null }
        let kind = (try? precision.decode(String.self)).flatMap(QuarryDate.Precision.init(rawValue:)) ?? .range
        if kind == .second { return .date(.instant(secondsSince1970: a)) }
        let day = { (s: Int) in Int((Double(s) / 86_400).rounded(.down)) }
        return .date(QuarryDate(start: day(a), end: day(b), precision: kind))
    }
}
