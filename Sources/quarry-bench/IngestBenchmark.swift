import Foundation
import Quarry

/// `quarry-bench ingest`: a user's own export loaded the way a user loads it, beside DuckDB's shell
/// and sqlite3 in the same run. The file is ACLED-shaped and deterministic: an id, an ISO date, a
/// year, event and sub-event types, two actor columns of ~5,000 Zipf-distributed names, a country,
/// 20,000 places, coordinates, fatalities and a quoted free-text note of 8–30 words.
enum IngestBenchmark {
    static func run(rows: Int, jsonRows: Int, runs: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "quarry-bench-ingest")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appending(path: "acled-\(rows).csv")
        let jsonl = folder.appending(path: "acled-\(jsonRows).jsonl")
        if !FileManager.default.fileExists(atPath: csv.path) { try write(rows: rows, to: csv, json: false) }
        if !FileManager.default.fileExists(atPath: jsonl.path) { try write(rows: jsonRows, to: jsonl, json: true) }
        let csvMB = Double((try? FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0) / 1e6
        let jsonMB = Double((try? FileManager.default.attributesOfItem(atPath: jsonl.path)[.size] as? Int) ?? 0) / 1e6
        let quarry = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "quarry").path
        let duckdb = which("duckdb"), sqlite = which("sqlite3")
        print("ingest: \(rows) rows of CSV (\(Int(csvMB)) MB), \(jsonRows) rows of JSON Lines (\(Int(jsonMB)) MB); medians of \(runs), whole processes")
        print("| load | Quarry | peak | DuckDB 1 thread | peak | DuckDB 2 threads | peak | sqlite3 .import | Quarry/DuckDB(1) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        func row(_ label: String, _ file: URL, duckRead: String) {
            let q = measure(runs) { [quarry, "--no-corpus", "--load", "acled=\(file.path)", "-e", "acled | count"] }
            let d1 = duckdb.map { d in measure(runs) { [d, "-c", "SET threads=1; CREATE TABLE acled AS SELECT * FROM \(duckRead)('\(file.path)'); SELECT count(*) FROM acled;"] } }
            let d2 = duckdb.map { d in measure(runs) { [d, "-c", "SET threads=2; CREATE TABLE acled AS SELECT * FROM \(duckRead)('\(file.path)'); SELECT count(*) FROM acled;"] } }
            let s = label.contains("CSV") ? sqlite.map { s in measure(runs) { [s, ":memory:", "-cmd", ".mode csv", ".import \(file.path) acled", "SELECT count(*) FROM acled;"] } } : nil
            func t(_ m: Measured?) -> String { m.map { String(format: "%.2f s", $0.seconds) } ?? "–" }
            func p(_ m: Measured?) -> String { m.map { "\($0.peakMB) MB" } ?? "–" }
            let ratio = d1.map { String(format: "%.2f", q.seconds / $0.seconds) } ?? "–"
            print("| \(label) | \(t(q)) | \(p(q)) | \(t(d1)) | \(p(d1)) | \(t(d2)) | \(p(d2)) | \(t(s)) | \(ratio) |")
        }
        row("CSV", csv, duckRead: "read_csv")
        row("JSON Lines", jsonl, duckRead: "read_json")
        // The CSV saved as Arrow, then reopened the way a user reopens it. Saved by a child process:
        // a child's peak memory counts its parent's at the fork, so this process stays small.
        let arrow = folder.appending(path: "acled-\(rows).arrow")
        _ = Subprocess.run([quarry, "save", "acled=\(csv.path)", arrow.path])
        let reopen = measure(runs) { [quarry, "--no-corpus", "--load", "acled=\(arrow.path)", "-e", "acled | count"] }
        let arrowMB = Double((try? FileManager.default.attributesOfItem(atPath: arrow.path)[.size] as? Int) ?? 0) / 1e6
        print(String(format: "| reopen the CSV saved as Arrow (%d MB) | %.2f s | %d MB | | | | | | |", Int(arrowMB), reopen.seconds, reopen.peakMB))
        try queries(csv: csv, duckdb: duckdb, runs: runs)
    }

    // MARK: Queries on the loaded data

    private static let queries: [(label: String, quarry: String, sql: String)] = [
        ("filter and count", #"acled where country == "Armenia" and fatalities > 0 | count"#,
         "SELECT count(*) FROM acled WHERE country = 'Armenia' AND fatalities > 0"),
        ("count per actor1, desc", #"acled | summarize n = count() by actor1 | sort n desc, actor1 | head 10"#,
         "SELECT actor1, count(*) AS n FROM acled GROUP BY actor1 ORDER BY n DESC, actor1 LIMIT 10"),
        ("substring in notes", #"acled where notes == "*border clash*" | count"#,
         "SELECT count(*) FROM acled WHERE notes ILIKE '%border clash%'"),
        ("sort by date, head", #"acled | sort event_date desc, event_id_cnty | head 10"#,
         "SELECT * FROM acled ORDER BY event_date DESC, event_id_cnty LIMIT 10"),
        ("fatalities per country", #"acled | summarize dead = sum(fatalities) by country | sort dead desc"#,
         "SELECT country, sum(fatalities) AS dead FROM acled GROUP BY country ORDER BY dead DESC"),
    ]

    private static func queries(csv: URL, duckdb: String?, runs: Int) throws {
        let loaded = try Table.load(path: csv.path, name: "acled")
        let engine = Engine(collections: [loaded.table])
        var duckTimes: [Double?] = Array(repeating: nil, count: queries.count)
        if let duckdb {
            // One DuckDB session, one thread: load, then each query `runs` times with the timer on.
            var script = "SET threads=1;\nCREATE TABLE acled AS SELECT * FROM read_csv('\(csv.path)');\n.timer on\n"
            for q in queries { for _ in 0..<runs { script += q.sql + ";\n" } }
            let output = capture([duckdb], input: script)
            let times = output.split(separator: "\n").compactMap { line -> Double? in
                guard line.hasPrefix("Run Time (s): real ") else { return nil }
                return Double(line.dropFirst("Run Time (s): real ".count).split(separator: " ").first ?? "")
            }
            // The first timed statement may be the CREATE (when the shell times it): keep the last ones.
            let last = Array(times.suffix(queries.count * runs))
            if last.count == queries.count * runs {
                for k in queries.indices { duckTimes[k] = Comparison.median(Array(last[(k * runs)..<((k + 1) * runs)])) * 1000 }
            }
        }
        print("")
        print("| query on the loaded \(loaded.table.count) rows | Quarry | DuckDB (1 thread) | Quarry/DuckDB |")
        print("| --- | ---: | ---: | ---: |")
        for (k, q) in queries.enumerated() {
            let program = try engine.compile(q.quarry)
            let ms = try Comparison.median(runs) { _ = try program.run() }
            let duck = duckTimes[k].map { String(format: "%.1f ms", $0) } ?? "–"
            let ratio = duckTimes[k].map { String(format: "%.2f", ms / $0) } ?? "–"
            print("| \(q.label) | \(String(format: "%.1f ms", ms)) | \(duck) | \(ratio) |")
        }
    }

    // MARK: Processes

    struct Measured { var seconds: Double; var peakMB: Int }

    /// The median wall time and the largest peak resident memory of a command run `runs` times.
    private static func measure(_ runs: Int, _ command: () -> [String]) -> Measured {
        var times: [Double] = []
        var peak = 0
        for _ in 0..<runs {
            guard let run = Subprocess.run(command()) else { return Measured(seconds: .nan, peakMB: 0) }
            times.append(run.seconds)
            peak = max(peak, run.peakKB / 1024)
        }
        return Measured(seconds: Comparison.median(times), peakMB: peak)
    }

    private static func capture(_ argv: [String], input: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    // MARK: The file

    /// Writes the ACLED-shaped rows as CSV or JSON Lines.
    static func write(rows: Int, to url: URL, json: Bool) throws {
        var random = SplitMix(seed: 907)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        // Zipf-ish: the k-th name is picked with weight 1/(k+1), by inverting a cumulative table.
        let actors = (0..<5000).map { "Actor \($0) (\(["Azerbaijan", "Armenia", "Georgia", "Iran", "Turkey"][$0 % 5]))" }
        var cumulative: [Double] = []
        var total = 0.0
        for k in 0..<actors.count { total += 1 / Double(k + 1); cumulative.append(total) }
        func zipf() -> String {
            let x = Double(random.next() % 1_000_000) / 1_000_000 * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < x { lo = mid + 1 } else { hi = mid } }
            return actors[lo]
        }
        let types = [("Battles", ["Armed clash", "Government regains territory"]), ("Explosions/Remote violence", ["Shelling/artillery/missile attack", "Air/drone strike"]),
                     ("Violence against civilians", ["Attack", "Abduction/forced disappearance"]), ("Protests", ["Peaceful protest", "Protest with intervention"]),
                     ("Strategic developments", ["Agreement", "Change to group/activity"])]
        let countries = ["Armenia", "Azerbaijan", "Georgia", "Iran", "Turkey", "Russia"]
        let words = ["border", "clash", "village", "troops", "reported", "shelling", "near", "position", "civilians", "drone", "killed",
                     "wounded", "talks", "ceasefire", "violation", "military", "forces", "local", "sources", "said", "the", "of", "in", "and"]
        guard let out = OutputStream(url: url, append: false) else { throw CocoaError(.fileWriteUnknown) }
        out.open()
        defer { out.close() }
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        func flush() { let bytes = Array(buffer.utf8); _ = bytes.withUnsafeBufferPointer { out.write($0.baseAddress!, maxLength: $0.count) }; buffer.removeAll(keepingCapacity: true) }
        if !json { buffer += "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,country,location,latitude,longitude,fatalities,notes\n" }
        for r in 0..<rows {
            let year = 2018 + pick(8), month = 1 + pick(12), day = 1 + pick(28)
            let (type, subs) = types[pick(types.count)]
            let sub = subs[pick(subs.count)]
            let country = countries[pick(countries.count)]
            let location = "Place \(pick(20_000))"
            let lat = 38 + Double(pick(600_000)) / 100_000, lon = 43 + Double(pick(600_000)) / 100_000
            let fatalities = pick(10) < 7 ? 0 : pick(25)
            let noteWords = (0..<(8 + pick(23))).map { _ in words[pick(words.count)] }
            var note = noteWords.joined(separator: " ")
            if pick(50) == 0 { note += ", \"border clash\" said locals" }
            let id = "CAU\(r + 1)"
            let date = String(format: "%04d-%02d-%02d", year, month, day)
            let actor2 = pick(3) == 0 ? "" : zipf()
            if json {
                let escaped = note.replacingOccurrences(of: "\"", with: "\\\"")
                buffer += #"{"event_id_cnty":"\#(id)","event_date":"\#(date)","year":\#(year),"event_type":"\#(type)","sub_event_type":"\#(sub)","actor1":"\#(zipf())","actor2":\#(actor2.isEmpty ? "null" : "\"\(actor2)\""),"country":"\#(country)","location":"\#(location)","latitude":\#(String(format: "%.5f", lat)),"longitude":\#(String(format: "%.5f", lon)),"fatalities":\#(fatalities),"notes":"\#(escaped)"}"# + "\n"
            } else {
                let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                buffer += "\(id),\(date),\(year),\(type),\(sub),\(zipf()),\(actor2),\(country),\(location),\(String(format: "%.5f", lat)),\(String(format: "%.5f", lon)),\(fatalities),\(quoted)\n"
            }
            if buffer.utf8.count > 1 << 20 { flush() }
        }
        flush()
    }
}
