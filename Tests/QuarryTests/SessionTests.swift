import Quarry
import Testing

@Suite("Sessions: what one input leaves for the next")
struct SessionTests {
    private func value(_ session: Session, _ text: String) throws -> String {
        try session.run(text).last?.value.description ?? "nothing"
    }

    @Test("A function outlives the input that defined it, as bindings do (issue 13, defect 1)")
    func functionsCarryOver() throws {
        let session = Session(engine: Engine(collections: []))
        try session.run("let g(a) = a * 2")
        #expect(try value(session, "g(21)") == "42")
        try session.run("let base = 100")
        try session.run("let h(x) = g(x) + base")
        #expect(try value(session, "h(1)") == "102")
        try session.run("let g(a) = a * 3")
        #expect(try value(session, "g(1)") == "3", "a redefinition replaces the function for later inputs")
    }

    @Test("An input that does not compile defines nothing")
    func failedInputDefinesNothing() throws {
        let session = Session(engine: Engine(collections: []))
        #expect(throws: CompileError.self) { try session.run("let f(a) = a + 1\nnope(") }
        #expect(throws: CompileError.self) { try session.run("f(1)") }
    }

    @Test("A script of 100,000 lets runs through a session, each binding kept once (issue 13, defect 11)")
    func manyLets() throws {
        let session = Session(engine: Engine(collections: []))
        let script = (0..<100_000).map { "let v\($0) = \($0)" }.joined(separator: "\n") + "\nv99999 - v0"
        #expect(try value(session, script) == "99999")
        #expect(session.names.count == 100_000)
        try session.run("let v5 = 50")
        #expect(session.names.count == 100_000, "a rebinding is not a new name")
    }
}
