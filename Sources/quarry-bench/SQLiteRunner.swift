import CSQLite
import Foundation

/// SQLite in memory, loaded before any timing, for the side-by-side benchmark.
final class SQLiteRunner {
    private var db: OpaquePointer?

    init(_ events: SyntheticEvents) throws {
        guard sqlite3_open(":memory:", &db) == SQLITE_OK else { throw BenchError("cannot open SQLite") }
        try execute("""
            CREATE TABLE events (id TEXT PRIMARY KEY, doc TEXT, actor TEXT, target TEXT, type TEXT,
              date_start INTEGER, date_end INTEGER, year INTEGER, summary TEXT, fatalities INTEGER)
            """)
        try execute("BEGIN")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &statement, nil) == SQLITE_OK else {
            throw BenchError("cannot prepare the insert")
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for r in events.rows {
            sqlite3_bind_text(statement, 1, r.id, -1, transient)
            sqlite3_bind_text(statement, 2, r.doc, -1, transient)
            sqlite3_bind_text(statement, 3, r.actor, -1, transient)
            sqlite3_bind_text(statement, 4, r.target, -1, transient)
            sqlite3_bind_text(statement, 5, r.type, -1, transient)
            sqlite3_bind_int64(statement, 6, Int64(r.date.start))
            sqlite3_bind_int64(statement, 7, Int64(r.date.end))
            if let year = r.date.year { sqlite3_bind_int64(statement, 8, Int64(year)) } else { sqlite3_bind_null(statement, 8) }
            sqlite3_bind_text(statement, 9, r.summary, -1, transient)
            if let f = r.fatalities { sqlite3_bind_int64(statement, 10, Int64(f)) } else { sqlite3_bind_null(statement, 10) }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchError("insert failed") }
            sqlite3_reset(statement)
        }
        sqlite3_finalize(statement)
        try execute("COMMIT")
    }

    deinit { sqlite3_close(db) }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("SQLite: \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    /// Runs a query and returns its rows as text.
    func run(_ sql: String) throws -> [[String]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
            throw BenchError("SQLite: \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(statement) }
        var rows: [[String]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            let count = sqlite3_column_count(statement)
            rows.append((0..<count).map { i in
                sqlite3_column_text(statement, i).map { String(cString: $0) } ?? "null"
            })
        }
        return rows
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
