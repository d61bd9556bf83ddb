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
        let read = request.fields.map { wanted in schema.fields.filter { wanted.contains($0.name) } } ?? schema.fields
        let items = read.flatMap { readers[$0.name] ?? [] }
        let order = key.map { " ORDER BY \(PostgresColumnReader.quoted($0))" } ?? ""
        let limit = request.limit.map { " LIMIT \($0)" } ?? ""
        let rows = try database.rows("SELECT \(items.isEmpty ? "1" : items.joined(separator: ", ")) FROM \(PostgresColumnReader.quoted(name))\(order)\(limit)",
                                     limit: request.timeLimit)
        let places = Dictionary(uniqueKeysWithValues: read.enumerated().map { ($0.element.name, $0.offset) })
        return try rows.map { cells in
            let values = try PostgresDecoding.values(cells, read)
            return read.count == schema.fields.count ? values : schema.fields.map { places[$0.name].map { values[$0] } ?? .null }
        }
    }
}

/// How one field of a database table is read: its Quarry field, and the select items that give
/// it in Quarry's layout. Columns Quarry saved are read as stored; a native timestamp or date
/// becomes the three columns of a date, an array its JSON text, any other type its text, so that
/// no value is ever read as bytes of another type.
struct PostgresColumnReader {
    var field: Field
    var items: [String]
    var asStored: Bool

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func plain(_ name: String, _ type: FieldType) -> PostgresColumnReader {
        PostgresColumnReader(field: Field(name, type), items: [quoted(name)], asStored: true)
    }

    /// A native timestamp (`second` precision) or date (`day`): its first and last second since
    /// 1970 and its precision, as a saved date's three columns.
    static func date(_ name: String, day: Bool) -> PostgresColumnReader {
        let c = quoted(name)
        let first = day ? "CAST(extract(epoch FROM \(c)) AS bigint)" : "CAST(floor(extract(epoch FROM \(c))) AS bigint)"
        let names = SQLLayout.dateColumns(name).map { quoted($0.name) }
        return PostgresColumnReader(field: Field(name, .date), items: [
            "\(first) AS \(names[0])", "\(first)\(day ? " + 86399" : "") AS \(names[1])",
            "CASE WHEN \(c) IS NULL THEN NULL ELSE '\(day ? "day" : "second")' END AS \(names[2])",
        ], asStored: false)
    }

    static func converted(_ name: String, _ type: FieldType, _ expression: String) -> PostgresColumnReader {
        PostgresColumnReader(field: Field(name, type), items: ["\(expression) AS \(quoted(name))"], asStored: false)
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

    /// How to read a table's columns: `d:first`, `d:last`, `d:precision` make the date `d`;
    /// the catalog's type names the rest.
    static func readers(_ columns: [(name: String, type: String)]) -> [PostgresColumnReader] {
        var readers: [PostgresColumnReader] = []
        let names = Set(columns.map(\.name))
        for (name, type) in columns {
            if name.hasSuffix(":first") {
                let base = String(name.dropLast(6))
                if names.contains(base + ":last") && names.contains(base + ":precision") {
                    readers.append(PostgresColumnReader(field: Field(base, .date), items: SQLLayout.dateColumns(base).map { PostgresColumnReader.quoted($0.name) },
                                                        asStored: true))
                    continue
                }
            }
            if (name.hasSuffix(":last") || name.hasSuffix(":precision")),
               let base = name.split(separator: ":").first.map(String.init), names.contains(base + ":first") {
                continue
            }
            let c = PostgresColumnReader.quoted(name)
            switch type {
            case "bigint", "integer", "smallint": readers.append(.plain(name, .int))
            case "double precision", "real", "numeric": readers.append(.plain(name, .double))
            case "boolean": readers.append(.plain(name, .bool))
            case "text", "character varying", "character", "name": readers.append(.plain(name, .string))
            case "timestamp with time zone", "timestamp without time zone": readers.append(.date(name, day: false))
            case "date": readers.append(.date(name, day: true))
            case "ARRAY", "json", "jsonb": readers.append(.converted(name, .any, "CAST(to_json(\(c)) AS text)"))
            default: readers.append(.converted(name, .string, "CAST(\(c) AS text)"))
            }
        }
        return readers
    }
}

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
        if type == .any, cell.dataType == .text {
            // An array or a JSON document, read as its JSON text.
            guard let text = try? cell.decode(String?.self) else { return .null }
            return JSONValue.value(of: text)
        }
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

/// A JSON document as Quarry values: arrays as arrays, objects as records.
enum JSONValue: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([(String, JSONValue)])

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: Key.self) {
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try object.decode(JSONValue.self, forKey: $0)) })
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let i = try? single.decode(Int.self) { self = .int(i) }
        else if let d = try? single.decode(Double.self) { self = .double(d) }
        else { self = .string(try single.decode(String.self)) }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var quarry: Value {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.quarry))
        case .object(let pairs): return .record(Record(names: pairs.map(\.0), values: pairs.map(\.1.quarry)))
        }
    }

    /// The value of a JSON text; the text itself when it is not JSON.
    static func value(of text: String) -> Value {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))?.quarry ?? .string(text)
    }
}
