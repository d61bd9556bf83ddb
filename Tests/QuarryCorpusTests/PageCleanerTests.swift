import Testing
@testable import QuarryCorpus

@Suite("Cleaning the seed pages")
struct PageCleanerSeedTests {
    @Test("Page furniture and other stories' teasers are never body text")
    func furnitureIsNotBody() {
        let body = seedCorpus.paragraphs.filter { $0.role == .body }.map(\.text)
        for furniture in ["Connect with us", "Hi, what are you looking for?", "Written By", "Leave a Reply",
                          "google cta", "keep readingShow less", "Print Friendly, PDF & Email", "LATEST"] {
            #expect(!body.contains(furniture), "\(furniture) was taken for body text")
        }
        #expect(!body.contains { $0.hasPrefix("Dear RS readers") })
        #expect(!body.contains { $0.contains("Gaza") }, "a teaser of another story was taken for body text")
        #expect(!body.contains { $0.contains("Sokoto") })
        #expect(!body.contains { $0.contains("mine ban treaty") })
        #expect(!seedCorpus.documents.contains { $0.text.contains("Happy Holidays") })
    }

    @Test("Teasers of other stories are marked as teasers")
    func teasers() {
        let teasers = paragraphs(of: articleIDs[1]).filter { $0.role == .teaser }.map(\.text)
        #expect(teasers.contains("Four major dynamics in Gaza War that will impact 2026"))
        #expect(teasers.contains { $0.hasPrefix("For the first time since President Trump publicly excoriated") })
        #expect(teasers.count == 10)
    }

    @Test("Headlines, subtitles and authors")
    func headlines() {
        let docs = Dictionary(uniqueKeysWithValues: seedCorpus.documents.map { ($0.id, $0) })
        #expect(docs[articleIDs[0]]?.title == "Is the Biden Administration Fueling A New Caucasus Crisis?")
        #expect(docs[articleIDs[0]]?.subtitle == nil)
        #expect(docs[articleIDs[1]]?.title == "Ending US military assistance to Azerbaijan immediately")
        #expect(docs[articleIDs[1]]?.subtitle?.hasPrefix("Washington was giving Baku transfer waivers") == true)
        #expect(docs[articleIDs[2]]?.title == "Peace on Azerbaijan’s Terms Won’t End the Nagorno-Karabakh Conflict")
        #expect(docs[articleIDs[3]]?.title == "Push for Azerbaijani-Israeli normalization is to pressure Iran: Report")
        #expect(docs[articleIDs[0]]?.author == "Michael Rubin")
        #expect(docs[articleIDs[1]]?.author == nil)
        #expect(docs[articleIDs[2]]?.author == "Alex Galitsky")
        #expect(docs[articleIDs[3]]?.author == nil)
    }

    @Test("The photo caption of 003 is a caption, not body text")
    func captions() {
        let captions = paragraphs(of: articleIDs[3]).filter { $0.role == .caption }.map(\.text)
        #expect(captions.count == 1)
        #expect(captions.first?.hasSuffix("(AP)") == true)
    }

    @Test("002's two repeated paragraphs are body text once, and its pull quote is marked (issue 13, defect 17)")
    func duplicates() throws {
        let page = paragraphs(of: articleIDs[2])
        #expect(!page.contains { $0.duplicateOf != nil && $0.role == .body }, "a repeat is not body text a second time")
        let repeats = page.filter { $0.duplicateOf != nil && $0.role == .duplicate }
        #expect(repeats.count == 4)
        for copy in repeats {
            let original = try #require(page.first { $0.index == copy.duplicateOf })
            #expect(original.text == copy.text)
            #expect(original.index < copy.index)
            #expect(original.duplicateOf == nil)
        }
        let text = try #require(seedCorpus.documents.first { $0.id == articleIDs[2] }?.text)
        let refusal = "Azerbaijan’s refusal to accept anything less than full sovereignty"
        #expect(text.components(separatedBy: refusal).count == 2, "the repeated paragraph appears once in the clean text")
        let pull = try #require(page.first { $0.role == .pullquote })
        #expect(pull.text.hasPrefix("The principle of self-determination"))
        #expect(page[pull.duplicateOf!].text.hasPrefix("In fact, the principle of self-determination"))
    }

