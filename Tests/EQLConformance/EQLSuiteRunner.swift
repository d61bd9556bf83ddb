import Foundation
@_spi(Testing) import Quarry

/// Runs EQL's three suites against Quarry and reports a pass count per file and mode.
public struct EQLSuiteRunner {
    let folder: URL
    /// How the engine runs the queries; every way must pass the same cases.
    var mode: ExecutionMode = .standard

    public init(folder: URL) { self.folder = folder }

    /// A runner whose engine runs the queries the given way.
    @_spi(Testing)
    public init(folder: URL, mode: ExecutionMode) {
        self.folder = folder
        self.mode = mode
    }

    public struct Failure: CustomStringConvertible {
        public var id: String
        var query: String
        var expected: String
        var actual: String
        public var description: String { "\(id): \(query.trimmingCharacters(in: .whitespacesAndNewlines))\n    expected \(expected)\n    actual   \(actual)" }
    }

    public struct Report {
        public var counts: [(name: String, passed: Int, total: Int)] = []
        public var failures: [Failure] = []
        public var seconds: Double = 0
        /// Time spent on the case-insensitive query suite alone, to compare with EQL's engine.
        public var insensitiveQuerySeconds: Double = 0

        public var summary: String {
            var lines = counts.map { "\($0.name): \($0.passed)/\($0.total) passed" }
            lines.append(String(format: "EQL suites: %.3f s of Quarry for %d cases; the case-insensitive queries alone %.3f s",
                                seconds, counts.reduce(0) { $0 + $1.total }, insensitiveQuerySeconds))
            for failure in failures {
                let reason = EQLSuiteRunner.knownDifferences[failure.id].map { " (known: \($0))" } ?? ""
                lines.append("FAIL \(failure)\(reason)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Cases that differ from EQL on purpose, with the reason (see docs/eql-conformance.md).
    public static let knownDifferences: [String: String] = [:]

    public func runAll() throws -> Report {
        var report = Report()
        let started = ContinuousClock.now
        try runQueries(&report)
        try runFolding(&report, file: "test_folding", label: "folding")
        try runFolding(&report, file: "test_string_functions", label: "string functions")
        let elapsed = ContinuousClock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }

    private func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appending(path: name + ".json")))
    }

    // MARK: Queries

