import Foundation
import Quarry

/// The side-by-side benchmark: the same synthetic events in Quarry, SQLite (in memory) and, where
/// it is installed, DuckDB (one thread); each query timed alone (data loaded first), the median of
/// several runs, and the results checked equal.
struct Comparison {
    struct Query: Sendable {
        var name: String
        var quarry: String
        var sql: String?
        /// How to read Quarry's result as rows of text, to compare with SQL's.
        var rows: @Sendable (ResultSet) -> [[String]]
        /// Values for the query's `$parameters`.
        var parameters: [String: Value] = [:]
    }

    static func cells(_ result: ResultSet) -> [[String]] {
        result.rows.map { $0.map { $0.isNull ? "null" : $0.description } }
    }

    static let queries: [Query] = [
        Query(name: "1 filter and count", quarry: #"events where actor = "Azerbaijan" and year >= 2020 | count"#,
              sql: "SELECT count(*) FROM events WHERE actor = 'Azerbaijan' COLLATE NOCASE AND year >= 2020",
              rows: { r in cells(r).map { [$0[1]] } }),
        // Query 1 as an embedder writes it, compiled once and run with values, and as a script
        // with `let` constants: the same work, so it should take the same time.
        Query(name: "1p query 1 with parameters", quarry: #"events where actor = $who and year >= $since | count"#,
              sql: "SELECT count(*) FROM events WHERE actor = 'Azerbaijan' COLLATE NOCASE AND year >= 2020",
              rows: { r in cells(r).map { [$0[1]] } }, parameters: ["who": "Azerbaijan", "since": 2020]),
        Query(name: "1l query 1 with let constants",
              quarry: "let who = \"Azerbaijan\"\nlet since = 2000 + 20\nevents where actor = who and year >= since | count",
              sql: "SELECT count(*) FROM events WHERE actor = 'Azerbaijan' COLLATE NOCASE AND year >= 2020",
              rows: { r in cells(r).map { [$0[1]] } }),
        Query(name: "2 substring search", quarry: #"events where summary == "*border clash*" | count"#,
              sql: "SELECT count(*) FROM events WHERE summary LIKE '%border clash%'",
              rows: { r in cells(r).map { [$0[1]] } }),
        Query(name: "3 count per actor, descending", quarry: "events | summarize n = count() by actor | sort n desc, actor",
              sql: "SELECT actor, count(*) AS n FROM events GROUP BY actor ORDER BY n DESC, actor COLLATE NOCASE",
              rows: cells),
        Query(name: "4 sort by date desc, head 10", quarry: "events | sort date desc | head 10 | select id",
              sql: "SELECT id FROM events ORDER BY date_start DESC, date_end DESC, rowid ASC LIMIT 10",
              rows: cells),
        Query(name: "5 sequence by actor", quarry: #"sequence by actor [events where type == "threaten"] [events where type == "assault"] with maxspan=30d | count"#,
              sql: nil, rows: cells),
    ]

