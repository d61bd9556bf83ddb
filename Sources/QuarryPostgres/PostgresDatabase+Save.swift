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
        // The database lists a keyed table by its key: rows in another order keep their places.
        let places = key != nil && !Self.inKeyOrder(table)
        if places, table.schema.field(PostgresTable.rowPlaceColumn) != nil {
            throw .query("\(name): a field named \(PostgresTable.rowPlaceColumn) is where Quarry keeps each row's place; rename it")
        }
        let columns = kept.flatMap { SQLLayout.columns($0.field)! }.map { ($0.name, $0.type) }
            + (places ? [(PostgresTable.rowPlaceColumn, "bigint NOT NULL")] : [])
        let quoted = PostgresColumnReader.quoted
        let definitions = columns.map { "\(quoted($0.0)) \($0.1)" }
            + (key.flatMap { k in kept.contains { $0.field.name == k } ? ["PRIMARY KEY (\(quoted(k)))"] : nil } ?? [])
        let lines = (0..<table.count).map { row in
            (kept.flatMap { SQLLayout.values(table.value(row: row, column: $0.index), of: $0.field) }.map(Self.copyText)
                + (places ? [String(row)] : [])).joined(separator: "\t")
        }
        do {
            try execute(["BEGIN"])
            // Other tables' foreign keys into this one would stop it being dropped: they are
            // dropped with it and made again on the new table.
            let incoming = try references(into: name)
            try execute(incoming.map { "ALTER TABLE \(quoted($0.table)) DROP CONSTRAINT \(quoted($0.constraint))" })
            try execute(["DROP TABLE IF EXISTS \(quoted(name))", "CREATE TABLE \(quoted(name)) (\(definitions.joined(separator: ", ")))"])
            // postgres-nio quotes the names of COPY itself.
            try copy(into: name, columns: columns.map(\.0), lines: lines)
            if places { try execute(["CREATE UNIQUE INDEX ON \(quoted(name)) (\(quoted(PostgresTable.rowPlaceColumn)))"]) }
            // Made again as they were: when the new rows break one (a checked key whose rows
            // are gone), the save fails whole and the database keeps its tables and keys.
            try execute(incoming.map { "ALTER TABLE \(quoted($0.table)) ADD CONSTRAINT \(quoted($0.constraint)) \($0.definition)" })
            try execute(["COMMIT"])
        } catch {
            try? execute(["ROLLBACK"])
            throw error
        }
        try link(table, as: name)
        return skipped
    }

    /// Makes each reference field of a saved table (`actor` naming a row of `actors`) a foreign
    /// key to its collection's table, when that table is in the database with a text key: then
    /// `quarry --db` follows it (`actor.kind`) as the corpus does. `NOT VALID`: the rows are not
    /// checked, for a reference may name a row the collection lacks, which reads as null.
    /// Saving several tables, link each after all are saved.
    public func link(_ table: Table, as name: String) throws(PostgresFailure) {
        let quoted = PostgresColumnReader.quoted
        let keys = try textKeys()
        let existing = try references(keys: keys)[name] ?? [:]
        var statements: [String] = []
        for field in SQLLayout.storedFields(table) {
            guard case .reference(let target) = field.type, existing[field.name] == nil, let key = keys[target] else { continue }
            statements.append("ALTER TABLE \(quoted(name)) ADD FOREIGN KEY (\(quoted(field.name))) REFERENCES \(quoted(target)) (\(quoted(key))) NOT VALID")
        }
        try execute(statements)
    }

    /// The tables of the current schema whose primary key is one text column, and that column.
    private func textKeys() throws(PostgresFailure) -> [String: String] {
        let rows = try self.rows("""
            SELECT t.relname::text, a.attname::text FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'p' AND cardinality(c.conkey) = 1 AND a.atttypid = 'text'::regtype
            """)
        var keys: [String: String] = [:]
        for row in rows { keys[try PostgresDecoding.text(row[0])] = try PostgresDecoding.text(row[1]) }
        return keys
    }

    /// The foreign keys of other tables that lead into `table`: their table, name and definition.
    private func references(into table: String) throws(PostgresFailure) -> [(table: String, constraint: String, definition: String)] {
        let rows = try self.rows("""
            SELECT s.relname::text, c.conname::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
            JOIN pg_class s ON s.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
            WHERE c.contype = 'f' AND t.relname = $1 AND c.conrelid <> c.confrelid
            """, [.string(table)])
        var out: [(table: String, constraint: String, definition: String)] = []
        for row in rows {
            out.append((try PostgresDecoding.text(row[0]), try PostgresDecoding.text(row[1]), try PostgresDecoding.text(row[2])))
        }
        return out
    }

    /// Whether the rows are in the order the database lists them by their key, as the key's
    /// column holds it (`SQLLayout`): text by code point (as `COLLATE "C"`, a reference's key as
    /// its text), whole numbers by value.
    static func inKeyOrder(_ table: Table) -> Bool {
        guard let key = table.keyColumn, table.count > 1 else { return true }
        let asText = SQLLayout.columns(table.schema.fields[key])?.first?.type == "text"
        var previous = table.value(row: 0, column: key)
        for row in 1..<table.count {
            let value = table.value(row: row, column: key)
            if asText {
                guard let a = Self.text(previous), let b = Self.text(value), a.utf8.lexicographicallyPrecedes(b.utf8) else { return false }
            } else {
                guard case .int(let a) = previous, case .int(let b) = value, a < b else { return false }
            }
            previous = value
        }
        return true
    }

    /// A key as its text column holds it, before COPY's escapes; nil for null.
    private static func text(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: return nil
        }
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
