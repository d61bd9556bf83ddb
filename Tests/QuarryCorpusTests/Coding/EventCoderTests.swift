import Quarry
import Testing
@testable import QuarryCorpus

@Suite("Coding events automatically")
struct EventCoderTests {
    /// (sentence, actor, type, target) the coder must find: one rule of the coder each.
    @Test("Each rule finds the actor, the type and the target", arguments: [
        ("Azerbaijani forces shelled Armenian positions near the village of Sotk.", "Azerbaijan", EventType.assault, "Armenia" as String?),
        ("Armenian soldiers were captured by Azerbaijani troops near the border.", "Azerbaijan", .assault, "Armenia"),
        ("Iran's Foreign Ministry condemned the strike on the convoy.", "Iran", .accuse, nil),
        ("Azerbaijan's offensive against Nagorno-Karabakh lasted a day.", "Azerbaijan", .assault, "Nagorno-Karabakh"),
        ("Baku received drones from Israel during the war.", "Israel", .aid, "Azerbaijan"),
        ("Tehran has conducted large-scale military exercises near the border.", "Iran", .mobilize, nil),
        ("The statement drew a sharp rebuke from the European Parliament.", "European Union", .accuse, nil),
        ("Russian peacekeepers withdrew from the region.", "Russia", .retreat, nil),
        ("Azerbaijani troops captured Shusha after a week of fighting.", "Azerbaijan", .coerce, nil),
        ("The Foreign Ministry in Baku barred three French senators from entering the country.", "Azerbaijan", .sanction, nil),
    ])
    func rule(_ body: String, _ actor: String, _ type: EventType, _ target: String?) throws {
        let events = try codedEvents(body)
        let event = try #require(events.first { $0.actor == actor && $0.type == type }, "\(events.map { "\($0.actor) \($0.type)" })")
        if let target { #expect(event.target == target) }
        #expect(event.source == "extracted")
        #expect(event.evidence.contains(body.dropLast()))
    }

    @Test("The evidence is the sentence verbatim, and the trigger's offsets point into it")
    func evidenceAndTrigger() throws {
        let event = try #require(try codedEvents("Azerbaijani forces opened fire on Armenian troops, killing one.").first)
        let scalars = Array(event.evidence.unicodeScalars)
        let start = try #require(event.triggerStart), end = try #require(event.triggerEnd)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == event.trigger)
        #expect(event.trigger == "opened fire")
    }

    @Test("Negated and hypothetical acts are kept with their factuality; a refusal to meet is a rejection")
    func factuality() throws {
        let negated = try codedEvents("Azerbaijani forces did not attack the village.")
        #expect(negated.first?.factuality == .negated)
        let hypothetical = try codedEvents("Azerbaijani forces could attack Armenian positions within days.")
        #expect(hypothetical.contains { $0.type == .assault && $0.factuality == .hypothetical })
        let reported = try codedEvents("Armenia reportedly accused Azerbaijan of delaying the talks.")
        #expect(reported.first?.factuality == .reported)
        let refusal = try codedEvents("Iran said it will not engage in talks with the United States.")
        #expect(refusal.contains { $0.type == .reject && $0.actor == "Iran" })
    }

    @Test("Conditions, intentions, background and adjectives are not acts")
    func notActs() throws {
        #expect(try codedEvents("If Azerbaijan attacked Armenia, the region would suffer.").isEmpty)
        #expect(try codedEvents("Armenia lost trust in Moscow's ability to provide security.").isEmpty)
        #expect(try codedEvents("After the ceasefire, the region was quiet for a month.").isEmpty)
        #expect(try codedEvents("Azerbaijan rejected the offensive purposes of the exercise.").allSatisfy { $0.type != .assault })
    }

    @Test("One act, one event: a participle adding a consequence is the same act")
    func oneEventPerAct() throws {
        let events = try codedEvents("Azerbaijani forces opened fire on Armenian troops, killing one.")
        #expect(events.filter { $0.type == .assault }.count == 1)
    }

    @Test("Parties coordinated as subjects or after 'from' each get an event")
    func coordination() throws {
        let events = try codedEvents("Despite calls from the United States, the European Union, and Russia, the talks stalled.")
        #expect(Set(events.filter { $0.type == .request }.map(\.actor)) == ["United States", "European Union", "Russia"])
    }

    @Test("A title before a new name makes a person; their country comes from the phrase")
    func titledPeople() throws {
        let corpus = try folderCorpus(["story.txt": """
            Menu

            Ministers meet in a story written for the tests

            YEREVAN, Aug. 8, 2025 — Armenian Prime Minister Nikol Pashinyan accused Baku of shelling a village on Monday.

            Later, Pashinyan met with Foreign Minister Jeyhun Bayramov, Azerbaijan's foreign minister, in Geneva. It was the first of what both of them said would be a series of such meetings in the city.
            """])
        let pashinyan = try #require(corpus.actors.first { $0.name == "Nikol Pashinyan" })
        #expect(pashinyan.source == "extracted" && pashinyan.country == "Armenia")
        #expect(corpus.actors.first { $0.name == "Jeyhun Bayramov" }?.country == "Azerbaijan")
        #expect(corpus.extractedEvents.contains { $0.actor == "Armenia" && $0.type == .accuse && $0.actorDetail.contains("Pashinyan") })
        #expect(corpus.extractedEvents.contains { $0.actor == "Armenia" && $0.type == .consult })
    }

    @Test("Dates come from the sentence, resolved against the dateline, with their basis and words")
    func dates() throws {
        let events = try codedEvents("Azerbaijani forces shelled the village two days earlier. On Monday, Armenia accused Baku of the attack. Last week Iran warned Azerbaijan against a war. In May 2021 Azerbaijani troops crossed the border.")
        let assault = try #require(events.first { $0.type == .assault })
        #expect(assault.date == .day(2025, 8, 6) && assault.dateBasis == .inferred)
        let accusation = try #require(events.first { $0.type == .accuse })
        #expect(accusation.date == .day(2025, 8, 4) && accusation.dateBasis == .relative && accusation.dateText == "On Monday")
        let warning = try #require(events.first { $0.type == .threaten })
        #expect(warning.date.description == "2025-07-28/2025-08-03")
        let crossing = try #require(events.first { $0.type == .coerce })
        #expect(crossing.date == .month(2021, 5) && crossing.dateBasis == .explicit)
    }

    @Test("A wire story as a user brings it: signing, attack two days before, warning last week")
    func wireStory() throws {
        let events = try codedEvents("""
            Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev signed a joint declaration at the White House on Friday.             The signing came two days after Azerbaijani forces attacked Armenian positions near the village of Sotk, according to Armenia's Defence Ministry.             Last week Iran's Foreign Ministry warned that it would oppose any corridor through Armenian territory.
            """, dateline: "WASHINGTON, Aug. 8, 2025 —")
        let summary = events.map { "\($0.actor) \($0.type) \($0.target ?? "-") \($0.date) \($0.factuality)" }
        #expect(summary == [
            "Armenia agree Azerbaijan 2025-08-08 asserted", "Azerbaijan agree Armenia 2025-08-08 asserted",
            "Azerbaijan assault Armenia 2025-08-06 reported", "Iran threaten Armenia 2025-07-28/2025-08-03 asserted",
        ])
    }

    @Test("Comments, captions and teasers are never coded")
    func onlyArticleText() throws {
        let corpus = try folderCorpus(["story.txt": """
            Menu

            A quiet day on the border, in a story written for the tests

            BAKU, Aug. 8, 2025 — Officials in Baku and Yerevan reported no incidents along the border on Thursday, and the monitors agreed.

            Photo: Azerbaijani forces attacked a village in 2020. Reuters/File photo

            Related

            Russia invades the region again, analysts say
            """])
        #expect(!corpus.extractedEvents.contains { $0.type == .assault })
    }

    @Test("The coder never crashes on text of any shape", arguments: [
        "", "—", "’s", "by", "Azerbaijan", "and and and , , ,", "It attacked.", "its its its attack",
        "Armenia’s ’s ’s", "( Azerbaijan ) attacked ( Armenia )", "Prime Minister", "President A B C D E",
        "by a decision of", "from", "to to to attack", "If", "Azerbaijan and", "and Azerbaijan attacked",
        String(repeating: "Azerbaijan attacked Armenia and ", count: 200) + "stopped.",
    ])
    func robustness(_ body: String) throws {
        _ = try codedEvents(body)
    }
}
