/// Rows flowing through a pipeline: references into one or more tables, in order.
///
/// Filtering, sorting and slicing move references only; a relation becomes a table of its own
/// (`materialize`) when a script keeps it or a host reads it.
struct Relation {
    var shape: TableShape
    var rows: [RowRef]

    init(table: Table) {
        shape = TableShape(name: table.name, schema: table.schema)
        rows = table.rows
    }

    init(shape: TableShape, rows: [RowRef]) {
        self.shape = shape
        self.rows = rows
    }

    /// A table of these rows. A relation that is a whole table in order is that table.
    func materialize() -> Table {
        if let first = rows.first?.table, rows.count == first.count,
           rows.enumerated().allSatisfy({ $0.element.table === first && $0.element.index == $0.offset }) {
            return first
        }
        if rows.isEmpty, let schema = shape.schema {
            return Table(name: shape.name, schema: schema, columns: schema.fields.map { _ in [] })
        }
        let schema = shape.schema ?? Self.unionSchema(of: rows)
        var columns = [[Value]](repeating: [], count: schema.fields.count)
        for c in columns.indices { columns[c].reserveCapacity(rows.count) }
        var lastTable: Table?
        var positions: [Int?] = []
        for row in rows {
            if row.table !== lastTable {
                lastTable = row.table
                positions = schema.fields.map { row.table.schema.index(of: $0.name) }
            }
            for c in columns.indices {
                columns[c].append(positions[c].map { row.table.value(row: row.index, column: $0) } ?? .null)
            }
        }
        let key = rows.first.flatMap { first in
            first.table.keyColumn.map { first.table.schema.fields[$0].name }
        }
        return Table(name: shape.name, schema: schema, columns: columns, key: key)
    }

    /// Every field of the tables the rows come from, in first-seen order.
    static func unionSchema(of rows: [RowRef]) -> Schema {
        var fields: [Field] = []
        var seen: Set<String> = []
        var tables: [ObjectIdentifier] = []
        for row in rows where !tables.contains(ObjectIdentifier(row.table)) {
            tables.append(ObjectIdentifier(row.table))
            for field in row.table.schema.fields where seen.insert(field.name).inserted {
                fields.append(field)
            }
        }
        return Schema(fields)
    }
}
