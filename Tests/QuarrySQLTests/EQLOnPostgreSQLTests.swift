import Foundation
import Quarry
import QuarrySQL
import QuarryTestSupport
import Testing

/// EQL's own test queries, case-insensitive, over EQL's test events loaded into PostgreSQL: each
/// that renders as SQL must give on the server the events (and, for a sequence, the grouping
/// into sequences) that the in-memory engine gives. The suites come from the eql wheel
/// (scripts/fetch-eql-suite); without them, or without a server, the test is skipped.
@Suite("EQL's queries on PostgreSQL", .enabled(if: PostgreSQLServer.configured != nil || PostgreSQLServer.required,
                                               PostgreSQLServer.skipReason))
struct EQLOnPostgreSQLTests {
    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["EQL_SUITE_DIR"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appending(path: ".build/eql-suite")
    }()
    static let available = FileManager.default.fileExists(atPath: folder.appending(path: "test_queries.json").path)

    /// The case-insensitive queries of EQL's suite, in file order.
    static func queries() throws -> [String] {
        let suite = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appending(path: "test_queries.json"))) as! [String: Any]
        return (suite["queries"] as! [[String: Any]]).compactMap { c in
            let hasFlags = c["case_sensitive"] != nil || c["case_insensitive"] != nil
            guard !hasFlags || c["case_insensitive"] as? Bool == true else { return nil }
            return c["query"] as? String
        }
    }

    /// What a result shows to compare: each event's `serial_event_id` (a sequence's events
    /// flattened, each sequence ending in `--`), or each row printed whole when it holds no event.
    static func inMemory(_ result: ResultSet) -> [String] {
        if let e = result.columns.firstIndex(of: "events") {
            return result.rows.flatMap { row -> [String] in
                guard case .array(let items) = row[e] else { return ["?"] }
                return items.map { item in
                    if case .row(let r) = item, let id = r["serial_event_id"] { return "\(id)" }
                    return "?"
                } + ["--"]
            }
        }
        if let c = result.columns.firstIndex(of: "serial_event_id") { return result.rows.map { "\($0[c])" } }
        return PostgreSQLDifferentialTests.lines(result)
    }

    static func onServer(_ lines: [String], _ sql: SQLQuery) -> [String] {
        guard let c = sql.columns.firstIndex(of: "serial_event_id") else { return lines }
        let ids = lines.map { String($0.split(separator: "\t", omittingEmptySubsequences: false)[c]) }
        guard let sequence = sql.sequence else { return ids }
        return stride(from: 0, to: ids.count, by: sequence.stages).flatMap { Array(ids[$0..<min($0 + sequence.stages, ids.count)]) + ["--"] }
    }

    @Test("EQL's case-insensitive queries that render give the in-memory events on PostgreSQL",
          .enabled(if: available, "run scripts/fetch-eql-suite first: the suites come from the eql==1.0.1 wheel on PyPI"))
    func eqlQueries() throws {
        let server = try #require(PostgreSQLServer.configured)
        let table = try Table(name: "events", json: Data(contentsOf: Self.folder.appending(path: "test_data.json")), key: "serial_event_id")
        let engine = Engine().withEvents(EventStream(table: table))
        var compared: [(query: String, expected: [String], sql: SQLQuery)] = []
        var refused: [String: [String]] = [:]
        var failedInMemory = 0
        let queries = try Self.queries()
        for query in queries {
            guard let program = try? engine.compile(query), let result = try? program.run(), let last = result.outputs.last,
                  case .table = last.value else {
                failedInMemory += 1
                continue
            }
            do {
                compared.append((query, Self.inMemory(last.resultSet), try program.sql(dialect: PostgreSQLDialect())))
            } catch {
                refused["\(error.construct): \(error.reason)", default: []].append(query)
            }
        }
        let setup = "CREATE SCHEMA IF NOT EXISTS eql;\nSET search_path TO eql;\n" + PostgreSQLServer.load(table)
        let (blocks, errors) = try PostgreSQLDifferentialTests.outputs(compared.map(\.sql), on: server, setup: setup)
        var differences: [String] = []
        for (c, lines) in zip(compared, blocks) where Self.onServer(lines, c.sql) != c.expected {
            differences.append("\(c.query)\n--- SQL\n\(c.sql)\n--- Quarry\n\(c.expected.prefix(12))\n--- PostgreSQL\n\(Self.onServer(lines, c.sql).prefix(12))")
        }
        print("EQL's case-insensitive queries: \(queries.count); rendered and ran on PostgreSQL: \(compared.count); "
              + "refused: \(refused.values.reduce(0) { $0 + $1.count }); not run in memory: \(failedInMemory)")
        for (reason, list) in refused.sorted(by: { $0.value.count > $1.value.count }) {
            print("  refused \(list.count): \(reason)")
        }
        let same = differences.isEmpty
        #expect(same, "\(differences.count) differences; the first:\n\(differences.prefix(3).joined(separator: "\n\n"))\n\(errors.prefix(1500))")
        // 204 of 230 rendered when this floor was set (the issue asks for 200).
        #expect(compared.count >= 204, "only \(compared.count) of \(queries.count) render")
    }
}
