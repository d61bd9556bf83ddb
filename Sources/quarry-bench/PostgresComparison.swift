import Foundation
import Quarry
import QuarryPostgres
import QuarrySQL

/// Quarry on PostgreSQL beside the same queries written by hand in SQL: the synthetic events
/// saved to the server, each query run through the same connection and read into Quarry values,
/// so the difference is what Quarry adds (rendering, and the shape of the SQL it writes). A
/// third timing runs Quarry's SQL through the hand-written SQL's client, which splits that
/// difference into the SQL's shape (on the server) and Quarry's reading of the rows.
enum PostgresComparison {
    struct Query {
        var name: String
        var quarry: String
        /// The query as a person writes it for PostgreSQL, with Quarry's meaning (case-insensitive
        /// text, the table's key breaking ties).
        var sql: String
        /// The columns of Quarry's result that the SQL returns, in its order.
        var columns: [Int]
    }

    static let queries: [Query] = [
        Query(name: "1 filter and count", quarry: #"events where actor = "Azerbaijan" and year >= 2020 | count"#,
              sql: "SELECT count(*) FROM events WHERE lower(actor) = 'azerbaijan' AND year >= 2020", columns: [1]),
        Query(name: "2 substring search", quarry: #"events where summary == "*border clash*" | count"#,
              sql: "SELECT count(*) FROM events WHERE summary ILIKE '%border clash%'", columns: [1]),
        Query(name: "3 count per actor, descending", quarry: "events | summarize n = count() by actor | sort n desc, actor",
              sql: "SELECT actor, count(*) AS n FROM events GROUP BY actor ORDER BY n DESC, lower(actor), actor", columns: [0, 1]),
        // The same query, its SQL grouping as Quarry groups, without regard to case (added after
        // the first measurements: the SQL above groups by case, which Quarry's query does not).
        Query(name: "3c query 3, the SQL grouping without case", quarry: "events | summarize n = count() by actor | sort n desc, actor",
              sql: "SELECT min(actor), count(*) AS n FROM events GROUP BY lower(actor) ORDER BY n DESC, lower(min(actor)), min(actor)", columns: [0, 1]),
        Query(name: "4 sort by date desc, head 10", quarry: "events | sort date desc | head 10 | select id",
              sql: #"SELECT id FROM events ORDER BY "date:first" DESC, "date:last" DESC, id LIMIT 10"#, columns: [0]),
        Query(name: "7 100,000 rows out", quarry: "events | head 100000 | select id, actor, year, fatalities",
              sql: "SELECT id, actor, year, fatalities FROM events ORDER BY id LIMIT 100000", columns: [0, 1, 2, 3]),
    ]

    static func text(_ row: [Value]) -> [String] { row.map(text) }
    static func text(_ value: Value) -> String { value.isNull ? "null" : value.description }

    /// The text of a result table's rows, read column by column: the columns are those of its
    /// rows as a host sees them (`ResultSet`).
    static func text(of table: Table, _ columns: [Int]) -> [[String]] {
        let shown = table.schema.storedFieldIndices
        let read = columns.map { shown[$0] }
        return (0..<table.count).map { r in read.map { text(table.value(row: r, column: $0)) } }
    }

    /// Saves the events to the server and times each query both ways; returns how many gave
    /// different rows.
    static func run(_ events: SyntheticEvents, table: Table, url: String, runs: Int) throws -> Int {
        let database = try PostgresDatabase.connect(try PostgresAddress(url: url), timeout: .seconds(600))
        defer { database.close() }
        _ = try database.save(table, as: "events")
        try database.execute(["ANALYZE events"])
        let engine = try Engine().adding(database).engine
        var failures = 0
        for query in queries {
            let program = try engine.compile(query.quarry)
            let rendered = try program.sql(dialect: PostgreSQLDialect())
            var ours: [[String]] = []
            var theirs: [[String]] = []
            // The two alternate, run by run, so that the machine's drift weighs on both alike.
            var quarryTimes: [Double] = [], sqlTimes: [Double] = [], renderedTimes: [Double] = []
            for _ in 0..<runs {
                quarryTimes.append(try Comparison.median(1) {
                    // Read from the result's table, column by column, as a host that wants
                    // speed reads it (`ResultSet.rows` would first copy it into rows).
                    guard case .table(let result)? = try program.run().outputs.last?.value else { return }
                    ours = text(of: result, query.columns)
                })
                sqlTimes.append(try Comparison.median(1) { theirs = try database.values(query.sql).map(text) })
                renderedTimes.append(try Comparison.median(1) {
                    _ = try database.values(rendered.text, rendered.parameters).map(text)
                })
            }
            let quarryMs = Comparison.median(quarryTimes), sqlMs = Comparison.median(sqlTimes)
            let renderedMs = Comparison.median(renderedTimes)
            let same = ours == theirs
            if !same {
                failures += 1
                FileHandle.standardError.write(Data("\(query.name) at \(table.count) on PostgreSQL: Quarry \(ours.prefix(3)) SQL \(theirs.prefix(3))\n".utf8))
            }
            print(String(format: "| %d | %@ | %.2f | %.2f | %.2f | %+.0f%% | %@ |", table.count, query.name, quarryMs, renderedMs, sqlMs,
                         (quarryMs / sqlMs - 1) * 100, same ? "yes" : "NO"))
        }
        return failures
    }

    /// One query over a database's tables, its time split into stages: Quarry's run (the rows
    /// read into a table), the rows as a host reads them, and Quarry's SQL through the
    /// hand-written SQL's client. For finding where Quarry's reading of a result spends.
    static func stages(url: String, query: String, runs: Int) throws {
        let database = try PostgresDatabase.connect(try PostgresAddress(url: url), timeout: .seconds(600))
        defer { database.close() }
        let engine = try Engine().adding(database).engine
        let program = try engine.compile(query)
        let rendered = try program.sql(dialect: PostgreSQLDialect())
        var run: [Double] = [], table: [Double] = [], rows: [Double] = [], hand: [Double] = []
        for _ in 0..<runs {
            run.append(try Comparison.median(1) { _ = try program.run() })
            table.append(try Comparison.median(1) {
                guard case .table(let result)? = try program.run().outputs.last?.value else { return }
                _ = text(of: result, Array(result.schema.storedFieldIndices.indices))
            })
            rows.append(try Comparison.median(1) { _ = try program.run().table?.rows.map(text) })
            hand.append(try Comparison.median(1) { _ = try database.values(rendered.text, rendered.parameters).map(text) })
        }
        print(String(format: "run %.2f ms; as text: from the table %.2f ms, from the rows %.2f ms, the SQL through the hand client %.2f ms",
                     Comparison.median(run), Comparison.median(table), Comparison.median(rows), Comparison.median(hand)))
    }
}
