import Foundation
import QuarryTestSupport
import Testing

/// The `quarry` binary run as a program would be run from a script: arguments, standard input,
/// standard output and error, exit status. Terminal behaviour is tested through a pty by
/// Tests/terminal/test_repl.py.
@Suite("The quarry command line")
struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appending(path: "quarry")
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func fixture(_ name: String) -> String { fixtures.appending(path: name).path }

    func quarry(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("-e runs one query and prints a table")
    func oneQuery() throws {
        let r = try quarry(["-e", "events where actor = \"Iran\" | count"])
        #expect(r.status == 0)
        #expect(r.stdout == "key     count\n──────  ─────\ntotals      5\n(1 row)\n")
        #expect(r.stderr.isEmpty)
    }

    @Test("--format json prints an array of objects with ISO dates")
    func json() throws {
        let r = try quarry(["--format", "json", "-e", "events where id in (\"000-08\", \"002-02\") | select id, date, fatalities"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        [
          {"id": "000-08", "date": "2021-05-12", "fatalities": null},
          {"id": "002-02", "date": "2020-11", "fatalities": null}
        ]

        """)
    }

    @Test("--format csv and markdown")
    func csvAndMarkdown() throws {
        let csv = try quarry(["--format", "csv", "-e", "comments | select author, time | head 2"])
        #expect(csv.stdout == "author,time\nMurat,22:43\nSlack,03:14\n")
        let markdown = try quarry(["--format", "markdown", "-e", "comments | select author | head 1"])
        #expect(markdown.stdout == "| author |\n| --- |\n| Murat |\n\n")
    }

    @Test("A script file runs its statements in order, sharing bindings")
    func script() throws {
        let r = try quarry(["--format", "csv", Self.fixture("timeline.qry")])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("key,count\ntotals,31\n\nid,date\n001-08,2020\n002-01,2020\n"))
    }

    @Test("Functions defined by one -e or file are known to the next (issue 13, defect 1)")
    func functionsAcrossInputs() throws {
        let r = try quarry(["--no-corpus", "--format", "csv", "-e", "let g(a) = a * 2", "-e", "g(21)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "value\n42\n")
    }

    @Test("Standard input that is not a terminal is a script: no prompt, no banner")
    func stdinScript() throws {
        let r = try quarry(["--format", "csv"], stdin: "let n = 2\nevents | head n | select id\n")
        #expect(r.status == 0)
        #expect(r.stdout == "id\n000-01\n000-02\n")
    }

    @Test("--param binds $name, typed the way --load types fields")
    func parameters() throws {
        let r = try quarry(["--format", "csv", "--param", "who=Iran", "--param", "since=2023-01-01", "--param", "n=2",
                            "-e", "events where actor = $who and date >= $since | head $n | select id, s = typeof($since), n = typeof($n)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "id,s,n\n001-16,date,int\n003-16,date,int\n")
        let ok = try quarry(["--format", "csv", "--param", "who=Iran", "--param", "since=2023-01-01",
                             "-e", "events where actor = $who and date >= $since | select id, kind = typeof($since)"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "id,kind\n001-16,date\n003-16,date\n")
    }

    @Test("--param @… is a date; a bad name, a repeated name or a non-date is refused; x= is the empty string (issue 13, defect 6)")
    func parameterForms() throws {
        let r = try quarry(["--format", "csv", "--param", "d=@2021-05", "--param", "empty=",
                            "-e", "events where date == $d | count", "-e", "concat(typeof($d), \" \", typeof($empty), \" \", length($empty))"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("value\ndate string 0\n"))
        #expect(!r.stdout.hasPrefix("key,count\ntotals,0\n"), "the month matches May 2021's events")
        let notDate = try quarry(["--param", "d=@garbage", "-e", "1"])
        #expect(notDate.status == 2 && notDate.stderr.contains("'@garbage' is not a date"))
        let badName = try quarry(["--param", "bad-name=1", "-e", "1"])
        #expect(badName.status == 2 && badName.stderr.contains("'bad-name' is not a name"))
        let twice = try quarry(["--param", "n=1", "--param", "n=2", "-e", "$n"])
        #expect(twice.status == 2 && twice.stderr.contains("--param n is given twice"))
        let loadTwice = try quarry(["--no-corpus", "--load", "t=\(Self.fixture("incidents.json"))", "--load", "t=\(Self.fixture("incidents.json"))", "-e", "1"])
        #expect(loadTwice.status == 2 && loadTwice.stderr.contains("--load t is given twice"))
    }

    @Test("Several results stay parseable: CSV tables apart, JSON one array per line (issue 13, defect 9)")
    func severalResults() throws {
        let one = try quarry(["--no-corpus", "--format", "json", "-e", "[1, 2]"])
        #expect(one.stdout == "[1, 2]\n")
        let table = try quarry(["--format", "json", "-e", "events | head 2 | select id"])
        #expect(table.stdout == "[\n  {\"id\": \"000-01\"},\n  {\"id\": \"000-02\"}\n]\n", "one result: one array, as before")
        let several = try quarry(["--format", "json", "-e", "events | head 2 | select id", "-e", "events | head 1 | select id, year"])
        #expect(several.stdout == "[{\"id\": \"000-01\"}, {\"id\": \"000-02\"}]\n[{\"id\": \"000-01\", \"year\": 2021}]\n")
        for line in several.stdout.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "each line is JSON")
        }
    }

    @Test("Meta commands run in scripts where they stand; --timer prints one line per statement on standard error (issue 13, smaller)")
    func metaCommandsInScripts() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "quarry-meta-\(UUID().uuidString).qry").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "events | head 1 | select id\n.mode csv\n.timer on\nlet n = 2\nevents | head n | select id\n  .5 + 1\n.quit\n\"never\"\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = try quarry([file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\nid\n000-01\n000-02\n\nvalue\n1.5\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("never"), ".quit ends the script")
        let timings = r.stderr.split(separator: "\n")
        #expect(timings.count == 3, "one line for each statement after .timer on")
        #expect(timings.allSatisfy { $0.wholeMatch(of: /Run time: [0-9]+\.[0-9]{3} ms/) != nil }, "\(r.stderr)")
        let flag = try quarry(["--no-corpus", "--timer", "-e", "1", "-e", "let x = 2"])
        #expect(flag.stdout == "1\n" && flag.stderr.split(separator: "\n").count == 2)
        try "1\n.frobnicate\n2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let unknown = try quarry(["--no-corpus", file])
        #expect(unknown.status == 1 && !unknown.stdout.contains("2") && unknown.stderr.contains("unknown command .frobnicate."))
    }

    @Test("--format line separates records with an empty line (issue 13, smaller)")
    func lineMode() throws {
        let r = try quarry(["--format", "line", "-e", "events | head 2 | select id, type"])
        #expect(r.stdout == "  id = 000-01\ntype = support\n\n  id = 000-02\ntype = request\n")
    }

    @Test("Files and -e run in the order the command line gives them")
    func inputOrder() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "quarry-order-\(UUID().uuidString).qry").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "\"file\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try quarry(["--no-corpus", "--format", "csv", "-e", "\"first\"", file, "-e", "\"last\""])
        #expect(r.stdout == "value\nfirst\n\nvalue\nfile\n\nvalue\nlast\n")
    }

    @Test("A script from a pipe or '-' runs; one that is not UTF-8 names the line and column (issue 13, defect 19)")
    func scriptSources() throws {
        let dash = try quarry(["--no-corpus", "--format", "csv", "-"], stdin: "1 + 1\n")
        #expect(dash.stdout == "value\n2\n")
        let devStdin = try quarry(["--no-corpus", "--format", "csv", "/dev/stdin"], stdin: "2 + 2\n")
        #expect(devStdin.stdout == "value\n4\n")
        let file = FileManager.default.temporaryDirectory.appending(path: "quarry-latin1-\(UUID().uuidString).qry")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("1\n\"caf".utf8 + [0xE9] + Data("\"\n".utf8)).write(to: file)
        let bad = try quarry(["--no-corpus", file.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(file.path):2:5: not UTF-8 text (byte 0xE9)"), "\(bad.stderr)")
        let missing = try quarry(["/no/such/file.qry"])
        #expect(missing.stderr.contains("/no/such/file.qry: no such file"))
    }

    @Test("A compile error: nothing runs, every problem on standard error with file:line:col, exit 1")
    func compileError() throws {
        let path = Self.fixture("does-not-compile.qry")
        let r = try quarry([path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty, "a script that does not compile runs nothing")
        #expect(r.stderr.contains("\(path):2:14: error: unknown field 'actr' in events"))
        #expect(r.stderr.contains("\(path):3:9: error: unknown function 'lenght'"))
        #expect(r.stderr.contains("   |              ^~~~"))
    }

    @Test("A runtime error stops the script at that statement, exit 1")
    func runtimeError() throws {
        let path = Self.fixture("fails-midway.qry")
        let r = try quarry(["--format", "csv", path])
        #expect(r.status == 1)
        #expect(r.stdout == "key,count\ntotals,107\n", "the first statement ran, the last did not")
        #expect(r.stderr.hasPrefix("\(path):2:12: error: capture(): the pattern has 1 group(s)"))
    }

    @Test("Limits on the command line: each its own error, earlier results printed, exit 1 (issue 13, defects 3, 4)")
    func limits() throws {
        let dbl = "let dbl(s, n) = if(n == 0, s, dbl(concat(s, s), n - 1))"
        let size = try quarry(["--no-corpus", "--format", "csv", "-e", dbl, "-e", "\"before\"", "-e", "length(dbl(\"a\", 40))"])
        #expect(size.status == 1)
        #expect(size.stdout == "value\nbefore\n")
        #expect(size.stderr.contains("<query 3>:1:8: error: a string of 134217728 bytes is more than the size limit of 67108864"))
        let small = try quarry(["--no-corpus", "--max-size", "1KB", "-e", dbl, "-e", "length(dbl(\"a\", 12))"])
        #expect(small.stderr.contains("more than the size limit of 1000"))
        let fib = "let fib(n) = if(n < 2, n, fib(n - 1) + fib(n - 2))"
        let time = try quarry(["--no-corpus", "--timeout", "200ms", "-e", fib, "-e", "fib(45)"])
        #expect(time.status == 1 && time.stderr.contains("error: the run took longer than its time limit"))
        let steps = try quarry(["--no-corpus", "--max-steps", "1000", "-e", fib, "-e", "fib(45)"])
        #expect(steps.status == 1 && steps.stderr.contains("error: the run took more than 1000 steps"))
        let rows = try quarry(["--max-rows", "3", "-e", "events"])
        #expect(rows.status == 1 && rows.stderr.contains("error: a result of 107 rows is more than the limit of 3"))
        #expect(try quarry(["--timeout", "soon", "-e", "1"]).status == 2)
    }

    @Test("Runaway recursion is reported at the statement that started it (issue 13, defect 27)")
    func recursionPlace() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "quarry-rec-\(UUID().uuidString).qry").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "let rec(n) = rec(n + 1)\nrec(1)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try quarry(["--no-corpus", file])
        #expect(r.stderr.hasPrefix("\(file):2:1: error: calls nest more than 200 deep"))
    }

    @Test("A query that begins with a minus sign is the query, not an option")
    func negativeQuery() throws {
        let r = try quarry(["--no-corpus", "-e", "-7 / 2", "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stdout == "value\n-4\n")
    }

    @Test("Usage errors exit 2")
    func usage() throws {
        #expect(try quarry(["--bogus"]).status == 2)
        #expect(try quarry(["--format", "yaml", "-e", "1"]).status == 2)
        #expect(try quarry(["--param", "novalue", "-e", "1"]).status == 2)
        #expect(try quarry(["/no/such/file.qry"]).status == 2)
    }

    @Test("A --schema that does not parse is a usage error that names the flag (the library's error names no flag)")
    func badSchema() throws {
        let r = try quarry(["--no-corpus", "--load", "x=" + Self.fixture("incidents.csv"), "--schema", "a", "-e", "1"])
        #expect(r.status == 2)
        #expect(r.stderr == "quarry: --schema: 'a' is not NAME:TYPE\n")
    }

    @Test("--help and --version")
    func helpAndVersion() throws {
        let help = try quarry(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
        let version = try quarry(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
    }

    @Test("check parses and checks without running")
    func check() throws {
        let good = try quarry(["check", Self.fixture("timeline.qry")])
        #expect(good.status == 0)
        #expect(good.stdout.hasSuffix("timeline.qry: ok\n"))
        let bad = try quarry(["check", Self.fixture("timeline.qry"), Self.fixture("does-not-compile.qry")])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("does-not-compile.qry:2:14: error: unknown field 'actr' in events"))
    }

    @Test("--load a JSON array: fields typed from their values")
    func loadJSON() throws {
        let r = try quarry(["--no-corpus", "--load", "acled=\(Self.fixture("incidents.json"))", "--format", "csv",
                            "-e", "acled where event_date >= @2021-05-20 | select id, typeof(event_date), fatalities, confirmed, notes"])
        #expect(r.status == 0, "\(r.stderr)")
        // A column of whole numbers with one fraction is a column of floats.
        #expect(r.stdout == "id,typeof_event_date,fatalities,confirmed,notes\n2,date,1.0,true,Shooting at the border\n3,date,0.0,false,\n4,date,200.5,true,Offensive\n")
    }

    @Test("--load JSON Lines beside the corpus; timestamps keep their time of day")
    func loadJSONLines() throws {
        let r = try quarry(["--load", "gdelt=\(Self.fixture("incidents.jsonl"))", "--format", "csv",
                            "-e", "gdelt where actor = \"AZE\" | select id, when, score", "-e", "events | count"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "id,when,score\n1,2021-05-12T04:10:00Z,-7.0\n2,2021-05-25T10:00:00Z,-10.0\n\nkey,count\ntotals,107\n")
    }

    @Test("--load CSV with quoted fields and empty values")
    func loadCSV() throws {
        let r = try quarry(["--no-corpus", "--load", "acled=\(Self.fixture("incidents.csv"))", "--format", "json",
                            "-e", "acled | select id, event_date, fatalities, notes"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#"{"id": 1, "event_date": "2021-05-12", "fatalities": 0, "notes": "Incursion, near Sev Lich"}"#))
        #expect(r.stdout.contains(#""notes": "Shooting \"at\" the border""#))
        #expect(r.stdout.contains(#"{"id": 3, "event_date": "2021-05-27", "fatalities": null, "notes": null}"#))
    }

    @Test("A malformed file is an error naming the file, the line and the reason", arguments: [
        ("broken.jsonl", ":2: malformed JSON"),
        ("broken.csv", ":3: a quoted field is never closed"),
        ("short-row.csv", ":3: 2 fields where the header has 3"),
    ])
    func malformed(_ file: String, _ expected: String) throws {
        let path = Self.fixture(file)
        let r = try quarry(["--load", "data=\(path)", "-e", "data | count"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("quarry: \(path)\(expected)"), "\(r.stderr)")
    }

    @Test("--corpus queries another folder; a missing one is an error")
    func corpusFolder() throws {
        let seeds = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        _ = seeds
        let missing = try quarry(["--corpus", "/no/such/corpus", "-e", "events | count"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/no/such/corpus: no such folder"))
    }
}

/// examples/*.qry answer analyst questions about the seeds; each must print its expected output.
@Suite("quarry explain")
struct ExplainCommandTests {
    @Test("quarry explain prints the plan docs/language.md shows, and runs nothing")
    func explainsTheDocumentedQuery() throws {
        let doc = try String(contentsOf: repositoryRoot.appending(path: "docs/language.md"), encoding: .utf8)
        let block = fencedBlocks(in: doc, language: "text").first { $0.hasPrefix("$ quarry explain") }
        let lines = try #require(block).components(separatedBy: "\n")
        let result = try CommandLineTests().quarry(["explain", #"events where actor = "Azerbaijan" and year >= 2020 | count"#])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .newlines) == lines.dropFirst().joined(separator: "\n").trimmingCharacters(in: .newlines))
    }

    @Test("A query that does not compile is an error, exit status 1")
    func compileError() throws {
        let result = try CommandLineTests().quarry(["explain", "events where actr = 1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown field 'actr'"))
        #expect(result.stdout.isEmpty)
    }
}

@Suite("quarry sql")
struct SQLCommandTests {
    @Test("quarry sql prints the SQL with its values bound, for either dialect")
    func printsSQL() throws {
        let result = try CommandLineTests().quarry(["sql", "--param", "who=Azerbaijan", "events where actor = $who and year >= 2020 | count"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"lower(q2."actor") = lower($1::text)"#))
        #expect(result.stdout.contains("-- parameter 1: \"Azerbaijan\"\n-- parameter 2: 2020"))
        #expect(!result.stdout.contains("'Azerbaijan'"))
        let spark = try CommandLineTests().quarry(["sql", "--dialect", "spark", "events where year >= 2020 | count"])
        #expect(spark.status == 0)
        #expect(spark.stdout.contains("CAST(:p1 AS BIGINT)"))
    }

    @Test("A query that does not render exits 1 naming the construct and its place; a bad dialect exits 2")
    func refuses() throws {
        let result = try CommandLineTests().quarry(["sql", "events | summarize n = count() by actor | bars"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: bars does not render in SQL"))
        #expect(result.stdout.isEmpty)
        #expect(try CommandLineTests().quarry(["sql", "--dialect", "oracle", "events | count"]).status == 2)
    }
}

/// The seed corpus saved into PostgreSQL with `quarry save --corpus`, then queried with `--db`.
@Suite("quarry on a PostgreSQL database", .enabled(if: ProcessInfo.processInfo.environment["QUARRY_TEST_POSTGRES_URL"] != nil
                                                    || ProcessInfo.processInfo.environment["QUARRY_POSTGRES_REQUIRED"] == "1",
                                                    "QUARRY_TEST_POSTGRES_URL is not set: scripts/test starts a server"))
struct DatabaseCommandTests {
    @Test("save --corpus writes the corpus with COPY; --db answers the corpus queries from the server as in memory")
    func corpusOnTheServer() throws {
        let url = try #require(ProcessInfo.processInfo.environment["QUARRY_TEST_POSTGRES_URL"])
        let cli = CommandLineTests()
        let saved = try cli.quarry(["save", "--corpus", url])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stderr.contains("saved 107 rows of events"))
        for query in [#"events where actor = "Azerbaijan" and year >= 2020 | count"#,
                      #"events where actor = "Azerbaijan" and year >= 2020 | sort date desc, id | head 5 | select id, date, summary"#,
                      "events | summarize n = count() by type | sort n desc, type",
                      // A group of dates, the earliest date of each group.
                      #"events where actor == "Azer*" | summarize n = count(), first = min(date) by date | sort n desc, date | head 5"#,
                      #"quotes | select speaker, text | head 3"#] {
            let onServer = try cli.quarry(["--db", url, "--format", "csv", "-e", query])
            let inMemory = try cli.quarry(["--format", "csv", "-e", query])
            #expect(onServer.status == 0, "\(onServer.stderr)")
            #expect(onServer.stdout == inMemory.stdout, "\(query)")
            // One line names every collection a table replaced.
            #expect(onServer.stderr.contains("events, mentions") && onServer.stderr.contains("are the database's tables, not the corpus collections"))
            #expect(onServer.stderr.split(separator: "\n").filter { $0.hasPrefix("note:") }.count == 1)
        }
        let explained = try cli.quarry(["explain", "--db", url, #"events where year >= 2020 | count"#])
        #expect(explained.stdout.contains("all on PostgreSQL"), "\(explained.stdout)")
        // A query that does not render says why it runs in memory.
        let drawn = try cli.quarry(["explain", "--db", url, "events | summarize n = count() by type | bars"])
        #expect(drawn.stdout.contains("in memory over the tables' scans: bars does not render in SQL"), "\(drawn.stdout)")
    }

    @Test("A server that is not there exits 1 with a sentence, not a hang or a crash")
    func noServer() throws {
        let result = try CommandLineTests().quarry(["--db", "postgresql://nobody@127.0.0.1:1/none", "-e", "events | count"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot connect to nobody@127.0.0.1:1/none"))
    }
}

@Suite("The example scripts")
struct ExampleScriptTests {
    static let folder = repositoryRoot.appending(path: "examples")
    static let scripts: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".qry") }.sorted()

    @Test("There are at least ten example scripts")
    func enough() { #expect(Self.scripts.count >= 10) }

    /// Each example runs three ways (kernels, rows only, every column encoded); each must print
    /// the expected output.
    @Test("Each example prints its expected output", arguments: scripts)
    func example(_ script: String) throws {
        let path = Self.folder.appending(path: script).path
        let expected = try String(contentsOfFile: path.replacingOccurrences(of: ".qry", with: ".expected.md"), encoding: .utf8)
        for mode in ["standard", "rows", "encoded"] {
            let result = try CommandLineTests().quarry(["--format", "markdown", "--execution", mode, path])
            #expect(result.status == 0, "[\(mode)] \(result.stderr)")
            #expect(result.stdout == expected, "[\(mode)] \(script)")
        }
    }
}

/// The getting-started article promises that its code compiles: every Swift block stands
/// verbatim in examples/embedding/main.swift, which the build compiles and scripts/test runs.
@Suite("The getting-started article")
struct GettingStartedTests {
    @Test("Every Swift block of the article is in the example package (its Package.swift or its program)")
    func blocksCompile() throws {
        let article = try String(contentsOf: repositoryRoot.appending(path: "Sources/Quarry/Quarry.docc/GettingStarted.md"), encoding: .utf8)
        let program = try String(contentsOf: repositoryRoot.appending(path: "examples/embedding/Sources/AlertsMonitor/main.swift"), encoding: .utf8)
        let manifest = try String(contentsOf: repositoryRoot.appending(path: "examples/embedding/Package.swift"), encoding: .utf8)
        let blocks = fencedBlocks(in: article, language: "swift")
        #expect(blocks.count >= 10)
        for block in blocks {
            #expect(program.contains(block) || manifest.contains(block), "not in the example package:\n\(block)")
        }
    }
}

@Suite("quarry --events")
struct EventStreamCommandLineTests {
    let events = CommandLineTests.fixture("events.jsonl")

    @Test("Type values act as collections; a sequence is one row of its events and keys in every format (issue 13, defect 10)")
    func sequences() throws {
        let query = "sequence by unique_pid [process where true] [file where true]"
        let r = try CommandLineTests().quarry(["--no-corpus", "--events", events, "--format", "json", "-e", query])
        #expect(r.status == 0, "\(r.stderr)")
        let matches = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(matches.map { ($0["events"] as! [[String: Any]]).map { $0["serial_event_id"] as! Int } } == [[1, 2], [3, 4]])
        #expect(matches.map { $0["keys"] as! [Int] } == [[10], [11]])
        let csv = try CommandLineTests().quarry(["--no-corpus", "--events", events, "--format", "csv", "-e", query + " | head 1"])
        #expect(csv.stdout.hasPrefix("events,keys\n\"[{event_type: \"\"process\"\", pid: 10, process_name: \"\"cmd.exe\"\", serial_event_id: 1,"), "events print as data, not placeholders")
        #expect(csv.stdout.hasSuffix("\",[10]\n"))
    }

    @Test("maxspan is measured on the stream's timestamps (FILETIME ticks)")
    func maxspan() throws {
        let r = try CommandLineTests().quarry(["--no-corpus", "--events", events, "--format", "csv", "-e",
                                               "sequence by unique_pid with maxspan=10s [process where true] [file where true] | select keys"])
        #expect(r.stdout == "keys\n[10]\n", "the second pair is 78 s apart")
    }

    @Test("Lineage: descendant of, and any for the whole stream")
    func lineage() throws {
        let r = try CommandLineTests().quarry(["--no-corpus", "--events", events, "--format", "csv", "-e",
                                               "any where descendant of [process where process_name == \"cmd.exe\"] | select serial_event_id"])
        #expect(r.stdout == "serial_event_id\n3\n4\n")
    }
}
