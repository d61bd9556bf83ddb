import Foundation
import Quarry
import QuarryCorpus
import QuarryTestSupport
import Testing

/// Queries on the seed corpus, with the rows they must return: the language and the corpus
/// model checked together, the way analysts use them.
@Suite("Golden queries on the seed corpus")
struct CorpusGoldenTests {
    static let engine = Engine(corpus: seedCorpus)
    static let cases = GoldenCase.load("corpus", bundle: .module)

    @Test("The golden file has its cases")
    func loads() {
        #expect(Self.cases.count >= 25)
    }

    @Test("Corpus query", arguments: cases)
    func golden(_ c: GoldenCase) {
        let actual = c.run(on: Self.engine)
        #expect(actual == c.expected, "\(c.file):\(c.line) \(c.name)\n--- script\n\(c.script)\n--- actual\n\(actual)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_GOLDEN_UPDATE"] != nil))
    func updateGoldenFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Golden")
        try GoldenUpdater.rewrite(folder.appending(path: "corpus.qtest").path, engine: Self.engine)
    }
}
