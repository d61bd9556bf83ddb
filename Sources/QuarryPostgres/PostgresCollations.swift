import Quarry

extension PostgresDatabase {
    /// The tables (of `keys`, table to key column) whose key column's collation orders text by
    /// code point, as Quarry orders it: `C`, `POSIX` or `C.UTF-8`, from libc or PostgreSQL's
    /// builtin provider. Another collation (`en_US`, any ICU one) orders `a1` and `a-2`, or `B`
    /// and `a`, otherwise, so Quarry orders such a key `COLLATE "C"` instead.
    func keysOrderedByCodePoint(_ keys: [String: String]) throws(PostgresFailure) -> Set<String> {
        let columns = try rows("""
            SELECT c.relname::text, a.attname::text, (a.attcollation IN (0, 100))::text,
                   coalesce(l.collprovider::text, ''), coalesce(l.collcollate::text, '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            LEFT JOIN pg_collation l ON l.oid = a.attcollation
            WHERE a.attnum > 0 AND NOT a.attisdropped
            """)
        let databaseDefault = try defaultCollation()
        var out: Set<String> = []
        for row in columns {
            let (table, column) = (try PostgresDecoding.text(row[0]), try PostgresDecoding.text(row[1]))
            guard keys[table] == column else { continue }
            // A column of no collation (a uuid, say) is read as text in the database's own.
            let isDefault = try PostgresDecoding.text(row[2]) == "true"
            let (provider, collate) = isDefault ? databaseDefault : (try PostgresDecoding.text(row[3]), try PostgresDecoding.text(row[4]))
            if Self.ordersByCodePoint(provider: provider, collate: collate) { out.insert(table) }
        }
        return out
    }

    /// The database's own collation: its provider (`c` libc, `i` ICU, `b` builtin) and locale.
    /// Before PostgreSQL 15 a database's collation always came from libc.
    private func defaultCollation() throws(PostgresFailure) -> (provider: String, collate: String) {
        let version = try rows("SELECT current_setting('server_version_num')")
        let modern = (Int(try PostgresDecoding.text(version[0][0])) ?? 0) >= 150000
        let row = try rows("""
            SELECT datcollate::text, \(modern ? "datlocprovider::text" : "'c'") FROM pg_database WHERE datname = current_database()
            """)
        return (try PostgresDecoding.text(row[0][1]), try PostgresDecoding.text(row[0][0]))
    }

    /// Whether a collation compares text by its code points.
    static func ordersByCodePoint(provider: String, collate: String) -> Bool {
        guard provider == "c" || provider == "b" else { return false }
        return ["c", "posix", "c.utf8", "c.utf-8"].contains(collate.lowercased())
    }
}
