import Foundation
@_spi(Testing) import Quarry
import QuarryCorpus
import QuarryTestSupport
import Testing

/// Queries on the seed corpus, with the rows they must return: the language and the corpus
/// model checked together, the way analysts use them.
@Suite("Golden queries on the seed corpus")
struct CorpusGoldenTests {
    static let engine = Engine(corpus: seedCorpus)
    /// The engine each way it can run a query (kernels, rows only, every column encoded).
    static let engines = ExecutionMode.allCases.map { ($0, engine.executing($0)) }
    static let cases = GoldenCase.load("corpus", bundle: .module)

    @Test("The golden file has its cases")
    func loads() {
        #expect(Self.cases.count >= 25)
    }

    /// Each case runs three ways (kernels, rows only, every column encoded); each must print
    /// the expected text.
    @Test("Corpus query", arguments: cases)
    func golden(_ c: GoldenCase) {
        for (mode, engine) in Self.engines {
            let actual = c.run(on: engine)
            #expect(actual == c.expected, "\(c.file):\(c.line) \(c.name) [\(mode)]\n--- script\n\(c.script)\n--- actual\n\(actual)")
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_GOLDEN_UPDATE"] != nil))
    func updateGoldenFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Golden")
        try GoldenUpdater.rewrite(folder.appending(path: "corpus.qtest").path, engine: Self.engine)
    }
}
