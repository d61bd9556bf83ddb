import Quarry

/// How a Quarry table is laid out in SQL columns, for the tables Quarry saves and queries.
///
/// A field is one column, except a date: an interval, stored as three columns named after the
/// field, `d:first` and `d:last` (its first and last second since 1970-01-01T00:00:00Z, as
/// whole numbers, so that every engine compares them exactly, without time zones or calendars)
/// and `d:precision` (`day`, `month`, `year`, `second`, …).
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

    /// The columns a field is stored in, or nil for a field with no single SQL type (mixed values,
    /// arrays, back-references).
    public static func columns(_ field: Field) -> [Column]? {
        switch field.type {
        case .int: return [Column(name: field.name, type: "bigint")]
        case .double: return [Column(name: field.name, type: "double precision")]
        case .bool: return [Column(name: field.name, type: "boolean")]
        case .string, .reference: return [Column(name: field.name, type: "text")]
        case .date: return dateColumns(field.name)
        case .any, .array, .references: return nil
        }
    }

    /// The fields of a schema that have SQL columns: those a saved table holds, in order.
    public static func storedFields(_ schema: Schema) -> [Field] {
        schema.fields.filter { columns($0) != nil }
    }

    /// A value as the values of its columns: a date as its first and last second and its
    /// precision; anything else as it is.
    public static func values(_ value: Value, of field: Field) -> [Value] {
        guard case .date = field.type else { return [value] }
        guard case .date(let d) = value else { return [.null, .null, .null] }
        return [.int(d.firstSecond), .int(d.lastSecond), .string(d.precision.rawValue)]
    }
}
