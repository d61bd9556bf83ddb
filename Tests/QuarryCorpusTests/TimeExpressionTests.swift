import Quarry
import Testing
@testable import QuarryCorpus

@Suite("Resolving relative dates against the publication")
struct TimeExpressionTests {
    static let published = QuarryDate.day(2021, 5, 27)

    @Test("Relative expressions from a day", arguments: [
        ("two days ago", "2021-05-25"),
        ("last night", "2021-05-26"),
        ("yesterday", "2021-05-26"),
        ("today", "2021-05-27"),
        ("last month", "2021-04"),
        ("last year", "2020"),
        ("this year", "2021"),
        ("last November", "2020-11"),
        ("last May", "2020-05"),
        ("January", "2021-01"),
        ("November", "2020-11"),
        ("three months ago", "2021-02"),
        ("earlier this month", "2021-05-01/2021-05-27"),
        ("last week", "2021-05-17/2021-05-23"),
    ])
    func fromADay(_ expression: String, _ expected: String) {
        #expect(TimeExpressions.resolve(expression, publishedOn: Self.published)?.description == expected)
    }

    @Test("From a publication known only as an interval, the result covers every day it could mean")
    func fromAnInterval() throws {
        let published = try #require(QuarryDate(parsing: "2021-05-12/2021-10-31"))
        #expect(TimeExpressions.resolve("last year", publishedOn: published)?.description == "2020")
        #expect(TimeExpressions.resolve("last November", publishedOn: published)?.description == "2020-11")
        #expect(TimeExpressions.resolve("yesterday", publishedOn: published)?.description == "2021-05-11/2021-10-30")
    }

    @Test("Unknown expressions are not guessed")
    func unknown() {
        #expect(TimeExpressions.resolve("in recent weeks and months", publishedOn: Self.published) == nil)
        #expect(TimeExpressions.resolve("the other day", publishedOn: Self.published) == nil)
    }

    @Test("Relative dates of the curated events were resolved against their article")
    func curatedRelativeDates() throws {
        let killing = try #require(seedCorpus.events.first { $0.summary.contains("killing one") })
        #expect(killing.date.description == "2021-05-25")
        #expect(killing.dateBasis == .relative)
        #expect(killing.dateText == "two days ago")
        let victory = try #require(seedCorpus.events.first { $0.summary == "Azerbaijan wins the war over Nagorno-Karabakh" })
        #expect(victory.date.description == "2020-11")
    }
}