    static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let start = clock.now
            try body()
            let d = clock.now - start
            times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        return median(times)
    }

    /// The middle of a non-empty list of measurements.
    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

    /// The process's resident memory now and at its peak (since the peak was last reset), in MB.
    static func residentMegabytes() -> (now: Double, peak: Double) {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func kilobytes(_ key: String) -> Double {
            let line = text.split(separator: "\n").first { $0.hasPrefix(key) }
            return line.flatMap { Double($0.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "") } ?? 0
        }
        return (kilobytes("VmRSS:") / 1024, kilobytes("VmHWM:") / 1024)
    }

    /// Starts measuring the peak afresh (Linux: writing 5 to clear_refs resets VmHWM).
    static func resetPeakMemory() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    static func run(sizes: [Int], runs: Int, postgres: String? = nil) throws {
        print("| rows | query | Quarry ms | SQLite ms | DuckDB ms | Quarry/SQLite | same result |")
        print("| ---: | --- | ---: | ---: | ---: | ---: | --- |")
        var failures = 0
        for size in sizes {
            let events = SyntheticEvents(count: size)
            // The collection's own memory: measured around building the table alone, from values
            // as a host would hand them over (so the peak includes those values too).
            resetPeakMemory()
            let before = residentMegabytes()
            let table = events.table
            let after = residentMegabytes()
            let engine = Engine(collections: [table])
            let sqlite = try SQLiteRunner(events)
            let duck = DuckDB.run(events, queries: queries.compactMap(\.sql), runs: runs)
            for (q, query) in queries.enumerated() {
                let program = try engine.compile(query.quarry)
                var result: ResultSet?
                let quarryMs = try median(runs) { result = try program.run(parameters: query.parameters).table }
                var sqlMs: Double?
                var same = "n/a"
                if let sql = query.sql {
                    var sqlRows: [[String]] = []
                    sqlMs = try median(runs) { sqlRows = try sqlite.run(sql) }
                    let ours = result.map(query.rows) ?? []
                    var agree = ours == sqlRows
                    if let duckRows = duck?.results[q] { agree = agree && duckRows == sqlRows }
                    same = agree ? "yes" : "NO"
                    if !agree {
                        failures += 1
                        FileHandle.standardError.write(Data("\(query.name) at \(size): Quarry \(ours.prefix(3)) SQL \(sqlRows.prefix(3))\n".utf8))
                    }
                }
                let duckMs = duck?.times[safe: q].flatMap { $0 }
                func f(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "–" }
                let ratio = sqlMs.map { String(format: "%.2f", quarryMs / $0) } ?? "–"
                print("| \(size) | \(query.name) | \(f(quarryMs)) | \(f(sqlMs)) | \(f(duckMs)) | \(ratio) | \(same) |")
            }
            let script = (0..<1000).map { i in "let q\(i) = events where actor = \"A\(i)\" and year >= \(1900 + i % 100) | summarize n = count() by type | sort n desc" }
                .joined(separator: "\n")
            let compileMs = try median(runs) { _ = try engine.compile(script) }
            print("| \(size) | 6 compile a 1,000-line script | \(String(format: "%.2f", compileMs)) | – | – | – | – |")
            print("| \(size) | memory of the collection | \(String(format: "%.0f MB", after.now - before.now)) | "
                + "\(String(format: "peak +%.0f MB while building", after.peak - before.now)) | | | |")
            if let postgres {
                print("\n| rows | query on PostgreSQL | Quarry ms (render, run, read) | Quarry's SQL, hand client ms | hand-written SQL ms | Quarry's overhead | same result |")
                print("| ---: | --- | ---: | ---: | ---: | ---: | --- |")
                failures += try PostgresComparison.run(events, table: table, url: postgres, runs: runs)
                print("")
            }
        }
        if postgres == nil {
            print("\nPostgreSQL: not measured (quarry-bench compare --db postgresql://… saves the events there and times each query beside hand-written SQL)")
        }
        let quarry = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "quarry")
        if !FileManager.default.isExecutableFile(atPath: quarry.path) {
            print("\nStart-up: not measured, for there is no quarry beside this binary (swift build -c release)")
        } else {
            if let startup = startupMilliseconds() {
                print(String(format: "\nStart-up of `quarry -e 1` on the seed corpus (this build, median of 5): %.1f ms", startup))
            }
            if let prompt = ReplStartup.milliseconds() {
                print(String(format: "Start-up of the REPL on the seed corpus, to its first prompt in a terminal (median of 5): %.1f ms", prompt))
            } else {
                print("Start-up of the REPL: no prompt on a pseudo-terminal within 10 s")
                failures += 1
            }
        }
        if failures > 0 { throw BenchError("\(failures) measurements failed or queries gave different results") }
    }

    /// The wall time of the `quarry` beside this binary running one query on the seed corpus:
    /// what a user waits for before the REPL's first prompt, and more.
    static func startupMilliseconds() -> Double? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "quarry")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
        var times: [Double] = []
        for _ in 0..<5 {
            guard let run = Subprocess.run([binary.path, "-e", "1"]) else { return nil }
            times.append(run.seconds * 1000)
        }
        return median(times)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// DuckDB through Python (scripts/duckdb-bench.py), when the duckdb package is installed.
enum DuckDB {
    struct Result {
        var times: [Double?]
        var results: [[[String]]]
    }

    static func run(_ events: SyntheticEvents, queries: [String], runs: Int) -> Result? {
        let folder = FileManager.default.temporaryDirectory.appending(path: "quarry-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appending(path: "events.csv"), spec = folder.appending(path: "queries.json")
        do {
            try events.csv.write(to: csv, atomically: true, encoding: .utf8)
            try JSONSerialization.data(withJSONObject: ["queries": queries, "runs": runs]).write(to: spec)
        } catch { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/duckdb-bench.py", csv.path, spec.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let times = object["times"] as? [Double], let results = object["results"] as? [[[String]]] else { return nil }
        // DuckDB runs only the SQL queries; they come first, in order, and query 5 has none.
        return Result(times: times.map { $0 } + [nil], results: results)
    }
}
