import Foundation
import Quarry
import Synchronization
import QuarryTestSupport
import Testing

/// The library as a host uses it: compile once, run many times, host data and functions, limits
/// and cancellation, and no shared state between engines.
@Suite("Embedding Quarry")
struct EmbeddingTests {
    struct Incident: Codable {
        var id: Int
        var date: String
        var actor: String
        var deaths: Int?
        var tags: [String]
    }

    static let incidents = [
        Incident(id: 1, date: "2021-05-12", actor: "AZE", deaths: 0, tags: ["border"]),
        Incident(id: 2, date: "2021-05-25", actor: "AZE", deaths: 1, tags: ["border", "shooting"]),
        Incident(id: 3, date: "2023-09", actor: "ARM", deaths: nil, tags: []),
    ]

    @Test("Compile errors come back as values, every one with its place")
    func compileErrors() {
        do {
            _ = try Fixtures.engine.compile("trips where travler = 1\ncities | select naem", name: "check.qry")
            Issue.record("the script compiled")
        } catch {
            #expect(error.diagnostics.map(\.kind) == [.unknownField, .unknownField])
            #expect(error.diagnostics.map(\.hint) == ["did you mean 'traveler'?", "did you mean 'name'?"])
            #expect(error.source.location(of: error.diagnostics[1].span.start) == (2, 17))
            #expect(error.description.hasPrefix("check.qry:1:13: error: unknown field 'travler' in trips"))
        }
    }

    @Test("One program, run with different parameters")
    func parameters() throws {
        let program = try Fixtures.engine.compile("trips where traveler = $who | count")
        let ana = try program.run(parameters: ["who": "Ana"])
        let ben = try program.run(parameters: ["who": "ben"])
        #expect(ana.table?.rows == [["totals", 2]])
        #expect(ben.table?.rows == [["totals", 2]])
        #expect(throws: RuntimeError.self) { try program.run() }
    }

    @Test("Parameters are checked against their use before anything runs: type, missing, misspelt (issue 15, item 8)")
    func inferredParameterTypes() throws {
        let program = try Fixtures.engine.compile("trips where traveler = $who and days > $min | count")
        #expect(try program.run(parameters: ["who": "Ana", "min": 1]).table?.rows == [["totals", 2]])
        do {
            _ = try program.run(parameters: ["who": 5, "min": 1])
            Issue.record("a number was taken for a traveler")
        } catch {
            #expect(error.kind == .parameter)
            #expect(error.diagnostic.message == "parameter '$who' is used as a string, but its value is an int: 5")
        }
        do {
            _ = try program.run(parameters: ["whom": "Ana", "min": 1])
            Issue.record("a misspelt parameter went unnoticed")
        } catch {
            #expect(error.diagnostic.message == "no value for parameter '$who'")
            #expect(error.diagnostic.hint == "a value was given for 'whom': is that meant to be 'who'?")
        }
    }

    @Test("Declared parameter types are checked when the program compiles")
    func declaredParameters() {
        var engine = Fixtures.engine
        engine.parameterTypes = ["who": .string]
        #expect(throws: CompileError.self) { try engine.compile("trips where traveler = $whom") }
        #expect(throws: CompileError.self) { try engine.compile("trips where days > $who") }
        #expect((try? engine.compile("trips where traveler = $who")) != nil)
    }

    @Test("A collection from an array of Codable values, typed from the type (text that holds dates still compares as dates)")
    func codableRows() throws {
        let engine = try Engine().adding("incidents", rows: Self.incidents, key: "id")
        let table = try #require(engine.catalog["incidents"])
        #expect(table.schema.field("date")?.type == .string, "declared a String")
        #expect(table.schema.field("deaths")?.type == .int)
        let result = try engine.run("incidents where date == @2021-05 and \"border\" in tags | select id, deaths")
        #expect(result.table?.rows == [[1, 0], [2, 1]])
    }

