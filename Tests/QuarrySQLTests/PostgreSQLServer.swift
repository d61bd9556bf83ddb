import Foundation
import Quarry
import QuarrySQL
import Testing

/// The PostgreSQL server the tests compare with, reached with `psql` through the libpq
/// connection string in QUARRY_TEST_POSTGRES (scripts/test starts one: scripts/postgres).
/// Without the variable the tests that need it are skipped and say why; with
/// QUARRY_POSTGRES_REQUIRED=1 (set by scripts/test) an unreachable server fails them.
struct PostgreSQLServer {
    let connection: String

    static let configured: PostgreSQLServer? = ProcessInfo.processInfo.environment["QUARRY_TEST_POSTGRES"].map(PostgreSQLServer.init)
    static let required = ProcessInfo.processInfo.environment["QUARRY_POSTGRES_REQUIRED"] == "1"
    /// The same server as a postgresql:// URL, for the backend.
    static let url = ProcessInfo.processInfo.environment["QUARRY_TEST_POSTGRES_URL"]
    static let skipReason: Comment = "QUARRY_TEST_POSTGRES is not set: scripts/test starts a server (scripts/postgres start)"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a script with psql; returns what it printed (rows unaligned, tab-separated, nulls as
    /// `<null>`), and its errors.
    func run(_ script: String) throws -> (output: String, errors: String) {
        let file = FileManager.default.temporaryDirectory.appending(path: "quarry-sql-\(UUID().uuidString).sql")
        try ("\\pset null '<null>'\nSET client_min_messages TO warning;\n" + script).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let errorFile = file.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", connection, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=0", "-f", file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        if process.terminationStatus == 2 { throw Failure(description: "psql could not connect: \(errorText)") }
        return (String(decoding: data, as: UTF8.self), errorText)
    }

    /// A table's rows as SQL, laid out as QuarrySQL lays tables out: CREATE TABLE (the key as
    /// the primary key) and INSERT.
    static func load(_ table: Table) -> String {
        let key = table.keyColumn.map { table.schema.fields[$0].name }
        let stored = SQLLayout.storedFields(table)
        let columns = stored.flatMap { field in
            (SQLLayout.columns(field) ?? []).map { "\"\($0.name)\" \($0.type)\($0.name == key ? " PRIMARY KEY" : "")" }
        }
        var sql = "DROP TABLE IF EXISTS \"\(table.name)\";\nCREATE TABLE \"\(table.name)\" (\(columns.joined(separator: ", ")));\n"
        let rows = (0..<table.count).map { row in
            "(" + table.schema.fields.enumerated().filter { stored.contains($0.element) }.flatMap { c, field in
                SQLLayout.values(table.value(row: row, column: c), of: field).map(literal)
            }.joined(separator: ", ") + ")"
        }
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            sql += "INSERT INTO \"\(table.name)\" VALUES " + rows[chunk..<min(chunk + 500, rows.count)].joined(separator: ", ") + ";\n"
        }
        return sql
    }

    /// A value as an SQL literal, for loading test data and for EXECUTE's arguments.
    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .int(let i): return String(i)
        case .double(let d): return "CAST('\(d)' AS double precision)"
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .string(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        default: return "'" + value.description.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
