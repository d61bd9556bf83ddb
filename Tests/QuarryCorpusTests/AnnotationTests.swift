import Foundation
import Quarry
import Testing
@testable import QuarryCorpus

@Suite("Curated events")
struct CuratedEventTests {
    @Test("At least 70 events across the four articles, each with its sentence as evidence")
    func everyEventValidates() throws {
        #expect(seedCorpus.events.count >= 70)
        #expect(Set(seedCorpus.events.map(\.doc)) == Set(articleIDs))
        for event in seedCorpus.events {
            let sentence = try #require(seedCorpus.sentences.first { $0.doc == event.doc && $0.index == event.sentence })
            #expect(sentence.text == event.evidence)
            #expect(event.evidence.replacingOccurrences(of: "\u{00A0}", with: " ").contains(event.trigger))
            let paragraph = try #require(seedCorpus.paragraphs.first { $0.doc == event.doc && $0.index == sentence.paragraph })
            #expect(paragraph.role.isArticleText && paragraph.duplicateOf == nil)
            #expect(seedCorpus.actors.contains { $0.name == event.actor }, "\(event.id): \(event.actor)")
            if let target = event.target { #expect(seedCorpus.actors.contains { $0.name == target }) }
            #expect(event.source == "curated")
            #expect(!event.summary.isEmpty)
        }
        #expect(Set(seedCorpus.events.map(\.id)).count == seedCorpus.events.count, "ids are unique")
    }

    @Test("Every article has rejected candidates with reasons")
    func rejected() {
        for id in articleIDs {
            #expect(seedCorpus.rejected.contains { $0.doc == id && !$0.reason.isEmpty })
        }
    }

    @Test("Actors are counted at the level analysts count by")
    func countingLevel() throws {
        let advance = try #require(seedCorpus.events.first { $0.date.description == "2021-05-12" && $0.doc == articleIDs[0] })
        #expect(advance.actor == "Azerbaijan")
        #expect(advance.actorDetail == "Azerbaijani forces")
        let waiver = try #require(seedCorpus.events.first { $0.actorDetail == "Antony Blinken" && $0.doc == articleIDs[0] })
        #expect(waiver.actor == "United States")
        #expect(waiver.actorRole == "US Secretary of State")
        let minsk = try #require(seedCorpus.events.first { $0.actorDetail == "OSCE Minsk Group" })
        #expect(minsk.actor == "OSCE")
        let thinkTank = try #require(seedCorpus.events.first { $0.actorDetail == "Begin-Sadat Center" })
        #expect(thinkTank.actor == "Begin-Sadat Center", "a think tank is not its country")
    }

    @Test("Dated roles apply only on dates that lie wholly inside them")
    func datedRoles() throws {
        let trump = try #require(seedCorpus.events.first { $0.actorDetail == "Trump" })
        #expect(trump.actorRole == "President of the United States")
        let stalin = try #require(seedCorpus.events.first { $0.actorDetail == "Josef Stalin" })
        #expect(stalin.date.description == "1920s")
        #expect(stalin.actorRole == nil)
        let aliyev = try #require(seedCorpus.actors.first { $0.name == "Ilham Aliyev" })
        #expect(aliyev.roles.first?.isHeld(on: .day(2003, 10, 30)) == false)
        #expect(aliyev.roles.first?.isHeld(on: .year(2021)) == true)
    }

    @Test("Publication dates come from the text, never from teasers or captions")
    func publicationDates() {
        let published = Dictionary(uniqueKeysWithValues: seedCorpus.documents.map { ($0.id, $0.published?.description ?? "") })
        #expect(published[articleIDs[0]] == "2021-05-27")
        #expect(published[articleIDs[1]] == "2023-09-30/2023-12-31", "not the teasers' December 2025")
        #expect(published[articleIDs[2]] == "2021-05-12/2021-10-31")
        #expect(published[articleIDs[3]] == "2025-03", "not the caption's Nov. 13, 2024")
        #expect(seedCorpus.documents.allSatisfy { $0.publishedBasis == "inferred" && $0.publishedNote != nil })
    }

    @Test("The gazetteer knows both names of disputed places")
    func gazetteerPlaces() throws {
        let (gazetteer, problems) = Gazetteer.load(try String(contentsOf: seedsFolder.appending(path: "annotations/gazetteer.yaml"), encoding: .utf8), file: "gazetteer.yaml")
        #expect(problems.isEmpty)
        #expect(gazetteer.place(named: "Khankendi")?.name == "Stepanakert")
        #expect(gazetteer.place(named: "Zangezur")?.name == "Syunik")
        #expect(gazetteer.place(named: "Shusha")?.name == "Shushi")
        #expect(gazetteer.actor(named: "baku")?.name == "Azerbaijan", "lookups ignore case")
    }
}

@Suite("Annotation files that do not validate")
struct AnnotationValidationTests {
    /// Loads a copy of the seeds whose 000 annotation file had `old` replaced by `new`.
    func loadCorrupted(_ old: String, _ new: String, file: String = "000_42def250d40f295c.yaml") throws -> [CorpusProblem] {
        let folder = try temporaryCorpusFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "annotations/\(file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "the test's text to corrupt is not in \(file)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try Corpus.load(directory: folder)
            Issue.record("the corrupted corpus loaded")
            return []
        } catch {
            return error.problems
        }
    }

