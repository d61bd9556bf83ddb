/// The collections a program can name, and the links between them.
///
/// A field typed `.reference("documents")` holds a document's key; `.references("events", via:
/// "doc")` is the reverse: the events whose `doc` is this row. The catalog indexes both once.
public struct Catalog: Sendable {
    /// The tables, by name.
    public private(set) var tables: [String: Table] = [:]
    /// Names in the order they were added, for listings and suggestions.
    public private(set) var names: [String] = []
    /// Collections the host scans when a query runs.
    public private(set) var hosts: [String: any QuarryCollection] = [:]
    /// For each (table, field) pair that others reference back: key → rows of the table.
    private var backIndexes: [BackKey: [Value: [Int]]] = [:]

    private struct BackKey: Hashable {
        let table: String
        let field: String
    }

    /// A catalog of tables, in order.
    public init(_ tables: [Table] = []) {
        for table in tables { add(table) }
    }

    /// Adds a table, or replaces the one of the same name.
    public mutating func add(_ table: Table) {
        if tables[table.name] == nil && hosts[table.name] == nil { names.append(table.name) }
        hosts[table.name] = nil
        tables[table.name] = table
        backIndexes = backIndexes.filter { $0.key.table != table.name }
        for candidate in tables.values {
            for field in candidate.schema.fields {
                if case .references(let source, let via) = field.type, source == table.name || candidate === table {
                    index(source: source, via: via)
                }
            }
        }
    }

    /// The table of that name, if it is one (host collections are in `hosts`).
    public subscript(name: String) -> Table? { tables[name] }

    /// Adds a collection the host serves, or replaces one of the same name.
    public mutating func add(_ collection: any QuarryCollection) {
        if tables[collection.name] == nil && hosts[collection.name] == nil { names.append(collection.name) }
        tables[collection.name] = nil
        hosts[collection.name] = collection
    }

    /// The schema of a collection of either kind.
    public func schema(of name: String) -> Schema? {
        tables[name]?.schema ?? hosts[name]?.schema
    }

    private mutating func index(source: String, via: String) {
        guard let table = tables[source], let column = table.schema.index(of: via) else { return }
        var index: [Value: [Int]] = [:]
        // A null reference names no row, not a row whose key is null.
        for (row, value) in table.columns[column].enumerated() where !value.isNull {
            index[value, default: []].append(row)
        }
        backIndexes[BackKey(table: source, field: via)] = index
    }

    /// The row a reference field's value points to.
    public func resolve(_ key: Value, in target: String) -> Value {
        guard let table = tables[target], let row = table.row(forKey: key) else { return key }
        return .row(RowRef(table: table, index: row))
    }

    /// The rows of `source` whose `via` field holds `key`.
    public func backReferences(_ key: Value, source: String, via: String) -> Value {
        guard let table = tables[source], let rows = backIndexes[BackKey(table: source, field: via)]?[key] else {
            return .array([])
        }
        return .array(rows.map { .row(RowRef(table: table, index: $0)) })
    }
}
