import Foundation
import Quarry
import QuarrySQL
import QuarryTestSupport
import Testing

/// The SQL each dialect renders for the fixtures' queries, or the construct it refuses, pinned
/// by Golden/DIALECT.qtest. What the SQL means is checked on a real server by the differential
/// tests; these pin its text.
@Suite("SQL each dialect renders")
struct SQLGoldenTests {
    static let dialects: [any SQLDialect] = [PostgreSQLDialect(), SparkSQLDialect()]
    static let cases = dialects.flatMap { dialect in GoldenCase.load(dialect.name, bundle: .module).map { (dialect.name, $0) } }

    static func render(_ c: GoldenCase, _ dialectName: String) -> String {
        let dialect = SQLDialects.named(dialectName)!
        var engine = Fixtures.engine
        engine.caseSensitive = c.caseSensitive
        let program: Program
        do {
            program = try engine.compile(c.script)
        } catch {
            return error.description
        }
        do {
            return try program.sql(dialect: dialect, parameters: c.parameters).description
        } catch {
            return program.source.render(Diagnostic(.type, error.description, at: error.span ?? SourceSpan(0, 0)))
        }
    }

    @Test("Each dialect's golden file has its cases")
    func loads() {
        for dialect in Self.dialects {
            #expect(Self.cases.filter { $0.0 == dialect.name }.count >= 5, "\(dialect.name).qtest")
        }
    }

    @Test("Rendered SQL", arguments: cases.map { "\($0.0): \($0.1.file):\($0.1.line)" })
    func rendered(_ label: String) {
        let (dialect, c) = Self.cases.first { "\($0.0): \($0.1.file):\($0.1.line)" == label }!
        let actual = Self.render(c, dialect)
        #expect(actual == c.expected, "\(c.file):\(c.line) \(c.name)\n--- script\n\(c.script)\n--- actual\n\(actual)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_GOLDEN_UPDATE"] != nil))
    func updateGoldenFiles() throws {
        for dialect in Self.dialects {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Golden/\(dialect.name).qtest").path
            try GoldenUpdater.rewrite(path) { Self.render($0, dialect.name) }
        }
    }
}
