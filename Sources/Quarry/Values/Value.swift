/// A value of the Quarry language.
///
/// Rows of a collection travel as references (`row`), so that a script can navigate from an event
/// to its document (`doc.title`) without copying either; everywhere else a reference stands for
/// its key, the way a foreign key does.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case date(QuarryDate)
    case array([Value])
    /// A record made by the script or the host: fields in order.
    case record(Record)
    /// A row of a table.
    case row(RowRef)
    /// A whole table: the result of a query, which can be queried again.
    case table(Table)

    /// The name of the value's type, as error messages and `typeof` print it.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "string"
        case .date: return "date"
        case .array: return "array"
        case .record: return "record"
        case .row(let row): return "\(row.table.name) row"
        case .table: return "table"
        }
    }

    /// Whether the value is null.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Bytes a built value holds, as `Limits.maxSize` counts them: a string's UTF-8 bytes; an
    /// array's items, 8 bytes each plus their own size.
    public var builtSize: Int {
        switch self {
        case .string(let s): return s.utf8.count
        case .array(let items): return items.reduce(items.count * 8) { $0 + $1.builtSize }
        default: return 0
        }
    }

    /// A row reference stands for its key (or, with no key, for itself).
    public var keyed: Value {
        if case .row(let row) = self, let key = row.table.keyColumn {
            return row.table.value(row: row.index, column: key)
        }
        return self
    }
}

/// Fields in order, each with a name.
public struct Record: Sendable, Hashable {
    /// The fields' names, in order.
    public var names: [String]
    /// The fields' values, in the same order.
    public var values: [Value]

    /// A record of named values.
    public init(names: [String], values: [Value]) {
        self.names = names
        self.values = values
    }

    /// The field's value; names match without regard to case.
    public subscript(name: String) -> Value? {
        if let i = names.firstIndex(of: name) { return values[i] }
        let lower = name.lowercased()
        return names.firstIndex { $0.lowercased() == lower }.map { values[$0] }
    }
}

/// A row of a table, by reference.
public struct RowRef: Sendable, Hashable {
    /// The table the row belongs to.
    public let table: Table
    /// The row's position in its table.
    public let index: Int

    /// A reference to a row of a table.
    public init(table: Table, index: Int) {
        self.table = table
        self.index = index
    }

    /// The row's stored fields, in order, with their values (reverse links left out).
    public var storedFields: [(name: String, value: Value)] {
        table.schema.storedFieldIndices.map { (table.schema.fields[$0].name, table.value(row: index, column: $0)) }
    }

    /// Two references are equal when they name the same row of the same table.
    public static func == (a: RowRef, b: RowRef) -> Bool { a.table === b.table && a.index == b.index }

    /// Hashes the table identity and the row.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(table))
        hasher.combine(index)
    }

    /// The value of a column by name, or nil when the table has no such column.
    public subscript(field: String) -> Value? {
        table.schema.index(of: field).map { table.value(row: index, column: $0) }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral {
    /// A value written as a Swift literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A value written as a Swift literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A value written as a Swift literal.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A value written as a Swift literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A value written as a Swift literal.
    public init(nilLiteral: ()) { self = .null }
    /// A value written as a Swift literal.
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
}
