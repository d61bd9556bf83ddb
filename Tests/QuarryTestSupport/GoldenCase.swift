import Foundation
import Quarry
import Testing

/// A case of a golden file: a script, and what running it must print.
///
/// ```
/// === a name for the case
/// @case-sensitive            (optional: EQL's case-sensitive mode)
/// @param who = "Azerbaijan"  (optional: a parameter, as a literal)
/// events where actor = $who | count
/// ---
/// {key: "totals", count: 14}
/// ```
///
/// Each table output prints one record per row (or `(no rows)`); a single value prints as
/// `= literal`; a compile or runtime error prints exactly as rendered, caret and all.
public struct GoldenCase: CustomTestStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var name: String
    public var script: String
    public var expected: String
    public var caseSensitive = false
    public var parameters: [String: Value] = [:]

    public var testDescription: String { "\(file):\(line) \(name)" }

    public static func load(_ file: String, bundle: Bundle) -> [GoldenCase] {
        guard let url = bundle.url(forResource: file, withExtension: "qtest", subdirectory: "Golden"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return []
        }
        return parse(text, file: file + ".qtest")
    }

    public static func parse(_ text: String, file: String) -> [GoldenCase] {
        var cases: [GoldenCase] = []
        var current: GoldenCase?
        var inExpected = false
        var scriptLines: [String] = [], expectedLines: [String] = []
        func finish() {
            guard var c = current else { return }
            c.script = scriptLines.joined(separator: "\n")
            c.expected = expectedLines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            cases.append(c)
        }
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("=== ") {
                finish()
                current = GoldenCase(file: file, line: i + 1, name: String(line.dropFirst(4)), script: "", expected: "")
                scriptLines = []
                expectedLines = []
                inExpected = false
            } else if current == nil {
                continue  // commentary before the first case
            } else if line == "---" && !inExpected {
                inExpected = true
            } else if inExpected {
                expectedLines.append(line)
            } else if line.hasPrefix("# ") || line == "#" {
                continue  // commentary
            } else if line == "@case-sensitive" {
                current?.caseSensitive = true
            } else if line.hasPrefix("@param ") {
                let parts = line.dropFirst(7).split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                current?.parameters[parts[0]] = GoldenCase.literal(parts[1])
            } else {
                scriptLines.append(line)
            }
        }
        finish()
        return cases
    }

    /// A parameter's value, written as a Quarry literal.
    static func literal(_ text: String) -> Value {
        let engine = Engine()
        let result = try? engine.run(text)
        return result?.outputs.first?.value ?? .null
    }

    /// Runs the script on `engine` and renders what it printed.
    public func run(on engine: Engine) -> String {
        var engine = engine
        engine.caseSensitive = caseSensitive
        var lines: [String] = []
        do {
            let program = try engine.compile(script)
            _ = try program.run(parameters: parameters) { output in
                lines.append(Self.render(output.value))
            }
        } catch {
            lines.append(error.description)  // a QuarryError, whichever stage
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The case's plans, as `Program.explain()` prints them, or its compile error.
    public func explain(on engine: Engine) -> String {
        var engine = engine
        engine.caseSensitive = caseSensitive
        do {
            return try engine.compile(script).explain()
        } catch {
            return error.description
        }
    }

    public static func render(_ value: Value) -> String {
        guard case .table(let table) = value else { return "= \(value.literal)" }
        let result = ResultSet(value)
        if result.rows.isEmpty { return "(no rows of \(table.name))" }
        return result.records.map { Value.record($0).description }.joined(separator: "\n")
    }
}

/// Rewrites a golden file with the outputs its scripts produce now: run with
/// `QUARRY_GOLDEN_UPDATE=1 swift test --filter updateGoldenFiles`, then read the diff.
public enum GoldenUpdater {
    public static func rewrite(_ path: String, engine: Engine) throws {
        try rewrite(path) { $0.run(on: engine) }
    }

    /// Rewrites a golden file with what `produce` gives for each case now.
    public static func rewrite(_ path: String, produce: (GoldenCase) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var out: [String] = []
        var i = 0
        while i < lines.count && !lines[i].hasPrefix("=== ") { out.append(lines[i]); i += 1 }
        let cases = GoldenCase.parse(text, file: path)
        var caseIndex = 0
        while i < lines.count {
            // Copy the header, options and script up to "---", then the fresh output.
            while i < lines.count && lines[i] != "---" { out.append(lines[i]); i += 1 }
            out.append("---")
            out.append(produce(cases[caseIndex]))
            out.append("")
            caseIndex += 1
            i += 1
            while i < lines.count && !lines[i].hasPrefix("=== ") { i += 1 }
        }
        try out.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
