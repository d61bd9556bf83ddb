import Foundation

/// An immutable table of values, stored column by column.
///
/// Collections that a host registers, and results that queries build, are both tables; a result
/// can be queried again like any collection.
public final class Table: @unchecked Sendable, Hashable, CustomStringConvertible {
    // @unchecked: every stored property is a `let` of Sendable values, fixed at init.
    /// The name scripts use for the table.
    public let name: String
    /// The table's fields.
    public let schema: Schema
    /// Values by column, then by row; each column stored by the kind of its values.
    public let columns: [Column]
    /// The number of rows.
    public let count: Int
    /// The column whose values identify rows (`id`, `name`), if any.
    public let keyColumn: Int?
    /// Rows by key, built the first time navigation looks one up: a loaded table of millions of
    /// rows that nothing navigates into never pays for it.
    private let keyIndex = KeyIndex()

    /// Creates a table; every column must hold `count` values.
    public convenience init(name: String, schema: Schema, columns: [[Value]], key: String? = nil) {
        self.init(name: name, schema: schema, storedColumns: columns.map(Column.init), key: key)
    }

    /// Creates a table from columns already stored; a host loading millions of rows can build
    /// and store one column at a time, so that only one column's values are ever boxed at once.
    public init(name: String, schema: Schema, storedColumns columns: [Column], key: String? = nil) {
        precondition(columns.count == schema.fields.count, "a table needs one column per field")
        self.name = name
        self.schema = schema
        self.columns = columns
        let count = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == count }, "every column of a table has the same length")
        self.count = count
        let keyColumn = key.flatMap { schema.index(of: $0) }
        self.keyColumn = keyColumn
    }

    /// Creates a table from rows of values in schema order.
    public convenience init(name: String, schema: Schema, rows: [[Value]], key: String? = nil) {
        var columns = [[Value]](repeating: [], count: schema.fields.count)
        for c in columns.indices { columns[c].reserveCapacity(rows.count) }
        for row in rows {
            for c in columns.indices { columns[c].append(c < row.count ? row[c] : .null) }
        }
        self.init(name: name, schema: schema, columns: columns, key: key)
    }

    /// The value at a row and column.
    @inline(__always)
    public func value(row: Int, column: Int) -> Value {
        columns[column][row]
    }

    /// The row whose key is `key`.
    public func row(forKey key: Value) -> Int? {
        keyIndex.rows { [columns, keyColumn] in
            var rowsByKey: [Value: Int] = [:]
            if let keyColumn {
                for (row, value) in columns[keyColumn].enumerated() where rowsByKey[value] == nil { rowsByKey[value] = row }
            }
            return rowsByKey
        }[key]
    }

    /// Every row, as references.
    public var rows: [RowRef] {
        (0..<count).map { RowRef(table: self, index: $0) }
    }

    /// Tables are equal only to themselves: a table is an identity, not a value.
    public static func == (a: Table, b: Table) -> Bool { a === b }
    /// Hashes the identity of the table.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// The name and the row count.
    public var description: String { "\(name) (\(count) rows)" }
}

/// A table's rows by key, built once on first use.
private final class KeyIndex: @unchecked Sendable {
    // @unchecked: `index` is written once, under the lock.
    private let lock = NSLock()
    private var index: [Value: Int]?

    func rows(_ build: () -> [Value: Int]) -> [Value: Int] {
        lock.lock()
        defer { lock.unlock() }
        if let index { return index }
        let built = build()
        index = built
        return built
    }
}

extension Table {
    /// Whether the rows come in the order of the key (text by code point), as a database that
    /// holds them orders rows a query sorts as equal; true for a table without a key.
    public var rowsFollowKey: Bool {
        guard let keyColumn else { return true }
        return Table.keyOrder(columns[keyColumn]) == nil
    }
}
