import Foundation
import Quarry
import Testing
@testable import QuarryCorpus

@Suite("Any folder of pages is a corpus")
struct FolderCorpusTests {
    @Test("articles/ alone is enough: the built-in gazetteer serves, and every event is coded")
    func articlesAlone() throws {
        let corpus = try folderCorpus(["wire.txt": "Menu\n\nA wire story written for the tests\n\nBAKU, Aug. 8, 2025 — Azerbaijani forces shelled Armenian positions on Wednesday, according to people familiar with the matter.\n"])
        #expect(corpus.documents.map(\.id) == ["wire"])
        #expect(corpus.actors.contains { $0.name == "Azerbaijan" })
        #expect(!corpus.events.isEmpty && corpus.events == corpus.extractedEvents)
        #expect(corpus.events.allSatisfy { $0.source == "extracted" && $0.doc == "wire" })
    }

    @Test("A page named like a seed article is coded, never given the seed's annotations")
    func seedNamesDoNotBorrowAnnotations() throws {
        let seedPage = try String(contentsOf: seedsFolder.appending(path: "articles/000_42def250d40f295c.txt"), encoding: .utf8)
        let corpus = try folderCorpus(["000_42def250d40f295c.txt": seedPage])
        #expect(corpus.events.allSatisfy { $0.source == "extracted" })
        #expect(corpus.documents.first?.outlet == nil)
        #expect(corpus.documents.first?.publishedBasis != "curated")
    }

    @Test("The seeds keep their curated events in events, and every article has extracted events")
    func seedsSideBySide() {
        #expect(seedCorpus.events.allSatisfy { $0.source == "curated" })
        #expect(Set(seedCorpus.extractedEvents.map(\.doc)) == Set(articleIDs))
        #expect(seedCorpus.extractedEvents.allSatisfy { $0.source == "extracted" })
    }

    @Test("extracted_events is a collection, and a folder corpus answers the README's query")
    func collections() throws {
        let corpus = try folderCorpus(["wire.txt": "Menu\n\nA wire story written for the tests\n\nBAKU, Aug. 8, 2025 — Azerbaijani forces shelled Armenian positions on Wednesday, according to people familiar with the matter.\n"])
        let engine = Engine(corpus: corpus)
        let rows = try engine.run("events | select doc, date, actor, type, target").table?.rows ?? []
        #expect(rows.first.map { $0.map(\.description) } == ["wire", "2025-08-06", "Azerbaijan", "assault", "Armenia"])
        let seeds = Engine(corpus: seedCorpus)
        #expect(try seeds.run("extracted_events | count").table?.rows.first?.last == .int(seedCorpus.extractedEvents.count))
    }

    @Test("A folder's coding/lexicon.yaml extends the built-in lexicon, and a broken one fails the load")
    func lexiconExtension() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "quarry-lexicon-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for sub in ["articles", "coding"] { try FileManager.default.createDirectory(at: folder.appending(path: sub), withIntermediateDirectories: true) }
        try Data("Menu\n\nA story written for the tests about a border\n\nBAKU, Aug. 8, 2025 — Azerbaijani forces bulldozed Armenian trenches on Wednesday, according to people familiar with the matter.\n".utf8)
            .write(to: folder.appending(path: "articles/story.txt"))
        #expect(try Corpus.load(directory: folder).extractedEvents.isEmpty)
        try Data("triggers:\n  coerce:\n    verbs: [\"bulldoze (destroy-property)\"]\n".utf8).write(to: folder.appending(path: "coding/lexicon.yaml"))
        let coded = try Corpus.load(directory: folder).extractedEvents
        #expect(coded.first.map { "\($0.actor) \($0.type) \($0.mode ?? "")" } == "Azerbaijan coerce destroy-property")
        try Data("triggers:\n  bulldoze:\n    verbs: [x]\n".utf8).write(to: folder.appending(path: "coding/lexicon.yaml"))
        #expect(throws: CorpusLoadError.self) { try Corpus.load(directory: folder) }
    }
}
