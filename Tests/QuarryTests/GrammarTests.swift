import Foundation
import QuarryTestSupport
import Testing
@testable import Quarry

/// grammar/quarry.ebnf is the grammar the parser implements; these tests keep the two in step.
@Suite("The grammar file")
struct GrammarTests {
    static let grammar: String = {
        let url = repositoryRoot.appending(path: "grammar/quarry.ebnf")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The text of every `(* example: … *)`.
    static let examples: [String] = {
        var found: [String] = []
        var rest = Substring(grammar)
        while let start = rest.range(of: "(* example: ") {
            guard let end = rest[start.upperBound...].range(of: " *)") else { break }
            found.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }()

    @Test("Every rule has an example")
    func examplesExist() {
        let rules = Self.grammar.components(separatedBy: "\n").filter { $0.range(of: #"^[a-zA-Z]+ *="#, options: .regularExpression) != nil }
        #expect(rules.count >= 20)
        #expect(Self.examples.count >= rules.count)
    }

    @Test("Every example parses", arguments: examples)
    func exampleParses(_ example: String) {
        var lexer = Lexer(example)
        var parser = Parser(tokens: lexer.tokenize())
        let statements = parser.parseScript()
        #expect(lexer.diagnostics.isEmpty, "\(lexer.diagnostics)")
        #expect(parser.diagnostics.isEmpty, "\(parser.diagnostics.map(\.message))")
        #expect(!statements.isEmpty)
    }

    @Test("Every keyword, pipe and operator appears in the grammar")
    func vocabulary() {
        let words = Keywords.reserved.sorted() + Keywords.pipes + Keywords.contextual + Keywords.lineage
        for word in words {
            #expect(Self.grammar.contains("\"\(word)\""), "the grammar does not mention \"\(word)\"")
        }
        let symbols: [Token.Kind] = [.pipe, .comma, .dot, .colon, .semicolon, .leftParen, .rightParen, .leftBracket,
                                     .rightBracket, .assign, .equal, .notEqual, .less, .lessEqual, .greater,
                                     .greaterEqual, .plus, .minus, .star, .slash, .percent]
        for symbol in symbols {
            #expect(Self.grammar.contains("\"\(symbol.rawValue)\""), "the grammar does not mention \"\(symbol.rawValue)\"")
        }
        for marker in ["@", "$", "?\"", "`", "//", "/*"] {
            #expect(Self.grammar.contains(marker))
        }
    }
}