    @Test("The five reader comments of 000, with authors and times")
    func comments() {
        let comments = seedCorpus.comments.filter { $0.doc == articleIDs[0] }
        #expect(comments.map(\.author) == ["Murat", "Slack", "Mario DeLosa", "Artem", "Zara"])
        #expect(comments.map { $0.date?.description ?? "" } == ["2021-05-27", "2021-05-28", "2021-05-28", "2021-05-29", "2021-05-30"])
        #expect(comments.map { $0.time ?? "" } == ["22:43", "03:14", "12:50", "05:44", "23:24"])
        #expect(comments[0].text.hasPrefix("America made two big mistakes"))
        #expect(comments[0].text.hasSuffix("not a new Iran."), "a comment's second paragraph belongs to it")
        #expect(comments[4].text.hasPrefix("Thank you, Mr.Rubin"))
        #expect(seedCorpus.comments.count == 5, "no other page has comments")
    }

    @Test("Offsets point into the raw page")
    func offsets() {
        for doc in seedCorpus.documents {
            let raw = Array(doc.raw.unicodeScalars)
            for sentence in seedCorpus.sentences where sentence.doc == doc.id {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: raw[sentence.start..<sentence.end])
                #expect(String(view) == sentence.text)
            }
        }
    }
}

@Suite("Cleaning pages the cleaner has never seen")
struct PageCleanerUnseenTests {
    @Test("A wire story with a byline, a caption, share buttons, a teaser and comments")
    func wireStory() throws {
        let page = try cleanedTestPage("unseen-wire")
        func role(_ prefix: String) -> ParagraphRole? { page.paragraphs.first { $0.text.hasPrefix(prefix) }?.role }
        #expect(role("Skip to main content") == .boilerplate)
        #expect(role("World | Caucasus") == .boilerplate)
        #expect(role("Border talks resume") == .headline)
        #expect(role("By Jane Okafor") == .byline)
        #expect(page.author == "Jane Okafor")
        #expect(role("Negotiators from Armenia") == .body)
        #expect(role("The talks, mediated") == .body)
        #expect(role("Photo: Armenian border guards") == .caption)
        #expect(role("\"We came here") == .body)
        #expect(role("The U.S. State Department welcomed") == .body)
        #expect(role("Share this article") == .boilerplate)
        #expect(role("Jane Okafor is a staff correspondent") == .byline)
        #expect(role("Georgia's ruling party") == .teaser)
        #expect(role("Voters in Tbilisi") == .teaser)
        #expect(role("©") == .boilerplate)
        #expect(page.comments.map(\.author) == ["Sam", "Ani K."])
        #expect(page.comments.map { $0.time ?? "" } == ["09:05", "23:30"])
        #expect(page.comments.last?.text == "Talks are fine, but the shooting has to stop first.")
        #expect(page.paragraphs.filter { $0.role == .body }.count == 5)
    }

    @Test("An opinion piece with a subtitle, a repeated paragraph, a pull quote and an author's note")
    func opinion() throws {
        let page = try cleanedTestPage("unseen-opinion")
        func paragraph(_ prefix: String) -> Paragraph? { page.paragraphs.first { $0.text.hasPrefix(prefix) } }
        #expect(paragraph("Subscribe")?.role == .boilerplate)
        #expect(paragraph("Opinion")?.role == .boilerplate)
        #expect(paragraph("Why the Zangezur debate")?.role == .headline)
        #expect(paragraph("Tehran fears losing")?.role == .subtitle)
        #expect(paragraph("Any change there")?.role == .pullquote)
        let copies = page.paragraphs.filter { $0.text.hasPrefix("For three decades") }
        #expect(copies.count == 2)
        #expect(copies[0].duplicateOf == nil)
        #expect(copies[1].duplicateOf == copies[0].index)
        #expect(paragraph("Omar Haddad is a senior fellow")?.role == .byline)
        #expect(page.author == "Omar Haddad")
        #expect(paragraph("Print Friendly")?.role == .boilerplate)
        #expect(paragraph("The quiet return of Russian peacekeepers")?.role == .teaser)
        #expect(paragraph("Moscow's troops left")?.role == .teaser)
        #expect(page.comments.isEmpty)
    }

    @Test("Hard-wrapped lines are joined into one paragraph")
    func wrappedLines() {
        let text = "Title of a story that wraps\n\nThe first line of a long paragraph that the scraper wrapped\nat a fixed width, and the rest of it follows here.\n"
        let page = PageCleaner().clean(ScalarText(text), doc: "wrapped")
        #expect(page.paragraphs.count == 2)
        #expect(page.paragraphs[1].text.contains("wrapped\nat a fixed width"))
    }
}
