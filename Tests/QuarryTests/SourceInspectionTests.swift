import Quarry
import Testing

@Suite("What a REPL asks of a line")
struct SourceInspectionTests {
    @Test("An unterminated string is an error at once, not a statement to continue", arguments: [
        (#"events where actor == "Azer"#, false), ("events |", true), ("events where (actor", true), ("/* a comment", true),
        ("events | count", false), ("let x =", true),
    ])
    func incomplete(_ text: String, _ expected: Bool) {
        #expect(SourceInspection.isIncomplete(text) == expected)
    }
}