    @Test("Results decode into the host's own types")
    func decoding() throws {
        struct Row: Decodable, Equatable {
            var id: Int
            var actor: String
            var date: QuarryDate
            var day: Date
            var deaths: Int?
        }
        let engine = try Engine().adding("incidents", rows: Self.incidents)
        let rows = try engine.run("incidents | select id, actor, date, day = date, deaths").table!
            .decode(Row.self, dateDecoding: .intervalStart)
        #expect(rows.map(\.id) == [1, 2, 3])
        #expect(rows[2].date == .month(2023, 9))
        #expect(rows[0].day == Date(timeIntervalSince1970: Double(CivilCalendar.dayNumber(year: 2021, month: 5, day: 12)) * 86_400))
        #expect(rows[2].deaths == nil)
        // By default a month is not one instant: decoding it into a Date is an error (issue 15, item 9).
        let result = try engine.run("incidents | select id, actor, date, day = date, deaths").table!
        #expect(throws: DecodingError.self) { try result.decode(Row.self) }
        let days = try engine.run("incidents where id < 3 | select id, actor, date, day = date, deaths").table!.decode(Row.self)
        #expect(days.count == 2)
    }

    /// A host collection that records what it was asked.
    final class Recorder: QuarryCollection, @unchecked Sendable {
        let name = "alerts"
        let schema = Schema([Field("id", .int), Field("level", .string), Field("actor", .string)])
        let requests = Mutex<[ScanRequest]>([])
        func scan(_ request: ScanRequest) throws -> [[Value]] {
            requests.withLock { $0.append(request) }
            if request.equalities["level"] == "explode" { throw ScanError("the alert store is offline") }
            return [[1, "high", "AZE"], [2, "low", "ARM"], [3, "high", "ARM"]]
        }
    }

    @Test("A host collection is scanned when a query runs, and hears the conditions it can use")
    func hostCollection() throws {
        let recorder = Recorder()
        let engine = Engine().adding(recorder)
        let result = try engine.run("alerts where level = \"high\" and id > 1 | select id, actor")
        #expect(result.table?.rows == [[3, "ARM"]])
        #expect(recorder.requests.withLock { $0.last?.equalities } == ["level": "high"])
        #expect(try engine.run("alerts | count").table?.rows == [["totals", 3]])
        do {
            _ = try engine.run("alerts where level = \"explode\"")
            Issue.record("the host's error was lost")
        } catch {
            #expect(error.stage == .run)
            #expect(error.diagnostic.message == "collection alerts: the alert store is offline")
        }
    }

    /// Countries served by the host, keyed by code; scans are counted.
    final class Countries: QuarryCollection, @unchecked Sendable {
        let name = "countries"
        let schema = Schema([Field("code", .string), Field("capital", .string)])
        var key: String? { "code" }
        let scans = Mutex(0)
        func scan(_ request: ScanRequest) throws -> [[Value]] {
            scans.withLock { $0 += 1 }
            return [["AZE", "Baku"], ["ARM", "Yerevan"]]
        }
    }

    @Test("A reference into a host collection is followed: the collection is scanned once per run and looked up by its key")
    func referenceIntoAHostCollection() throws {
        let countries = Countries()
        let alerts = Table(name: "alerts", schema: Schema([Field("id", .int), Field("actor", .reference("countries"))]),
                           rows: [[1, "AZE"], [2, "ARM"], [3, "GEO"], [4, .null]], key: "id")
        let engine = Engine(collections: [alerts]).adding(countries)
        let result = try engine.run("alerts | select id, capital = actor.capital")
        // A key no row has (GEO) and a null lead nowhere: null, as for a table in memory.
        #expect(result.table?.rows == [[1, "Baku"], [2, "Yerevan"], [3, .null], [4, .null]])
        #expect(countries.scans.withLock { $0 } == 1)
        #expect(try engine.run(#"alerts where actor.capital = "yerevan" | select id"#).table?.rows == [[2]])
    }

