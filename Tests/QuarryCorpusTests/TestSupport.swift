import Foundation
@testable import QuarryCorpus
import QuarryTestSupport

let seedsFolder = repositoryRoot.appending(path: "seeds")

/// The seed corpus, loaded once for the whole test run.
let seedCorpus: Corpus = {
    do { return try Corpus.seeds } catch { fatalError("the seed corpus does not load: \(error)") }
}()

let articleIDs = ["000_42def250d40f295c", "001_8a995117650ce70f", "002_577e8e4ec702ba7f", "003_1dbe0cf9d377b579"]

func paragraphs(of doc: String, in corpus: Corpus = seedCorpus) -> [Paragraph] {
    corpus.paragraphs.filter { $0.doc == doc }
}

/// One of the test pages under `Pages/`, cleaned.
func cleanedTestPage(_ name: String) throws -> CleanedPage {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Pages"))
    let text = try String(contentsOf: url, encoding: .utf8)
    return PageCleaner().clean(ScalarText(text), doc: name)
}

/// A copy of `seeds/` in a fresh temporary folder, for tests that corrupt it.
func temporaryCorpusFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "quarry-test-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: seedsFolder, to: folder)
    return folder
}

import Testing
