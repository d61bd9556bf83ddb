import Quarry
import Testing
@testable import QuarryCorpus

@Suite("Publication dates of pages without annotations")
struct PublicationDateTests {
    private func published(_ page: String, name: String = "page.txt") throws -> Document {
        try #require(try folderCorpus([name: page]).documents.first)
    }

    @Test("A dateline dates the story", arguments: [
        ("BAKU, Aug. 26, 2025 — Azerbaijan said on Tuesday that talks would resume.", "2025-08-26"),
        ("YEREVAN, JULY 6, 2024, ARMENPRESS — Armenia's government met on Saturday to discuss the border.", "2024-07-06"),
        ("WASHINGTON, 8 August 2025 – The State Department said it welcomed the agreement between the two sides.", "2025-08-08"),
    ])
    func dateline(_ body: String, _ expected: String) throws {
        let document = try published("Menu\n\nA story with a dateline written for the tests\n\n\(body)\n")
        #expect(document.published?.description == expected)
        #expect(document.publishedBasis == "explicit")
    }

    @Test("A byline's date or a date line near the top, but never a caption's or a teaser's")
    func bylineDate() throws {
        let page = """
            Menu

            An analysis written for the tests about a long dispute

            By Jane Doe | 14 Mar 2019

            Photo: the border in 2017. Photo credit: Getty Images, June 3, 2017

            The dispute over the region is older than either state, and it has outlived every plan to end it so far.

            Related

            Another story published on April 2, 2024 about something else entirely
            """
        #expect(try published(page).published?.description == "2019-03-14")
    }

    @Test("HTML metadata dates an HTML page")
    func htmlMetadata() throws {
        let html = """
            <!doctype html><html><head><title>Truce agreed</title>
            <meta property="article:published_time" content="2024-06-11T08:30:00Z"></head>
            <body><nav>Home News</nav><article><h1>Armenia and Azerbaijan agree a truce after a night of fighting</h1>
            <p>Azerbaijani forces shelled Armenian positions on Sunday, the defence ministry in Yerevan said in a statement.</p>
            <figure><img src="x.jpg"><figcaption>Troops in 2020 attacked a village.</figcaption></figure>
            <p>The European Union&rsquo;s envoy called on both sides to respect the truce &amp; to return to talks.</p>
            </article><footer>© 2024</footer></body></html>
            """
        let corpus = try folderCorpus(["truce.html": html])
        let document = try #require(corpus.documents.first)
        #expect(document.id == "truce")
        #expect(document.published == .day(2024, 6, 11))
        #expect(document.title == "Armenia and Azerbaijan agree a truce after a night of fighting")
        #expect(document.text.contains("European Union’s envoy called on both sides to respect the truce & to return"))
        #expect(!document.raw.contains("<p>") && !document.raw.contains("figcaption") && !document.raw.contains("Troops in 2020"))
        #expect(corpus.extractedEvents.contains { $0.actor == "Azerbaijan" && $0.type == .assault && $0.date == .day(2024, 6, 9) })
    }

    @Test("Without a date on the page, a range inferred from its text, marked inferred")
    func inferred() throws {
        let document = try published("""
            Menu

            A story without a date written for the tests

            In May 2021 Azerbaijani forces crossed the border, and Armenia asked its allies for help the following week.

            The account could not be verified independently, and the details remain unclear for now, people said.
            """)
        #expect(document.published?.description == "2021-05-01/2022-12-31")
        #expect(document.publishedBasis == "inferred")
    }

    @Test("The finder reads the seed pages as curated, or as a range that contains the curated date")
    func seeds() throws {
        for document in seedCorpus.documents {
            let found = try #require(seedCorpus.detectedPublication(of: document.id))
            let curated = try #require(document.published)
            #expect(found.start <= curated.start && curated.end <= found.end, "\(document.id): \(found) does not contain \(curated)")
        }
    }
}
