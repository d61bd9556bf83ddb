import Foundation
import Quarry
import QuarryCorpus
import QuarryTestSupport
import Testing

/// docs/language.md promises that its examples run on the seed corpus: each ```quarry block must
/// compile and run without error.
@Suite("The language reference")
struct LanguageReferenceTests {
    static let blocks: [String] = {
        let url = repositoryRoot.appending(path: "docs/language.md")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return fencedBlocks(in: text, language: "quarry")
    }()

    @Test("The reference has examples")
    func hasExamples() { #expect(Self.blocks.count >= 10) }

    @Test("Every example runs on the seed corpus", arguments: blocks)
    func example(_ block: String) throws {
        let engine = Engine(corpus: seedCorpus)
        let program = try engine.compile(block)
        _ = try program.run(parameters: ["who": "Azerbaijan"])
    }
}
