import Testing
@testable import QuarryCorpus

@Suite("Finding actors and places")
struct MentionFinderTests {
    /// Mentions of the seed corpus as (text as written, canonical actor or place).
    static let found: Set<String> = Set(seedCorpus.mentions.map { "\($0.text) → \($0.actor ?? "place " + ($0.place ?? ""))" })

    @Test("Alias forms in the seeds resolve to their canonical actor", arguments: [
        "Azerbaijan → Azerbaijan",
        "Azerbaijani → Azerbaijan",
        "Azeris → Azerbaijan",
        "Baku → Azerbaijan",
        "Armenian → Armenia",
        "Yerevan → Armenia",
        "Armenia proper → Armenia",
        "Turkish → Turkey",
        "Ankara → Turkey",
        "Tehran → Iran",
        "Moscow → Russia",
        "Washington → United States",
        "U.S. → United States",
        "US → United States",
        "American → United States",
        "Uncle Sam → United States",
        "Israeli occupation → Israel",
        "Aliyev → Ilham Aliyev",
        "President Ilham Aliyev → Ilham Aliyev",
        "Blinken → Antony Blinken",
        "Sayyed Ali Khamenei → Ali Khamenei",
        "Joseph Stalin → Josef Stalin",
        "Erdogan → Recep Tayyip Erdogan",
        "Azerbaijani forces → Azerbaijani Armed Forces",
        "Armenian soldiers → Armenian Armed Forces",
        "State Department → US Department of State",
        "Congress → US Congress",
        "Minsk Group → OSCE Minsk Group",
        "CSCE → OSCE",
        "U.N. → United Nations",
        "NKAO → Nagorno-Karabakh",
        "Bolsheviks → Soviet Union",
        "Kremlin → Soviet Union",
        "Nagorno-Karabakh’s Armenians → Armenians",
        "Mr.Rubin → Michael Rubin",
    ])
    func alias(_ expected: String) {
        #expect(Self.found.contains(expected) == true, "no mention \(expected)")
    }

    @Test("Places, with their other names", arguments: [
        "Zangezur Corridor → place Zangezur Corridor",
        "Zangezur → place Syunik",
        "Syunik → place Syunik",
        "Stepanakert → place Stepanakert",
        "South Caucasus → place South Caucasus",
        "Sumgait → place Sumgait",
    ])
    func places(_ expected: String) {
        #expect(Self.found.contains(expected) == true, "no mention \(expected)")
    }

    @Test("A capital after 'in' is a place, elsewhere its government")
    func capitals() throws {
        let parade = try #require(seedCorpus.sentences.first { $0.text.contains("victory parade in Baku") })
        let inParade = seedCorpus.mentions.filter { $0.doc == parade.doc && $0.sentence == parade.index && $0.text == "Baku" }
        #expect(inParade.map(\.place) == ["Baku"])
        let received = try #require(seedCorpus.sentences.first { $0.text.hasPrefix("Baku received high-tech drones") })
        let actor = seedCorpus.mentions.first { $0.doc == received.doc && $0.sentence == received.index && $0.text == "Baku" }
        #expect(actor?.actor == "Azerbaijan")
    }

    @Test("Possessives and hyphenated compounds")
    func possessives() {
        let finder = MentionFinder(actors: seedCorpus.actors, places: seedCorpus.places)
        let text = ScalarText("Baku’s actions and Azerbaijani-Israeli ties worried Tehran's allies in the Turkey-led platform.")
        let names = finder.mentions(in: text, sentence: 0..<text.count, doc: "t", sentenceIndex: 0).map(\.text)
        #expect(names == ["Baku", "Azerbaijani", "Israeli", "Tehran", "Turkey"])
    }

    @Test("Longest alias first: 'Azerbaijani forces' is the armed forces, not the demonym")
    func longest() {
        let finder = MentionFinder(actors: seedCorpus.actors, places: seedCorpus.places)
        let text = ScalarText("Azerbaijani forces crossed the border.")
        let mentions = finder.mentions(in: text, sentence: 0..<text.count, doc: "t", sentenceIndex: 0)
        #expect(mentions.map(\.actor) == ["Azerbaijani Armed Forces"])
        #expect(mentions.first?.start == 0)
        #expect(mentions.first?.end == 18)
    }
}
