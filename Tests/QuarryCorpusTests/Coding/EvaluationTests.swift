import Foundation
import Quarry
import Testing
@testable import QuarryCorpus

@Suite("Measuring the coder against gold")
struct EvaluationTests {
    private func event(_ evidence: String, _ actor: String, _ type: EventType, date: QuarryDate = .year(2021)) -> Event {
        Event(id: "x", doc: "d", sentence: 0, evidence: evidence, trigger: "", summary: "", type: type, mode: nil, actor: actor,
              target: nil, actorDetail: actor, targetDetail: nil, actorRole: nil, date: date, dateText: nil, dateBasis: .explicit,
              place: nil, fatalities: nil, factuality: .asserted, contexts: [], source: "extracted")
    }

    @Test("Found: the sentence contains the gold evidence after normalising, with the same actor and type; each gold once")
    func matching() {
        let gold = [GoldEvent(doc: "d", evidence: "Azerbaijan’s  “offensive”", actor: "Azerbaijan", target: nil, type: .assault, date: .month(2021, 5))]
        let coded = [
            event("In May, AZERBAIJAN's \"offensive\" began.", "Azerbaijan", .assault, date: .day(2021, 5, 12)),
            event("In May, AZERBAIJAN's \"offensive\" began.", "Azerbaijan", .assault),
            event("In May, AZERBAIJAN's \"offensive\" began.", "Armenia", .assault),
        ]
        let evaluation = EventEvaluation(coded: coded, gold: gold)
        #expect(evaluation.events == .init(hits: 1, coded: 3, gold: 1))
        #expect(evaluation.datesScored == 1 && evaluation.datesWithin == 1 && evaluation.datesExact == 0)
        #expect(evaluation.falseAlarms.count == 2 && evaluation.misses.isEmpty)
        #expect(abs(evaluation.events.precision - 1.0 / 3) < 1e-9 && evaluation.events.recall == 1)
    }

    @Test("A gold folder reads TSV files with a publication line, and reports bad lines with their place")
    func goldFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "quarry-gold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("# published: 2025-08-08\nevidence\tactor\ttarget\ttype\tdate\nforces shelled\tAzerbaijan\tArmenia\tassault\t2025-08-06\n".utf8)
            .write(to: folder.appending(path: "wire.tsv"))
        let gold = try GoldFolder.load(directory: folder)
        #expect(gold.published["wire"] == .day(2025, 8, 8))
        #expect(gold.events.first?.target == "Armenia" && gold.events.first?.date == .day(2025, 8, 6))
        try Data("evidence\tactor\ttarget\ttype\tdate\nx\tAzerbaijan\t\tattack\t2025\n".utf8).write(to: folder.appending(path: "bad.tsv"))
        #expect { try GoldFolder.load(directory: folder) } throws: { error in
            (error as? CorpusLoadError)?.description == "bad.tsv:2: 'attack' is not a PLOVER type"
        }
    }

    @Test("On the seeds the coder reaches the issue's floors: precision 0.7, recall 0.6, dates 80%, four publication dates")
    func seedFloors() {
        let gold = seedCorpus.events.map(GoldEvent.init(curated:))
        let publications = seedCorpus.documents.map { (doc: $0.id, gold: $0.published, found: seedCorpus.detectedPublication(of: $0.id)) }
        let evaluation = EventEvaluation(coded: seedCorpus.extractedEvents, gold: gold, publications: publications)
        #expect(evaluation.events.precision >= 0.7)
        #expect(evaluation.events.recall >= 0.6)
        #expect(Double(evaluation.datesWithin) >= 0.8 * Double(evaluation.datesScored))
        #expect(evaluation.publications.allSatisfy { $0.right })
    }
}
