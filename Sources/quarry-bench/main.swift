import EQLConformance
import Foundation
import Quarry
import QuarryCorpus

// Benchmarks that print figures. Run in release:
//   swift run -c release quarry-bench corpus [--runs N]
//   swift run -c release quarry-bench coding [--articles N] [--runs N]

/// Loads the embedded seed corpus `runs` times and prints the fastest and the median load.
func benchmarkCorpusLoad(runs: Int) throws {
    var timings: [Duration] = []
    var corpus = Corpus()
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let start = clock.now
        corpus = try Corpus.seeds
        timings.append(clock.now - start)
    }
    timings.sort()
    let ms = { (d: Duration) in String(format: "%.2f ms", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000) }
    print("seed corpus: \(corpus.documents.count) documents, \(corpus.paragraphs.count) paragraphs, "
        + "\(corpus.sentences.count) sentences, \(corpus.mentions.count) mentions, \(corpus.events.count) events, "
        + "\(corpus.quotes.count) quotes")
    print("load (\(runs) runs): fastest \(ms(timings[0])), median \(ms(timings[timings.count / 2])), slowest \(ms(timings[timings.count - 1]))")
}

var arguments = Array(CommandLine.arguments.dropFirst())
let runs = arguments.firstIndex(of: "--runs").flatMap { i in i + 1 < arguments.count ? Int(arguments[i + 1]) : nil } ?? 20
switch arguments.first {
case "eql":
    // The EQL 1.0.1 suites (scripts/fetch-eql-suite), timed in this build.
    let folder = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : ".build/eql-suite")
    do {
        let report = try EQLSuiteRunner(folder: folder).runAll()
        print(report.summary)
        if !report.failures.isEmpty { exit(1) }
    } catch {
        FileHandle.standardError.write(Data("quarry-bench: \(error)\n".utf8))
        exit(1)
    }
case "compare":
    // Quarry beside SQLite and DuckDB on synthetic events, and on PostgreSQL beside hand-written
    // SQL when given a server: quarry-bench compare [--sizes 10000,100000] [--runs N] [--db URL]
    let sizes = arguments.firstIndex(of: "--sizes").flatMap { i in i + 1 < arguments.count ? arguments[i + 1] : nil }
        .map { $0.split(separator: ",").compactMap { Int($0) } } ?? [10_000, 100_000, 1_000_000]
    do {
        let postgres = arguments.firstIndex(of: "--db").flatMap { i in i + 1 < arguments.count ? arguments[i + 1] : nil }
        try Comparison.run(sizes: sizes, runs: max(1, arguments.contains("--runs") ? runs : 5), postgres: postgres)
    } catch {
        FileHandle.standardError.write(Data("quarry-bench: \(error)\n".utf8))
        exit(1)
    }
case "profile":
    // One query on synthetic events, run many times, for a profiler: quarry-bench profile ROWS RUNS QUERY
    guard arguments.count == 4, let rows = Int(arguments[1]), let times = Int(arguments[2]) else {
        FileHandle.standardError.write(Data("usage: quarry-bench profile ROWS RUNS QUERY\n".utf8))
        exit(2)
    }
    do {
        let program = try Engine(collections: [SyntheticEvents(count: rows).table]).compile(arguments[3])
        let ms = try Comparison.median(times) { _ = try program.run() }
        print(String(format: "%.2f ms median over %d runs", ms, times))
    } catch {
        FileHandle.standardError.write(Data("quarry-bench: \(error)\n".utf8))
        exit(1)
    }
case "coding":
    // Automatic coding of a folder of synthetic articles: quarry-bench coding [--articles N] [--runs N]
    let count = arguments.firstIndex(of: "--articles").flatMap { i in i + 1 < arguments.count ? Int(arguments[i + 1]) : nil } ?? 1000
    do { try CodingBenchmark.run(articles: max(1, count), runs: max(1, arguments.contains("--runs") ? runs : 3)) } catch {
        FileHandle.standardError.write(Data("quarry-bench: \(error)\n".utf8))
        exit(1)
    }
case "ingest":
    // A user's export loaded beside DuckDB and sqlite3: quarry-bench ingest [--rows N] [--json-rows N] [--runs N]
    func number(_ flag: String, _ fallback: Int) -> Int {
        arguments.firstIndex(of: flag).flatMap { i in i + 1 < arguments.count ? Int(arguments[i + 1]) : nil } ?? fallback
    }
    let rows = number("--rows", 1_000_000)
    do { try IngestBenchmark.run(rows: rows, jsonRows: number("--json-rows", max(1, rows / 5)), runs: max(1, arguments.contains("--runs") ? runs : 3)) } catch {
        FileHandle.standardError.write(Data("quarry-bench: \(error)\n".utf8))
        exit(1)
    }
case "postgres-stages":
    // Where the time of one query over a database goes: quarry-bench postgres-stages URL QUERY [--runs N]
    guard arguments.count > 2 else { FileHandle.standardError.write(Data("usage: quarry-bench postgres-stages URL QUERY [--runs N]\n".utf8)); exit(2) }
    do { try PostgresComparison.stages(url: arguments[1], query: arguments[2], runs: max(1, runs)) } catch {
        FileHandle.standardError.write(Data("quarry-bench: \(error)\n".utf8))
        exit(1)
    }
case "corpus", nil:
    do { try benchmarkCorpusLoad(runs: max(1, runs)) } catch {
        FileHandle.standardError.write(Data("quarry-bench: \(error)\n".utf8))
        exit(1)
    }
default:
    FileHandle.standardError.write(Data("usage: quarry-bench corpus [--runs N] | coding [--articles N] [--runs N] | ingest [--rows N] [--json-rows N] [--runs N] | eql [SUITE_DIR] | compare [--sizes N,N] [--runs N] [--db URL] | profile ROWS RUNS QUERY\n".utf8))
    exit(2)
}
