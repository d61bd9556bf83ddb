/// Rows flowing through a pipeline: references into one or more tables, in order.
///
/// Filtering, sorting and slicing move positions only; a relation becomes a table of its own
/// (`materialize`) when a script keeps it or a host reads it. While every row comes from one
/// table, the relation keeps that table and the rows' positions in it, so the column kernels
/// can work on the table's stored columns and no row reference is made.
struct Relation {
    var shape: TableShape
    private var storage: Storage

    private enum Storage {
        /// Rows of one table: all of them in order (`positions` nil), or those positions.
        case table(Table, positions: [Int]?)
        case references([RowRef])
    }

    init(table: Table) {
        shape = TableShape(name: table.name, schema: table.schema)
        storage = .table(table, positions: nil)
    }

    init(shape: TableShape, table: Table, positions: [Int]) {
        self.shape = shape
        storage = .table(table, positions: positions)
    }

    init(shape: TableShape, rows: [RowRef]) {
        self.shape = shape
        storage = .references(rows)
    }

    /// The rows as references. Read it once into a local: it is built on every read.
    var rows: [RowRef] {
        get {
            switch storage {
            case .references(let rows): return rows
            case .table(let table, nil): return table.rows
            case .table(let table, let positions?): return positions.map { RowRef(table: table, index: $0) }
            }
        }
        set { storage = .references(newValue) }
    }

    /// The number of rows.
    var count: Int {
        switch storage {
        case .references(let rows): return rows.count
        case .table(let table, let positions): return positions?.count ?? table.count
        }
    }

    /// The single table every row comes from, and the rows' positions in it (nil: all, in order).
    var tableRows: (table: Table, positions: [Int]?)? {
        if case .table(let table, let positions) = storage { return (table, positions) }
        return nil
    }

    /// Keeps the rows at these places of the relation (0 is its first row), in this order.
    mutating func keep(places: [Int]) {
        switch storage {
        case .references(let rows):
            storage = .references(places.map { rows[$0] })
        case .table(let table, let positions):
            storage = .table(table, positions: positions.map { p in places.map { p[$0] } } ?? places)
        }
    }

    /// The first or the last `n` rows.
    mutating func slice(first n: Int, fromEnd: Bool) {
        let n = min(max(n, 0), count)
        keep(places: fromEnd ? Array((count - n)..<count) : Array(0..<n))
    }

    /// A table of these rows. A relation that is a whole table in order is that table.
    func materialize() -> Table {
        if case .table(let table, let positions) = storage, shape.schema == nil || shape.schema == table.schema {
            guard let positions else { return table }
            let columns = table.columns.map { $0.gathering(positions) }
            let key = table.keyColumn.map { table.schema.fields[$0].name }
            return Table(name: shape.name, schema: table.schema, storedColumns: columns, key: key)
        }
        let rows = self.rows
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