    func runQueries(_ report: inout Report) throws {
        let data = try Data(contentsOf: folder.appending(path: "test_data.json"))
        let table = try Table(name: "events", json: data, key: "serial_event_id")
        let stream = EventStream(table: table)
        let suite = try json("test_queries") as! [String: Any]
        let cases = suite["queries"] as! [[String: Any]]
        for sensitive in [false, true] {
            let started = ContinuousClock.now
            defer {
                if !sensitive {
                    let elapsed = ContinuousClock.now - started
                    report.insensitiveQuerySeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                }
            }
            var engine = Engine().withEvents(stream).executing(mode)
            engine.caseSensitive = sensitive
            var passed = 0, total = 0
            for (n, c) in cases.enumerated() {
                let hasFlags = c["case_sensitive"] != nil || c["case_insensitive"] != nil
                let runs = hasFlags ? (c[sensitive ? "case_sensitive" : "case_insensitive"] as? Bool ?? false) : true
                guard runs else { continue }
                total += 1
                let query = c["query"] as! String
                let expected = (c["expected_event_ids"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
                let actual = Self.eventIDs(of: query, on: engine)
                if actual == .success(expected) {
                    passed += 1
                } else {
                    report.failures.append(Failure(id: "queries#\(n + 1)/\(sensitive ? "sensitive" : "insensitive")", query: query,
                                                   expected: "\(expected)", actual: Self.describe(actual)))
                }
            }
            report.counts.append(("test_queries (case-\(sensitive ? "sensitive" : "insensitive"))", passed, total))
        }
    }

    enum Outcome: Equatable {
        case success([Int])
        case error(String)
    }

    static func describe(_ outcome: Outcome) -> String {
        switch outcome {
        case .success(let ids): return "\(ids)"
        case .error(let message): return "error: \(message.split(separator: "\n").first ?? "")"
        }
    }

    /// The `serial_event_id`s a query outputs, a sequence's events flattened in order.
    static func eventIDs(of query: String, on engine: Engine) -> Outcome {
        do {
            guard let table = try engine.run(query).outputs.last?.resultSet else { return .success([]) }
            var ids: [Int] = []
            let eventsColumn = table.columns.firstIndex(of: "events")
            let idColumn = table.columns.firstIndex(of: "serial_event_id")
            for row in table.rows {
                if let e = eventsColumn, case .array(let items) = row[e] {
                    for item in items {
                        if case .row(let r) = item, case .int(let id)? = r["serial_event_id"] { ids.append(id) }
                    }
                } else if let i = idColumn, case .int(let id) = row[i] {
                    ids.append(id)
                }
            }
            return .success(ids)
        } catch {
            return .error("\(error)")
        }
    }

    // MARK: Folding

    func runFolding(_ report: inout Report, file: String, label: String) throws {
        let suite = try json(file) as! [String: Any]
        var byMode: [Bool: (passed: Int, total: Int)] = [false: (0, 0), true: (0, 0)]
        var rejectPassed = 0, rejectTotal = 0
        for (sectionName, value) in suite.sorted(by: { $0.key < $1.key }) {
            guard let section = value as? [String: Any] else { continue }
            let modes: [Bool]
            if section["case_sensitive"] as? Bool == true { modes = [true] }
            else if section["case_insensitive"] as? Bool == true { modes = [false] }
            else { modes = [false, true] }
            var tests: [(String, Any?)] = []
            if let fold = section["fold"] as? [String: Any], let list = fold["tests"] as? [[String: Any]] {
                tests += list.map { ($0["expression"] as! String, $0["expected"]) }
            }
            for loop in section["loop"] as? [[String: Any]] ?? [] {
                let param = loop["param"] as! [String: Any]
                let name = param["name"] as! String
                let types = param["type"] as! [String]
                let list = ((loop["fold"] as? [String: Any])?["tests"] as? [[String: Any]]) ?? []
                for type in types {
                    let literal = ["bool": "true", "int": "1", "string": "\"string\"", "float": "1.0", "null": "null"][type] ?? "null"
                    for test in list {
                        let expression = (test["expression"] as! String).replacingOccurrences(of: "$" + name, with: literal)
                        tests.append((expression, test["expected"]))
                    }
                }
            }
            for sensitive in modes {
                var engine = Engine()
                engine.caseSensitive = sensitive
                for (k, (expression, expected)) in tests.enumerated() {
                    byMode[sensitive]!.total += 1
                    let actual = Self.fold(expression, on: engine)
                    if Self.matches(actual, expected) {
                        byMode[sensitive]!.passed += 1
                    } else {
                        report.failures.append(Failure(id: "\(label):\(sectionName)#\(k + 1)/\(sensitive ? "sensitive" : "insensitive")",
                                                       query: expression, expected: "\(expected ?? "null")", actual: actual.map { $0.literal } ?? "error"))
                    }
                }
            }
            let verifier = (section["verifier"] as? [String: Any])?["failures"] as? [[String: Any]] ?? []
            for (k, failure) in verifier.enumerated() {
                rejectTotal += 1
                let expression = failure["expression"] as! String
                if (try? Engine().compile(expression)) == nil {
                    rejectPassed += 1
                } else {
                    report.failures.append(Failure(id: "\(label):\(sectionName)!\(k + 1)", query: expression,
                                                   expected: "a compile error", actual: "compiled"))
                }
            }
        }
        for sensitive in [false, true] where byMode[sensitive]!.total > 0 {
            report.counts.append(("\(file) (case-\(sensitive ? "sensitive" : "insensitive"))", byMode[sensitive]!.passed, byMode[sensitive]!.total))
        }
        if rejectTotal > 0 { report.counts.append(("\(file) (must be rejected)", rejectPassed, rejectTotal)) }
    }

    static func fold(_ expression: String, on engine: Engine) -> Value? {
        (try? engine.run(expression))?.outputs.last?.value
    }

    static func matches(_ actual: Value?, _ expected: Any?) -> Bool {
        guard let actual else { return false }
        switch expected {
        case nil: return actual.isNull
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return actual == .bool(n.boolValue) }
            guard let a = actual.number else { return false }
            return abs(a - n.doubleValue) <= 1e-9 * max(1, abs(n.doubleValue))
        case let s as String:
            return actual == .string(s)
        default:
            return false
        }
    }
}
