import Foundation
import Quarry
import Testing

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test("An error on a very long line shows a window around its column, not the whole line (issue 13, defect 26)")
    func longLineWindow() throws {
        let script = String(repeating: "1 + ", count: 20_000) + "nope"
        let error = try #require(throws: CompileError.self) { try Engine(collections: []).compile(script) }
        let text = error.description
        #expect(text.utf8.count < 400, "\(text.utf8.count) bytes")
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "<input>:1:80001: error: unknown name 'nope'")
        #expect(lines[1].hasPrefix(" 1 | …1 + 1 + ") && lines[1].hasSuffix("+ nope"))
        // The caret stands under the name in the window.
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let name = lines[1].range(of: "nope").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(caret != nil && caret == name)
    }

    @Test("A short line is shown whole")
    func shortLine() throws {
        let error = try #require(throws: CompileError.self) { try Engine(collections: []).compile("1 + nope") }
        #expect(error.description == "<input>:1:5: error: unknown name 'nope'\n 1 | 1 + nope\n   |     ^~~~\nhint: there are no collections: give the engine some (Engine(collections:))")
    }

    @Test("Hints speak of the library: no corpus field (actor, year) and no command-line flag (--load, --events)")
    func libraryHints() throws {
        func hint(_ engine: Engine, _ script: String) throws -> String {
            let error = try #require(throws: CompileError.self) { try engine.compile(script) }
            return error.diagnostics.first?.hint ?? ""
        }
        let items = Table(name: "items", schema: Schema([Field("id", .int)]), rows: [[1]], key: "id")
        let engine = Engine(collections: [items])
        let hints = [
            try hint(Engine(collections: []), "nope"),
            try hint(engine, "items | select n = count()"),
            try hint(engine, "items | select n = sum(id)"),
            try hint(engine, "items where child of [items]"),
            try hint(engine, "sequence 1"),
        ]
        #expect(hints == [
            "there are no collections: give the engine some (Engine(collections:))",
            "collection | summarize n = count() by field",
            "collection | summarize n = sum(field) by field",
            "give the engine an event stream: engine.withEvents(EventStream(table:))",
            "sequence [collection where …] [collection where …]",
        ])
        let schema = try #require(throws: DataLoadError.self) { try LoadOptions.schema(parsing: "a") }
        #expect(schema.description == "schema: 'a' is not NAME:TYPE")
        for text in hints + [schema.description] {
            #expect(!text.contains("--"), "a command-line flag: \(text)")
            #expect(text.range(of: #"\b(actor|year|events)\b"#, options: .regularExpression) == nil, "a corpus name: \(text)")
        }
    }
}
