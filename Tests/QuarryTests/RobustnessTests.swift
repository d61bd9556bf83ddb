import Foundation
import Quarry
import Testing

/// No input may crash or hang the interpreter: generated scripts of random tokens, and the
/// shapes known to break naive interpreters, all end with a result or an error.
@Suite("Robustness")
struct RobustnessTests {
    static let vocabulary = [
        "trips", "cities", "where", "and", "or", "not", "in", "(", ")", "[", "]", "|", ",", ".", ":", ";",
        "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "1", "0", "-1", "2.5", "9223372036854775807",
        "\"a*\"", "'x'", "?\"\\d\"", "@2021-05", "@1920s", "@\"early 2000s\"", "$p", "null", "true", "let", "x",
        "f(", "days", "start", "city.country", "head", "tail", "sort", "desc", "count", "unique", "select",
        "summarize", "by", "n =", "count()", "sum(days)", "bars", "filter", "sequence", "join", "until", "\n",
        "length(", "substring(", "regex(", "capture(", "add_days(", "round(", "1e308", "\"\\u{1F600}\"", "`",
        "/*", "*/", "//", "@", "#", "&", "\"unterminated",
    ]

    /// A small deterministic generator, so a failure can be reproduced.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
    }

    @Test("2,000 random scripts end with a result or an error")
    func randomScripts() {
        var generator = Generator(state: 2021)
        var engine = Engine(collections: [RobustnessTests.table])
        engine.limits = Limits(maxSteps: 100_000, maxRows: 10_000, timeout: .seconds(2))
        for _ in 0..<(ProcessInfo.processInfo.environment["QUARRY_FUZZ_COUNT"].flatMap { Int($0) } ?? 2_000) {
            let length = Int(generator.next() % 24) + 1
            let script = (0..<length).map { _ in Self.vocabulary[Int(generator.next() % UInt64(Self.vocabulary.count))] }
                .joined(separator: " ")
            do {
                _ = try engine.compile(script).run(parameters: ["p": 1])
            } catch {
                #expect(!String(describing: error).isEmpty)
            }
        }
    }

    static let table = Table(name: "trips", schema: Schema([Field("days", .int), Field("start", .date), Field("city", .string)]),
                             rows: [[1, .date(.year(2021)), "Baku"], [nil, nil, nil]])

    @Test("Shapes that break naive interpreters", arguments: [
        String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
        String(repeating: "1 + ", count: 50_000) + "1",
        String(repeating: "-", count: 50_000) + "1",
        String(repeating: "not ", count: 50_000) + "true",
        "trips" + String(repeating: " | head 1", count: 20_000),
        String(repeating: "[", count: 20_000),
        "x" + String(repeating: ".y", count: 50_000),
        "@\(Int.max)",
        "add_days(@2021, 9223372036854775807)",
        "@2021 + 9223372036854775807",
        "round(1e300)",
        "regex(\"aaaa\", \"(a{1000}){1000}{1000}\")",
        "substring(\"abc\", -9223372036854775807 - 1)",
        "number(\"1\", 1e300)",
        String(repeating: "\"", count: 9_999),
    ])
    func pathological(_ script: String) {
        var engine = Engine(collections: [RobustnessTests.table])
        engine.limits = Limits(maxSteps: 100_000, timeout: .seconds(2))
        do {
            _ = try engine.compile(script).run()
        } catch {
            #expect(!error.diagnostics.isEmpty)
        }
    }

    @Test("Depth counts nesting, not length: long flat chains run whole (issue 13, defect 12)")
    func flatChains() throws {
        let engine = Engine(collections: [RobustnessTests.table])
        func value(_ script: String) throws -> String {
            let output = try engine.compile(script).run().outputs.last
            if case .table? = output?.value { return output?.resultSet.rows.first?.last?.description ?? "" }
            return output?.value.description ?? ""
        }
        #expect(try value(String(repeating: "1 + ", count: 100_000) + "1") == "100001")
        let arithmetic = try value("trips | select x = " + String(repeating: "days * 2 - ", count: 50_000) + "days | count")
        #expect(arithmetic == "2")
        #expect(try value(String(repeating: "false or ", count: 100_000) + "true") == "true")
        let conditions = (0..<100_000).map { "days != \($0 + 5)" }.joined(separator: " and ")
        let filtered = try value("trips where \(conditions) | count")
        #expect(filtered == "1")
        // 200 nested parentheses are 200 levels, not 400.
        #expect(try value(String(repeating: "(", count: 200) + "7" + String(repeating: ")", count: 200)) == "7")
        #expect(throws: CompileError.self) { try engine.compile(String(repeating: "(", count: 201) + "7" + String(repeating: ")", count: 201)) }
    }
}
