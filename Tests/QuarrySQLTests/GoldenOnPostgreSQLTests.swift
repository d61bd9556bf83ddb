import Foundation
import Quarry
import QuarryPostgres
import QuarrySQL
import QuarryTestSupport
import Testing

/// Every case of the language's golden files that renders as SQL gives, on PostgreSQL, the rows
/// the in-memory engine gives (its last query's): the fixtures loaded as QuarrySQL lays them out.
@Suite("The golden cases on PostgreSQL", .enabled(if: PostgreSQLServer.configured != nil || PostgreSQLServer.required,
                                                  PostgreSQLServer.skipReason))
struct GoldenOnPostgreSQLTests {
    static let files = ["literals", "operators", "functions", "dates", "pipes", "scripting"]

    /// The fixtures with their rows in the order of their keys: a database has no other order
    /// of its own, so a query that does not sort lists a collection by its key there.
    static let cities = byKey(Fixtures.cities), trips = byKey(Fixtures.trips)
    static let engine = Engine(collections: [cities, trips])

    static func byKey(_ table: Table) -> Table {
        let key = table.keyColumn!
        let order = (0..<table.count).sorted { a, b in
            "\(table.value(row: a, column: key))" < "\(table.value(row: b, column: key))"
        }
        let rows = order.map { row in (0..<table.schema.fields.count).map { table.value(row: row, column: $0) } }
        return Table(name: table.name, schema: table.schema, rows: rows, key: table.schema.fields[key].name)
    }

    /// The language's golden cases (without regard to case) whose script ends in a query that
    /// runs in memory: each with its program and that query's output.
    static func casesEndingInAQuery() throws -> [(GoldenCase, Program, Output)] {
        var out: [(GoldenCase, Program, Output)] = []
        for file in files {
            let text = try String(contentsOf: repositoryRoot.appending(path: "Tests/QuarryTests/Golden/\(file).qtest"), encoding: .utf8)
            for c in GoldenCase.parse(text, file: file) where !c.caseSensitive {
                guard let program = try? engine.compile(c.script),
                      let result = try? program.run(parameters: c.parameters),
                      let last = result.outputs.last, case .table = last.value, program.logicalPlans.last != nil else { continue }
                out.append((c, program, last))
            }
        }
        return out
    }

    @Test("Golden cases that render give the same rows on PostgreSQL")
    func goldenCases() throws {
        let server = try #require(PostgreSQLServer.configured)
        var cases: [PostgreSQLDifferentialTests.Case] = []
        var refused: [String: Int] = [:]
        var total = 0
        for (c, program, last) in try Self.casesEndingInAQuery() {
            total += 1
            do {
                let sql = try program.sql(dialect: PostgreSQLDialect(), parameters: c.parameters)
                cases.append(.init(query: "\(c.file):\(c.line) \(c.name)\n\(c.script)",
                                   expected: PostgreSQLDifferentialTests.lines(last.resultSet, fields: sql.fields), sql: sql))
            } catch {
                refused[error.reason, default: 0] += 1
                if ProcessInfo.processInfo.environment["QUARRY_SQL_REFUSALS"] != nil { print("refused: \(error) — \(c.script)") }
            }
        }
        let setup = "CREATE SCHEMA IF NOT EXISTS golden;\nSET search_path TO golden;\n"
            + PostgreSQLServer.load(Self.cities) + PostgreSQLServer.load(Self.trips)
        let differences = try PostgreSQLDifferentialTests.compare(cases, on: server, setup: setup)
        print("golden cases ending in a query: \(total); rendered and ran on PostgreSQL: \(cases.count); refused: "
              + refused.sorted { $0.value > $1.value }.map { "\($0.value) (\($0.key))" }.joined(separator: ", "))
        #expect(differences.isEmpty, "\(differences.count) differences; the first:\n\(differences.prefix(3).joined(separator: "\n\n"))")
        #expect(cases.count >= 54, "only \(cases.count) of \(total) render (54 did when this floor was set)")
    }

    /// The comparison above reads the server's rows through psql, as text; a host or `--db` reads
    /// them through postgres-nio, in binary (a sum of whole numbers is a base-10000 numeric
    /// there). The same cases again, run by an engine over the database's tables.
    @Test("Golden cases that render give the same rows through Quarry's own client, run by `--db`'s engine")
    func goldenCasesThroughTheClient() throws {
        let database = try PostgresBackendTests.database()
        defer { database.close() }
        let schema = "golden_client_\(UInt32.random(in: 0...UInt32.max))"
        try database.execute(["CREATE SCHEMA \(schema)", "SET search_path TO \(schema)"])
        defer { try? database.execute(["SET search_path TO public", "DROP SCHEMA \(schema) CASCADE"]) }
        for table in [Self.cities, Self.trips] { _ = try database.save(table, as: table.name) }
        try database.link(Self.trips, as: Self.trips.name)
        // The tables take the collections' places, keeping their back-references (`cities.trips`).
        let onServer = try Self.engine.adding(database).engine
        var ran = 0, scanned = 0
        var differences: [String] = []
        for (c, program, last) in try Self.casesEndingInAQuery() {
            let served = try onServer.compile(c.script)
            guard let plan = served.logicalPlans.last?.plan, PostgresExecutor.readsOnlyDatabaseTables(plan) else { continue }
            // Those that do not render run in memory over the tables' scans. Both sides'
            // values are printed as the rendered fields have them.
            let fields = (try? program.sql(dialect: PostgreSQLDialect(), parameters: c.parameters))?.fields
            if fields != nil { ran += 1 } else { scanned += 1 }
            let expected = PostgreSQLDifferentialTests.lines(last.resultSet, fields: fields)
            let got: [String]
            do {
                guard let output = try served.run(parameters: c.parameters).outputs.last else { continue }
                got = PostgreSQLDifferentialTests.lines(output.resultSet, fields: fields)
            } catch {
                got = ["error: \(error)"]
            }
            if got.count != expected.count || !zip(got, expected).allSatisfy(PostgreSQLDifferentialTests.same) {
                differences.append("\(c.file):\(c.line) \(c.name)\n\(c.script)\n--- in memory\n\(expected.prefix(6).joined(separator: "\n"))\n--- --db\n\(got.prefix(6).joined(separator: "\n"))")
            }
        }
        print("golden cases through postgres-nio: \(ran) run on the server, \(scanned) in memory over its tables; differences: \(differences.count)")
        #expect(differences.isEmpty, "\(differences.count) differences; the first:\n\(differences.prefix(3).joined(separator: "\n\n"))")
        #expect(ran >= 54, "only \(ran) ran on the server")
        // A case that stops rendering still runs, in memory over the tables' scans.
        #expect(ran + scanned >= 62, "only \(ran + scanned) ran through --db's engine")
    }
}
