/// Rows and named columns, as a host or the command line reads a result.
public struct ResultSet: Sendable, Hashable {
    /// The name of the table the rows came from.
    public var name: String
    /// The columns' names, in order.
    public var columns: [String]
    /// The rows, each with one value per column.
    public var rows: [[Value]]
    /// The table behind the rows, when the result is one: its rows stay navigable.
    public var table: Table?

    /// A result of named columns and rows.
    public init(name: String, columns: [String], rows: [[Value]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// A table's rows, or a single value as one row of one `value` column.
    public init(_ value: Value) {
        if case .table(let table) = value {
            let shown = table.schema.storedFieldIndices
            name = table.name
            columns = shown.map { table.schema.fields[$0].name }
            // Each column's values once, then the rows from them: cheaper than a cell at a time.
            let values = shown.map { table.columns[$0].allValues }
            let width = values.count
            self.rows = (0..<table.count).map { row in
                // Each row's cells written in place: no growth checks per cell.
                [Value](unsafeUninitializedCapacity: width) { cells, initialized in
                    for c in 0..<width { (cells.baseAddress! + c).initialize(to: values[c][row]) }
                    initialized = width
                }
            }
            self.table = table
        } else {
            name = "value"
            columns = ["value"]
            rows = [[value]]
        }
    }

    /// Results are equal when their names, columns and rows are: not the tables behind them.
    public static func == (a: ResultSet, b: ResultSet) -> Bool {
        a.name == b.name && a.columns == b.columns && a.rows == b.rows
    }

    /// Hashes the name, columns and rows.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(columns)
        hasher.combine(rows)
    }

    /// The rows as records, field by field.
    public var records: [Record] {
        rows.map { Record(names: columns, values: $0) }
    }
}
