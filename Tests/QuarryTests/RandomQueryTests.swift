import Foundation
@_spi(Testing) import Quarry
import QuarryTestSupport
import Testing

/// Random queries over random tables, each run three ways (kernels, rows only, every column
/// encoded), which must print the same: the kernels and the rewrites differ from row-by-row
/// evaluation in speed only. Seeded, so a failure names the query that reproduces it.
@Suite("Random queries, three ways")
struct RandomQueryTests {
    static let random = RandomQueries(columns: RandomQueries.everyKind)

    static func printed(_ query: String, on engine: Engine) -> String {
        do {
            let result = try engine.compile(query).run(parameters: RandomQueries.parameters)
            return result.outputs.map { GoldenCase.render($0.value) }.joined(separator: "\n")
        } catch {
            return error.description
        }
    }

    @Test("A thousand random queries print the same three ways", arguments: [0, 1, 2, 3])
    func threeWays(_ batch: Int) {
        var g = RandomQueries.Generator(seed: UInt64(20_261_129 + batch))
        var differences: [String] = []
        var errors = 0
        for round in 0..<5 {
            // Some tables are large enough to be stored encoded by default, some are not.
            let rows = g.pick([0, 7, 60, 300, 1100, 1600])
            let base = Engine(collections: [Self.random.table(rows: rows, &g)])
            let engines = ExecutionMode.allCases.map { ($0, base.executing($0)) }
            for _ in 0..<50 {
                let q = Self.random.query(&g)
                let outputs = engines.map { Self.printed(q, on: $0.1) }
                if outputs[0].contains("error:") { errors += 1 }
                for (i, (mode, _)) in engines.enumerated().dropFirst() where outputs[i] != outputs[0] {
                    differences.append("[round \(round), \(rows) rows, \(mode)] \(q)\n--- standard\n\(outputs[0].prefix(600))\n--- \(mode)\n\(outputs[i].prefix(600))")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differences; the first:\n\(differences.prefix(3).joined(separator: "\n\n"))")
        // The generator writes queries that run: errors are the exception, not the rule.
        #expect(errors < 25, "\(errors) of 250 queries failed")
    }
}
