/// What the checker knows of a value before the program runs.
package indirect enum StaticType: Sendable, Equatable, CustomStringConvertible {
    /// Anything: a parameter, a field of data without a schema, a function's result.
    case any
    case null, bool, int, float, string, date
    case array(StaticType)
    case record
    /// A row of a table with this shape.
    case row(TableShape)
    case table(TableShape)

    static func from(_ field: FieldType, catalog: Catalog) -> StaticType {
        switch field {
        case .any: return .any
        case .bool: return .bool
        case .int: return .int
        case .double: return .float
        case .string: return .string
        case .date: return .date
        case .array(let element): return .array(from(element, catalog: catalog))
        case .reference(let target):
            if let table = catalog[target] {
                let key = table.keyColumn.map { from(table.schema.fields[$0].type, catalog: catalog) }
                return .row(TableShape(name: target, schema: table.schema, keyType: key))
            }
            // A collection the host serves (a database's table a foreign key leads to).
            return catalog.hosts[target].map { host in
                let key = host.key.flatMap { host.schema.field($0) }.map { from($0.type, catalog: catalog) }
                return .row(TableShape(name: target, schema: host.schema, keyType: key))
            } ?? .any
        case .references(let source, _):
            return catalog.schema(of: source).map { .array(.row(TableShape(name: source, schema: $0))) } ?? .array(.any)
        }
    }

    static func of(_ value: Value) -> StaticType {
        switch value {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .double: return .float
        case .string: return .string
        case .date: return .date
        case .array: return .array(.any)
        case .record: return .record
        case .row(let r): return .row(TableShape(name: r.table.name, schema: r.table.schema))
        case .table(let t): return .table(TableShape(name: t.name, schema: t.schema))
        }
    }

    /// "an int", "a string": for messages.
    var withArticle: String {
        let text = description
        return ("aeiou".contains(text.first ?? "x") ? "an " : "a ") + text
    }

    var isNumeric: Bool { self == .int || self == .float }

    /// Whether values of the two types can ever be compared with `==` or `<`.
    func comparable(with other: StaticType) -> Bool {
        switch (self, other) {
        case (.any, _), (_, .any), (.null, _), (_, .null): return true
        case (.int, .int), (.int, .float), (.float, .int), (.float, .float): return true
        case (.string, .string), (.bool, .bool), (.date, .date), (.date, .string), (.string, .date): return true
        case (.row, .row): return true
        case (.row(let shape), let other), (let other, .row(let shape)):
            return shape.keyType?.comparable(with: other) ?? true  // a row compares as its key
        case (.array, .array), (.record, .record): return true
        default: return false
        }
    }

    package var description: String {
        switch self {
        case .any: return "any"
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "string"
        case .date: return "date"
        case .array(let e): return e == .any ? "array" : "array of \(e)"
        case .record: return "record"
        case .row(let shape): return "\(shape.name) row"
        case .table(let shape): return "table of \(shape.name)"
        }
    }
}

/// The columns of a table as the checker sees them: nil when they are known only at run time.
package struct TableShape: Sendable, Equatable {
    package var name: String
    package var schema: Schema?
    /// The type of the key a row of this table compares as, when known (a reference field's target).
    package var keyType: StaticType? = nil

    package static func == (a: TableShape, b: TableShape) -> Bool { a.name == b.name && a.schema == b.schema }
}
