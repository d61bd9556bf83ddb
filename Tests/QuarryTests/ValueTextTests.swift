import Testing
@testable import Quarry

/// `Value.quoted(_:as:)` is shared by the REPL's echo (Quarry syntax) and the CLI's JSON output.
struct ValueTextTests {
    @Test(arguments: [
        ("plain", #""plain""#, #""plain""#),
        ("say \"hi\"\\", #""say \"hi\"\\""#, #""say \"hi\"\\""#),
        ("a\nb\tc\rd", #""a\nb\tc\rd""#, #""a\nb\tc\rd""#),
        ("esc\u{1b}", #""esc\u{1b}""#, #""esc\u001b""#),
        ("nul\u{0}", #""nul\u{0}""#, #""nul\u0000""#),
        ("Şuşa — Xankəndi", #""Şuşa — Xankəndi""#, #""Şuşa — Xankəndi""#),
    ])
    func quotesInBothSyntaxes(text: String, quarry: String, json: String) {
        #expect(Value.quoted(text) == quarry)
        #expect(Value.quoted(text, as: .json) == json)
    }

    @Test func quarryQuotingReadsBackAsTheSameString() throws {
        let text = "esc\u{1b} \"q\" \\ tab\t"
        let result = try Engine().run("let x = \(Value.quoted(text))\nx")
        #expect(result.outputs.last?.value == .string(text))
    }
}

/// `length` counts code points, as EQL, PostgreSQL and Spark do; its byte count must agree with
/// Swift's scalars.
struct CodePointCountTests {
    @Test(arguments: ["", "abc", "a\r\nb", "\r\n\r\n", "\n\r", "\r", "Xankəndi", "e\u{301}", "🇦🇿 flag", "tab\t\u{0}nul", "\r\r\n"])
    func countsAsUnicodeScalarsDo(text: String) {
        #expect(Builtins.codePointCount(text) == text.unicodeScalars.count)
    }

    @Test("length, substring and indexOf count a combining accent and each half of a line break")
    func functionsCountCodePoints() throws {
        let engine = Engine()
        #expect(try engine.run(#"length("a\r\nb")"#).outputs.last?.value == .int(4))
        #expect(try engine.run("length(\"e\u{301}t\u{e9}\")").outputs.last?.value == .int(4))
        #expect(try engine.run("substring(\"e\u{301}t\u{e9}\", 2)").outputs.last?.value == .string("t\u{e9}"))
        #expect(try engine.run("indexOf(\"e\u{301}t\u{e9}\", \"t\")").outputs.last?.value == .int(2))
        #expect(try engine.run("\"e\u{301}x\"[1]").outputs.last?.value == .string("\u{301}"))
        #expect(try engine.run("startsWith(\"e\u{301}\", \"e\")").outputs.last?.value == .bool(true))
    }

    @Test("A letter whose lower case is two code points (İ) still finds text at the place it has in the original")
    func foldingKeepsPlaces() throws {
        let engine = Engine()
        #expect(try engine.run(#"between("İzmir (TR)", "(", ")")"#).outputs.last?.value == .string("TR"))
        #expect(try engine.run(#"indexOf("İx", "X")"#).outputs.last?.value == .int(1))
        #expect(try engine.run(#"stringContains("İZMIR", "zmi")"#).outputs.last?.value == .bool(true))
        #expect(try engine.run(#"endsWith("aİ", "İ")"#).outputs.last?.value == .bool(true))
    }
}