    @Test("A host function with a typed signature; a pure one folds when the program compiles")
    func hostFunction() throws {
        let calls = Mutex(0)
        let severity = QuarryFunction("severity", parameters: [.string, .int], returns: .int) { args in
            calls.withLock { $0 += 1 }
            guard case .string(let traveler) = args[0], case .int(let days) = args[1] else { return .null }
            return .int(traveler.count * days)
        }
        let engine = Fixtures.engine.adding(severity)
        let result = try engine.run("trips where id <= 2 | select id, s = severity(traveler, days)")
        #expect(result.table?.rows == [[1, 9], [2, 15]])
        calls.withLock { $0 = 0 }
        let folded = try engine.compile("severity(\"abc\", 2)")
        #expect(calls.withLock { $0 } == 1, "folded once when compiled")
        _ = try folded.run()
        _ = try folded.run()
        #expect(calls.withLock { $0 } == 1, "not called again when run")
        do {
            _ = try engine.compile("severity(1, \"x\")")
            Issue.record("literals of the wrong type compiled")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["severity() takes a string as argument 1, not an int",
                                                         "severity() takes an int as argument 2, not a string"])
        }
        #expect(throws: CompileError.self) { try engine.compile("severity(\"a\")") }
    }

    @Test("A host function's error stops the run with its message at the call")
    func hostFunctionError() throws {
        let failing = QuarryFunction("lookup", arguments: 1...1) { _ throws(FunctionError) in throw FunctionError("no such code") }
        let engine = Fixtures.engine.adding(failing)
        do {
            _ = try engine.run("trips | select x = lookup(id)")
            Issue.record("the error was lost")
        } catch {
            #expect(error.description.hasPrefix("<input>:1:20: error: lookup(): no such code"))
        }
    }

    struct CensusOffline: Error, CustomStringConvertible { var description: String { "the census is offline" } }

    @Test("A host function may throw any error, in an ordinary throwing closure (issue 15, item 3)")
    func hostFunctionThrowsAnyError() throws {
        let population = QuarryFunction("population", arguments: 1...1) { args in
            guard case .string(let city) = args[0] else { return .null }
            if city == "Atlantis" { throw CensusOffline() }
            return .int(city.count * 1000)
        }
        let engine = Fixtures.engine.adding(population)
        #expect(try engine.run("population(\"Baku\")").outputs.last?.value == .int(4000))
        do {
            _ = try engine.run("population(\"Atlantis\")")
            Issue.record("the error was lost")
        } catch {
            #expect(error.stage == .run)
            #expect(error.description.hasPrefix("<input>:1:1: error: population(): the census is offline"))
        }
    }

    struct Alert: Codable {
        var id: Int
        var level: String
        var casualties: Int?
        var reported: Date
        var score: Double?
        var tags: [String]
    }

    @Test("A Codable collection's fields come from its type: declared order, nil optionals, an empty array (issue 15, item 2)")
    func schemaFromType() throws {
        let rows = [Alert(id: 1, level: "high", casualties: nil, reported: Date(timeIntervalSince1970: 1_620_813_780), score: nil, tags: ["border"])]
        let engine = try Engine().adding("alerts", rows: rows, key: "id")
        let fields = try #require(engine.catalog["alerts"]).schema.fields
        #expect(fields.map(\.name) == ["id", "level", "casualties", "reported", "score", "tags"])
        #expect(fields.map(\.type) == [.int, .string, .int, .date, .double, .array(.string)])
        #expect(try engine.run("alerts where casualties > 0 | count").table?.rows == [["totals", 0]])
        #expect(try engine.run("alerts | select reported").table?.rows.first?.first?.description == "2021-05-12T10:03:00Z")
        let empty = try Engine().adding("alerts", rows: [Alert](), key: "id")
        #expect(try #require(empty.catalog["alerts"]).schema.fields.count == 6)
        #expect(try empty.run("alerts where level == \"high\" and casualties > 0 | count").table?.rows == [["totals", 0]])
    }

    @Test("import Quarry leaves the standard library's Regex to the host (issue 15, item 6)")
    func standardLibraryRegex() throws {
        let digits = try Regex("[0-9]+")
        #expect("trip 42".contains(digits))
    }

    func kind(of script: String, _ limits: Limits) -> Diagnostic.Kind? {
        var engine = Fixtures.engine
        engine.limits = limits
        do {
            _ = try engine.compile(script).run()
            return nil
        } catch {
            return error.kind  // one error type, whichever stage found the problem (issue 15, item 4)
        }
    }

    /// 6 × 6 × 6 × 5 × 6 rows: slow enough to reach a limit.
    static let slow = "trips | select a = (cities | select b = (cities | select c = (cities | select d = (cities | count))))"

    @Test("Each limit ends the run with its own error, and the engine stays usable")
    func limits() throws {
        #expect(kind(of: Self.slow, Limits(maxSteps: 1_000)) == .stepLimit)
        #expect(kind(of: "trips", Limits(maxRows: 3)) == .rowLimit)
        #expect(kind(of: "trips | select id", Limits(maxRows: 3)) == .rowLimit)
        #expect(kind(of: "let f(n) = f(n + 1)\nf(1)", Limits(maxDepth: 50)) == .depthLimit)
        #expect(kind(of: String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60), Limits(maxDepth: 50)) == .depthLimit)
        #expect(kind(of: "trips | count // " + String(repeating: "x", count: 200), Limits(maxSourceSize: 100)) == .sourceLimit)
        #expect(kind(of: String(repeating: Self.slow + "\n", count: 50), Limits(timeout: .milliseconds(50))) == .timeout)
        let doubling = "let dbl(s, n) = if(n == 0, s, dbl(concat(s, s), n - 1))\nlength(dbl(\"a\", 40))"
        #expect(kind(of: doubling, Limits()) == .sizeLimit, "64 MiB by default (issue 13, defect 3)")
        #expect(kind(of: "let dbl(s, n) = if(n == 0, s, dbl(concat(s, s), n - 1))\nlength(dbl(\"a\", 20))", Limits()) == nil,
                "a million characters is fine")
        #expect(kind(of: "let f(s) = split(s, \",\")\nf(\"a,b,c,d\")", Limits(maxSize: 16)) == .sizeLimit)
        #expect(kind(of: "trips | count", Limits(maxSteps: 1_000, maxRows: 3, maxDepth: 50, maxSourceSize: 100, timeout: .seconds(5))) == nil)
    }

    @Test("The host's interrupt stops a run")
    func interrupt() throws {
        let program = try Fixtures.engine.compile(String(repeating: Self.slow + "\n", count: 1_000))
        do {
            _ = try program.run(interrupt: { true })
            Issue.record("the run was not interrupted")
        } catch {
            #expect(error.kind == .cancelled)
            #expect(error.diagnostic.message == "interrupted")
        }
    }

    @Test("Cancelling the task stops a run")
    func cancellation() async throws {
        let program = try Fixtures.engine.compile(String(repeating: Self.slow + "\n", count: 10_000))
        let task = Task { () -> Diagnostic.Kind? in
            do throws(QuarryError) { _ = try await program.run(); return nil } catch { return error.kind }
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let kind = await task.value
        #expect(kind == .cancelled)
    }

    @MainActor
    @Test("A task started on the main actor is cancelled while its long query runs (issue 15, item 5)")
    func cancellationFromTheMainActor() async throws {
        let program = try Fixtures.engine.compile(String(repeating: Self.slow + "\n", count: 10_000))
        let task = Task { try await program.run() }   // inherits the main actor, as top-level code does
        try await Task.sleep(for: .milliseconds(50))   // the main actor is free while the query runs
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("the query ran to its end")
        } catch let error as QuarryError {
            #expect(error.kind == .cancelled)
        }
    }

    @Test("One compiled program run from 100 tasks at once gives identical results")
    func concurrentRuns() async throws {
        let program = try Fixtures.engine.compile(
            "let n = 2\ntrips | summarize c = count(), d = sum(days) by city.country | sort c desc, `city.country` | head n")
        let expected = try await program.run().table
        let results = await withTaskGroup(of: ResultSet?.self) { group in
            for _ in 0..<100 { group.addTask { try? await program.run().table } }
            var all: [ResultSet?] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 100)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("Two engines with different configurations run side by side without sharing state")
    func independentEngines() async throws {
        var configured = Fixtures.engine
        configured.caseSensitive = true
        let sensitive = configured
        let insensitive = Fixtures.engine.adding(QuarryFunction("flag", arguments: 0...0) { _ in "insensitive" })
        let query = "trips where traveler == \"ana\" | count"
        async let a = Task { try sensitive.run(query).table?.rows }.value
        async let b = Task { try insensitive.run(query).table?.rows }.value
        #expect(try await a == [["totals", 1]])
        #expect(try await b == [["totals", 2]])
        #expect(throws: CompileError.self) { try sensitive.compile("flag()") }
    }

    @Test("A script reaches no file and no network: there is no function for either")
    func sandbox() {
        for name in ["readFile", "read", "open", "fetch", "http", "exec", "system", "load"] {
            #expect(FunctionRegistry.standard[name] == nil, "\(name) should not exist")
            #expect(throws: CompileError.self) { try Engine().compile("\(name)(\"/etc/passwd\")") }
        }
    }
}
