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

/// `length` counts characters as Swift does; ASCII text takes a shortcut that must agree.
struct CharacterCountTests {
    @Test(arguments: ["", "abc", "a\r\nb", "\r\n\r\n", "\n\r", "\r", "Xankəndi", "e\u{301}", "🇦🇿 flag", "tab\t\u{0}nul", "\r\r\n"])
    func countsAsStringCountDoes(text: String) {
        #expect(Builtins.characterCount(text) == text.count)
    }
}
