import Quarry

/// How a Quarry table is laid out in SQL columns, for the tables Quarry saves and queries.
///
/// A field is one column, except a date: an interval, stored as three columns named after the
/// field, `d:first` and `d:last` (its first and last second since 1970-01-01T00:00:00Z, as
/// whole numbers, so that every engine compares them exactly, without time zones or calendars)
/// and `d:precision` (`day`, `month`, `year`, `second`, …). A field of no single type (arrays,
/// records, values of mixed kinds) is one `json` column, its values as JSON text (`json`, not
/// `jsonb`, keeps a record's fields in their order); SQL's NULL is Quarry's null.
public enum SQLLayout {
    /// An SQL column: its name and its type, in PostgreSQL's spelling.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: String
    }

    /// The three columns of a date field.
    public static func dateColumns(_ field: String) -> [Column] {
        [Column(name: field + ":first", type: "bigint"), Column(name: field + ":last", type: "bigint"),
         Column(name: field + ":precision", type: "text")]
    }

    /// The columns a field is stored in, or nil for a field with no SQL form (back-references).
    public static func columns(_ field: Field) -> [Column]? {
        switch field.type {
        case .int: return [Column(name: field.name, type: "bigint")]
        case .double: return [Column(name: field.name, type: "double precision")]
        case .bool: return [Column(name: field.name, type: "boolean")]
        case .string, .reference: return [Column(name: field.name, type: "text")]
        case .date: return dateColumns(field.name)
        case .any, .array: return [Column(name: field.name, type: "json")]
        case .references: return nil
        }
    }

    /// The fields of a table that have SQL columns: those a saved table holds, in order. A field
    /// of no single type is left out when one of its values has no JSON form (a date, a row).
    public static func storedFields(_ table: Table) -> [Field] {
        table.schema.fields.enumerated().filter { column, field in
            guard columns(field) != nil else { return false }
            guard field.type.heldAsJSON else { return true }
            return (0..<table.count).allSatisfy { json(table.value(row: $0, column: column)) != nil }
        }.map(\.element)
    }

    /// A value as the values of its columns: a date as its first and last second and its
    /// precision; anything else as it is.
    public static func values(_ value: Value, of field: Field) -> [Value] {
        if field.type.heldAsJSON { return [value.isNull ? .null : json(value).map(Value.string) ?? .null] }
        guard case .date = field.type else { return [value] }
        guard case .date(let d) = value else { return [.null, .null, .null] }
        return [.int(d.firstSecond), .int(d.lastSecond), .string(d.precision.rawValue)]
    }

    /// A value as JSON text, or nil for one JSON cannot hold exactly (a date, a row, a table, a
    /// number that is not finite).
    public static func json(_ value: Value) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : nil
        case .string(let s): return Value.quoted(s, as: .json)
        case .array(let items):
            var parts: [String] = []
            for item in items {
                guard let text = json(item) else { return nil }
                parts.append(text)
            }
            return "[" + parts.joined(separator: ",") + "]"
        case .record(let record):
            var parts: [String] = []
            for (name, item) in zip(record.names, record.values) {
                guard let text = json(item) else { return nil }
                parts.append(Value.quoted(name, as: .json) + ":" + text)
            }
            return "{" + parts.joined(separator: ",") + "}"
        case .date, .row, .table: return nil
        }
    }
}

extension FieldType {
    /// Whether the field's values are held as JSON in a database: arrays and values of no
    /// single type.
    public var heldAsJSON: Bool {
        switch self {
        case .any, .array: return true
        default: return false
        }
    }
}

extension FieldType {
    /// Whether the field's values are text in a database: strings, and references (a row's key).
    public var isText: Bool {
        switch self {
        case .string, .reference: return true
        default: return false
        }
    }
}
