import Quarry
import QuarrySQL

/// How one field of a database table is read: its Quarry field, and the select items that give
/// it in Quarry's layout. Columns Quarry saved are read as stored; a native timestamp or date
/// becomes the three columns of a date, an array its JSON text, any other type its text, so that
/// no value is ever read as bytes of another type.
struct PostgresColumnReader {
    var field: Field
    var items: [String]
    var asStored: Bool
    /// The one expression that reads the field, without its name (nil for a date's three).
    var value: String? {
        guard items.count == 1 else { return nil }
        return asStored ? items[0] : items[0].components(separatedBy: " AS ").dropLast().joined(separator: " AS ")
    }

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
            case "json": readers.append(.plain(name, .any))
            case "ARRAY", "jsonb": readers.append(.converted(name, .any, "to_json(\(c))"))
            default: readers.append(.converted(name, .string, "CAST(\(c) AS text)"))
            }
        }
        return readers
    }
}
