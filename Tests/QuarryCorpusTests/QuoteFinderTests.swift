import Testing
@testable import QuarryCorpus

@Suite("Direct quotes and their speakers")
struct QuoteFinderTests {
    @Test("Aliyev's words on the Zangezur Corridor, dated by the sentence")
    func aliyev() throws {
        let quote = try #require(seedCorpus.quotes.first { $0.text.hasPrefix("The Zangezur Corridor is a historical necessity") })
        #expect(quote.speaker == "Azerbaijan")
        #expect(quote.speakerDetail == "Ilham Aliyev")
        #expect(quote.date?.description == "2023-01")
        #expect(quote.text.contains("It will happen whether Armenia wants it or not."))
    }

    @Test("'he said' after 'the foreign minister' is Iran's foreign minister")
    func foreignMinister() throws {
        let quote = try #require(seedCorpus.quotes.first { $0.text.hasPrefix("After the agreement") })
        #expect(quote.speaker == "Iran")
        #expect(quote.speakerDetail == "the foreign minister (Iran)")
        #expect(quote.date?.description == "2025-03")
    }

    @Test("A partial quote attributed to Netanyahu's office; the Minsk Group's statement")
    func attributed() {
        #expect(seedCorpus.quotes.contains { $0.text == "strong foundation for trilateral collaboration" && $0.speakerDetail == "Benjamin Netanyahu" })
        #expect(seedCorpus.quotes.contains { $0.text.hasPrefix("selectively propagating") && $0.speaker == "OSCE" })
    }

    @Test("Scare quotes are not quotes")
    func scareQuotes() {
        for phrase in ["corridor", "ancestral land", "anti-terrorist operation", "territorial integrity", "geopolitical", "military solution"] {
            #expect(!seedCorpus.quotes.contains { $0.text == phrase })
        }
    }
}
