import Foundation
@_spi(Testing) import Quarry
import QuarryTestSupport
import Testing

/// Random queries over random tables, each run three ways (kernels, rows only, every column
/// encoded), which must print the same: the kernels and the rewrites differ from row-by-row
/// evaluation in speed only. Seeded, so a failure names the query that reproduces it.
@Suite("Random queries, three ways")
struct RandomQueryTests {
    /// A small deterministic generator (SplitMix64).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    static let words: [Value] = ["Azerbaijan", "azerbaijan", "AZERBAIJAN", "Armenia", "Ärmenia", "50%", "a_b", "ab",
                                 "C:\\temp", "*", "x*y", "Straße", "", "border clash", "Border Clash 2", .null]

    /// A table of `rows` rows with every kind of column, nulls in each.
    static func table(rows: Int, _ g: inout Generator) -> Table {
        var columns = [[Value]](repeating: [], count: 7)
        for i in 0..<rows {
            columns[0].append(.int(i))
            columns[1].append(g.pick(words))
            columns[2].append(g.chance(12) ? .null : .int(g.next(40) - 10))
            columns[3].append(g.chance(12) ? .null : .double(Double(g.next(200)) / 4 - 10))
            let year = 2015 + g.next(8)
            columns[4].append(g.pick([.date(.day(year, 1 + g.next(12), 1 + g.next(28))), .date(.month(year, 1 + g.next(12))),
                                      .date(.year(year)), .null]))
            columns[5].append(g.chance(10) ? .null : .string(g.pick(["low", "high", "High", "mid"])))
            columns[6].append(g.pick([.int(g.next(5)), .string("m\(g.next(5))"), .null]))
        }
        let schema = Schema([Field("id", .int), Field("s", .string), Field("n", .int), Field("x", .double), Field("d", .date),
                             Field("level", .string), Field("m", .any)])
        return Table(name: "t", schema: schema, columns: columns, key: "id")
    }

    static func literal(for field: String, _ g: inout Generator) -> String {
        switch field {
        case "s": return g.pick([#""azerbaijan""#, #""Armenia""#, #""*baijan""#, #""a*""#, #""*%*""#, #""a_b""#, #""*""#, #""""#, #""b""#])
        case "n": return g.pick(["3", "0", "-5", "7.5", "20", "-0"])
        case "x": return g.pick(["0", "1.25", "-3", "10"])
        case "d": return g.pick(["@2019", "@2020-06", "@2018-03-15", #""2021""#])
        case "level": return g.pick([#""high""#, #""HIGH""#, #""l*""#, #""mid""#])
        default: return g.pick(["3", #""m3""#, "null"])
        }
    }

    static let fields = ["s", "n", "x", "d", "level", "m"]

    /// A condition: field tests against literals or parameters, null tests, `in`, a function
    /// call now and then, joined by `and`, `or` and `not`.
    static func condition(_ depth: Int, _ g: inout Generator) -> String {
        if depth > 0 && g.chance(40) {
            let op = g.pick(["and", "or"])
            let parts = (0..<(2 + g.next(2))).map { _ in condition(depth - 1, &g) }
            let joined = parts.joined(separator: " \(op) ")
            return g.chance(25) ? "not (\(joined))" : "(\(joined))"
        }
        let field = g.pick(fields)
        switch g.next(10) {
        case 0: return "\(field) \(g.pick(["==", "!="])) null"
        case 1: return "\(field) \(g.pick(["in", "not in"])) (\(literal(for: field, &g)), \(literal(for: field, &g)))"
        case 2: return "length(s) \(g.pick([">", "<="])) \(g.next(8))"
        case 3: return "\(field) == $\(field == "d" ? "date" : field == "s" || field == "level" ? "text" : "number")"
        case 4: return "\(literal(for: field, &g)) \(g.pick(["<", ">=", "==", "!="])) \(field)"
        default: return "\(field) \(g.pick(["==", "!=", "<", "<=", ">", ">=", "="])) \(literal(for: field, &g))"
        }
    }

    /// A query: `t`, a `where` most of the time, then up to three pipes.
    static func query(_ g: inout Generator) -> String {
        var parts = ["t"]
        if g.chance(80) { parts[0] += " where " + condition(2, &g) }
        var shaped = false  // after select, summarize or count the fields differ
        for _ in 0..<g.next(4) where !shaped {
            let field = g.pick(fields + ["id"])
            switch g.next(9) {
            case 0: parts.append("filter " + condition(1, &g))
            case 1: parts.append("sort \(field)\(g.chance(50) ? " desc" : ""), \(g.pick(fields))")
            case 2: parts.append("head \(g.next(30))")
            case 3: parts.append("tail \(g.next(30))")
            case 4: parts.append("unique \(g.pick(fields))")
            case 5:
                parts.append("count" + (g.chance(60) ? " \(g.pick(fields))" : ""))
                shaped = true
            case 6:
                let folds = ["n = count()", "total = sum(n)", "low = min(\(g.pick(fields)))", "high = max(\(g.pick(fields)))",
                             "mean = avg(x)", "kinds = distinct(s)"]
                parts.append("summarize \(g.pick(folds)), \(g.pick(["c = count()", "f = first(id)"]))" + (g.chance(70) ? " by \(g.pick(fields))" : ""))
                shaped = true
            case 7:
                parts.append("select id, \(field == "id" ? "s" : field), k = n * 2")
                shaped = true
            default:
                parts.append("sort \(field) | head \(g.next(15))")
            }
        }
        return parts.joined(separator: " | ")
    }

    static let parameters: [String: Value] = ["text": "Azerbaijan", "number": 3, "date": .date(.year(2019))]

    static func printed(_ query: String, on engine: Engine) -> String {
        do {
            let result = try engine.compile(query).run(parameters: parameters)
            return result.outputs.map { GoldenCase.render($0.value) }.joined(separator: "\n")
        } catch {
            return error.description
        }
    }

    @Test("A thousand random queries print the same three ways", arguments: [0, 1, 2, 3])
    func threeWays(_ batch: Int) {
        var g = Generator(state: UInt64(20_261_129 + batch))
        var differences: [String] = []
        var errors = 0
        for round in 0..<5 {
            // Some tables are large enough to be stored encoded by default, some are not.
            let rows = g.pick([0, 7, 60, 300, 1100, 1600])
            let base = Engine(collections: [Self.table(rows: rows, &g)])
            let engines = ExecutionMode.allCases.map { ($0, base.executing($0)) }
            for _ in 0..<50 {
                let q = Self.query(&g)
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
