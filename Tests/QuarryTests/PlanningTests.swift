import Synchronization
import Testing
@testable import Quarry

/// The logical plan and its rewrite passes: what reaches the kernels, what a host is asked,
/// and that no rewrite changes an answer.
@Suite("Planning queries")
struct PlanningTests {
    static let table = ColumnKernelTests.sample(rows: 3000)

    static func rows(_ query: String, parameters: [String: Value] = [:], kernels: Bool = true) throws -> [[Value]] {
        var engine = Engine(collections: [table])
        engine.usesColumnKernels = kernels
        return try engine.compile(query).run(parameters: parameters).table?.rows ?? []
    }

    static func plan(_ query: String) throws -> String {
        try Engine(collections: [table]).compile(query).explain()
    }

    /// Each literal form beside the same condition written with a parameter, a `let` value, a
    /// folded expression and a function's argument: the same rows, and the kernel runs all of them.
    static let forms: [(literal: String, parameter: String, value: Value)] = [
        (#"name = "azerbaijan""#, "name = $v", "azerbaijan"),
        (#"name != "Armenia""#, "name != $v", "Armenia"),
        ("n >= 7", "n >= $v", 7), ("-5 < n", "$v < n", -5), ("n == 3.0", "n == $v", 3.0),
        ("d >= @2020", "d >= $v", .date(.year(2020))), (#"d > "2020-06""#, "d > $v", "2020-06"),
        (#"text == "border clash 12""#, "text == $v", "border clash 12"),
        ("x <= -3", "x <= $v", -3),
    ]

    @Test("Parameters, let values, folded constants and arguments reach the kernels, with the literals' answers")
    func boundConstantsReachTheKernels() throws {
        for form in Self.forms {
            let expected = try Self.rows("t where \(form.literal) | select id")
            #expect(try Self.rows("t where \(form.parameter) | select id", parameters: ["v": form.value]) == expected, "\(form.parameter)")
            #expect(try Self.rows("t where \(form.parameter) | select id", parameters: ["v": form.value], kernels: false) == expected)
            let viaLet = "let v = \(form.value.literal)\nt where \(form.parameter.replacingOccurrences(of: "$v", with: "v")) | select id"
            #expect(try Self.rows(viaLet) == expected, "\(viaLet)")
            let viaArgument = "let f(v) = t where \(form.parameter.replacingOccurrences(of: "$v", with: "v")) | select id\nf(\(form.value.literal))"
            #expect(try Self.rows(viaArgument) == expected, "\(viaArgument)")
            #expect(try Self.plan("t where \(form.parameter)").contains("kernel"), "\(form.parameter)")
            #expect(try Self.plan(viaLet).contains("kernel"), "\(viaLet)")
        }
        #expect(try Self.plan("t where n >= 2000 + 20 - 2013").contains("filter n >= 7   kernel: int range"))
    }

    @Test("A parameter holding a pattern is compared as text, kernel or not: only a pattern written in the query matches")
    func parameterIsNeverAPattern() throws {
        let literal = try Self.rows(#"t where name == "*baijan" | count"#)
        let parameter = try Self.rows("t where name == $v | count", parameters: ["v": "*baijan"])
        #expect(literal != parameter)
        #expect(parameter == [["totals", 0]])
        #expect(try Self.rows("t where name == $v | count", parameters: ["v": "*baijan"], kernels: false) == parameter)
        // A null parameter is an unknown value, not a test for null.
        let null = try Self.rows("t where name == $v | count", parameters: ["v": .null])
        #expect(null == [["totals", 0]])
        #expect(try Self.rows("t where name == $v | count", parameters: ["v": .null], kernels: false) == null)
    }

    @Test("Top-k: sort then head by a fixed count is one bounded sort, with the same rows")
    func topK() throws {
        #expect(try Self.plan("t | sort n desc, d | head 5").contains("sort n desc, d (top 5)"))
        #expect(try !Self.plan("t | sort n | head $k").contains("top"))
        #expect(try !Self.plan("t | sort n | tail 5").contains("top"))
        for query in ["t | sort n desc, d | head 25 | select id", "t | sort text | head 7 | select id", "t | sort mixed, x desc | head 40 | select id"] {
            let full = try Self.rows(query.replacingOccurrences(of: "| head", with: "| head 100000 | head"))
            #expect(try Self.rows(query) == full, "\(query)")
            #expect(try Self.rows(query, kernels: false) == full, "\(query)")
        }
    }

    @Test("A rewrite pass reaches every node, inputs first")
    func passesWalkThePlan() throws {
        let plan = LogicalPlan.slice(.sort(.slice(.sort(.scan(ScanNode(source: .table(Self.table), shape: TableShape(name: "t", schema: Self.table.schema),
                                                                                span: SourceSpan(0, 0))),
                                                              keys: [], limit: nil, span: SourceSpan(0, 0)),
                                                        fromEnd: false, count: .fixed(3), span: SourceSpan(0, 0)),
                                                 keys: [], limit: nil, span: SourceSpan(0, 0)),
                                           fromEnd: false, count: .fixed(2), span: SourceSpan(0, 0))
        guard case .sort(.sort(.scan, _, let inner, _), _, let outer, _) = Rewrite.optimize(plan) else {
            Issue.record("both sort-heads are rewritten")
            return
        }
        #expect(inner == 3 && outer == 2)
    }

    /// A host collection that records what it was asked, and answers honestly with the first
    /// `limit` rows when given one.
    final class Recorder: QuarryCollection, @unchecked Sendable {
        let name = "alerts"
        let schema = Schema([Field("id", .int), Field("level", .string), Field("score", .int)])
        let requests = Mutex<[ScanRequest]>([])
        let rows: [[Value]] = (1...20).map { [.int($0), $0 % 3 == 0 ? "high" : "low", .int($0 * 7 % 11)] }
        /// Honours the limit, and leaves the fields not asked for null, as a host may.
        func scan(_ request: ScanRequest) throws -> [[Value]] {
            requests.withLock { $0.append(request) }
            let kept = request.limit.map { Array(rows.prefix($0)) } ?? rows
            guard let fields = request.fields else { return kept }
            let wanted = schema.fields.map { fields.contains($0.name) }
            return kept.map { row in zip(row, wanted).map { $1 ? $0 : .null } }
        }
        var last: ScanRequest? { requests.withLock { $0.last } }
    }

    @Test("A host hears a filter's field tests, with parameters computed, and a head's row count")
    func hostPushdown() throws {
        let host = Recorder()
        let engine = Engine().adding(host)
        let result = try engine.compile(#"alerts where level = "high" and score >= $least and id % 2 == 0 | select id"#)
            .run(parameters: ["least": 3])
        #expect(result.table?.rows == [[6], [12], [18]])
        #expect(host.last?.predicate == .all([.compare(field: "level", .equal, "high"), .compare(field: "score", .greaterOrEqual, 3)]))
        #expect(host.last?.equalities == ["level": "high"])
        #expect(host.last?.limit == nil)

        #expect(try engine.run("alerts | head 4 | count").table?.rows == [["totals", 4]])
        #expect(host.last?.limit == 4 && host.last?.predicate == nil)
        // A head after a filter is not pushed: the host's first rows need not be the kept ones.
        #expect(try engine.run(#"alerts where level = "high" | head 2 | select id"#).table?.rows == [[3], [6]])
        #expect(host.last?.limit == nil)
        // Only tests a host can check as they are: an `or` is not split.
        _ = try engine.run(#"alerts where level = "high" or score > 5"#)
        #expect(host.last?.predicate == nil)
        #expect(try Engine().adding(host).compile(#"alerts where level = "high" and score > 1"#).explain()
            .contains(#"asks the host: level == "high" and score > 1"#))
    }

    @Test("A host hears which fields a query reads, when its result is made of them")
    func hostProjection() throws {
        let host = Recorder()
        let engine = Engine().adding(host)
        func fields(_ query: String) throws -> [String]? {
            _ = try engine.run(query)
            return host.last?.fields
        }
        #expect(try engine.run("alerts | summarize n = count(), top = max(score) by level | sort level").table?.rows
            == [["high", 6, 10], ["low", 14, 10]])
        #expect(host.last?.fields == ["level", "score"])
        #expect(try engine.run("alerts where score > 8 | sort id desc | select id, s = score * 2").table?.rows
            == [[17, 18], [14, 20], [6, 18], [3, 20]])
        #expect(host.last?.fields == ["id", "score"])
        #expect(try fields("alerts | count") == [])
        #expect(try fields("alerts | count level") == ["level"])
        // The result is the host's own rows: every field.
        #expect(try fields(#"alerts where level = "high""#) == nil)
        #expect(try fields("alerts | sort score | head 3") == nil)
        // A user function reads whatever it likes.
        #expect(try fields("let f(x) = x + 1\nalerts | select y = f(score)") == nil)
        #expect(try engine.compile("alerts | summarize n = count() by level").explain().contains("asks the host: fields level"))
    }
}
