import Foundation
@_spi(Testing) import Quarry
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

    static let engines = ExecutionMode.allCases.map { ($0, Engine(corpus: seedCorpus).executing($0)) }

    /// Each example runs three ways (kernels, rows only, every column encoded), with the same
    /// results each way.
    @Test("Every example runs on the seed corpus, the same each way", arguments: blocks)
    func example(_ block: String) throws {
        var printed: [String] = []
        for (_, engine) in Self.engines {
            let program = try engine.compile(block)
            let result = try program.run(parameters: ["who": "Azerbaijan"])
            printed.append(result.outputs.map { $0.resultSet.rows.map { $0.map(\.description).joined(separator: " | ") }.joined(separator: "\n") }
                .joined(separator: "\n\n"))
        }
        for (i, (mode, _)) in Self.engines.enumerated().dropFirst() {
            #expect(printed[i] == printed[0], "\(mode) differs from standard for:\n\(block)")
        }
    }
}
