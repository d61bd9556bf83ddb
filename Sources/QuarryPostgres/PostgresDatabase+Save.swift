import Quarry
import QuarrySQL

extension PostgresDatabase {
    /// Writes a table into the database as `name`, laid out as `SQLLayout` lays it out (its key
    /// the primary key), replacing a table of that name; all in one transaction, so an error
    /// leaves the database as it was. Returns the fields left out (back-references, and fields
    /// holding a value JSON cannot hold: a date or a row inside an array).
    @discardableResult
    public func save(_ table: Table, as name: String) throws(PostgresFailure) -> [String] {
        guard !name.contains("\""), !table.schema.fields.contains(where: { $0.name.contains("\"") }) else {
            throw .query("\(name): a name with a double quote cannot be copied into a table")
        }
        let key = table.keyColumn.map { table.schema.fields[$0].name }
        let stored = SQLLayout.storedFields(table)
        var kept: [(index: Int, field: Field)] = []
        var skipped: [String] = []
        for (i, field) in table.schema.fields.enumerated() {
            if stored.contains(field) { kept.append((i, field)) } else { skipped.append(field.name) }
        }
        let columns = kept.flatMap { SQLLayout.columns($0.field)! }
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let definitions = columns.map { "\(quoted($0.name)) \($0.type)" }
            + (key.flatMap { k in kept.contains { $0.field.name == k } ? ["PRIMARY KEY (\(quoted(k)))"] : nil } ?? [])
        let lines = (0..<table.count).map { row in
            kept.flatMap { SQLLayout.values(table.value(row: row, column: $0.index), of: $0.field) }.map(Self.copyText).joined(separator: "\t")
        }
        do {
            try execute(["BEGIN", "DROP TABLE IF EXISTS \(quoted(name))", "CREATE TABLE \(quoted(name)) (\(definitions.joined(separator: ", ")))"])
            // postgres-nio quotes the names of COPY itself.
            try copy(into: name, columns: columns.map(\.name), lines: lines)
            try execute(["COMMIT"])
        } catch {
            try? execute(["ROLLBACK"])
            throw error
        }
        return skipped
    }

    /// A value in COPY's text format: `\N` for null; backslash, tab and line breaks escaped.
    static func copyText(_ value: Value) -> String {
        switch value {
        case .null: return "\\N"
        case .bool(let b): return b ? "t" : "f"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s):
            var out = ""
            for c in s.unicodeScalars {
                switch c {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        default:
            return copyText(.string(value.keyed.description))
        }
    }
}