    func lineOf(_ text: String, in file: String = "000_42def250d40f295c.yaml") throws -> Int {
        let content = try String(contentsOf: seedsFolder.appending(path: "annotations/\(file)"), encoding: .utf8)
        let lines = content.components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    @Test("Evidence not in the document names the file, the line and the words")
    func evidenceNotFound() throws {
        let problems = try loadCorrupted("On May 12, 2021, Azerbaijani forces entered", "On May 13, 2021, Azerbaijani forces entered")
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.file == "annotations/000_42def250d40f295c.yaml")
        #expect(problem.line == (try lineOf("On May 12, 2021, Azerbaijani forces entered")))
        #expect(problem.reason.hasPrefix("evidence not found in articles/000_42def250d40f295c.txt: \"On May 13, 2021"))
        #expect(problem.description.hasPrefix("annotations/000_42def250d40f295c.yaml:\(problem.line!):"))
    }

    @Test("Evidence from a reader comment is refused")
    func evidenceInComment() throws {
        let problems = try loadCorrupted("evidence: Subsequent efforts to negotiate their withdrawal failed.", "evidence: US likes to play the double game")
        #expect(problems.map(\.reason) == ["evidence stands in a comment paragraph, not in the article's own text"])
    }

    @Test("An unknown type gets a suggestion")
    func unknownType() throws {
        let problems = try loadCorrupted("    type: assault\n    mode: firearms", "    type: assualt\n    mode: firearms")
        #expect(problems.map(\.reason) == ["unknown event type 'assualt'; did you mean 'assault'?"])
        #expect(problems.first?.line == (try lineOf("mode: firearms")) - 1)
    }

    @Test("An actor missing from the gazetteer")
    func unknownActor() throws {
        // Two events name "Turkish": each is reported, at its own line.
        let problems = try loadCorrupted("    actor: Turkish\n", "    actor: Turkmen\n")
        #expect(problems.map(\.reason) == ["actor 'Turkmen' is not in the gazetteer", "actor 'Turkmen' is not in the gazetteer"])
        #expect(Set(problems.compactMap(\.line)).count == 2)
    }

    @Test("An invalid date")
    func invalidDate() throws {
        let problems = try loadCorrupted("    date: 2021-05-12\n", "    date: 2021-05-32\n")
        #expect(problems.first?.reason.hasPrefix("'2021-05-32' is neither a date") == true)
    }

    @Test("A misspelt field")
    func unknownField() throws {
        let problems = try loadCorrupted("    fatalities: 1\n", "    fatalites: 1\n")
        #expect(problems.map(\.reason) == ["unknown field 'fatalites'; did you mean 'fatalities'?"])
    }

    @Test("Broken YAML names the line")
    func brokenYAML() throws {
        let problems = try loadCorrupted("events:\n", "events: [\n")
        #expect(problems.count == 1)
        #expect(problems.first?.reason.hasPrefix("YAML:") == true)
        #expect(problems.first?.line != nil)
    }

    @Test("Nothing is half-loaded: bad events fail the whole load, and every problem is listed")
    func nothingHalfLoaded() throws {
        let problems = try loadCorrupted("    fatalities: 1\n", "    fatalities: one\n")
        #expect(problems.map(\.reason) == ["'fatalities' should be a whole number, not 'one'"])
    }
}
