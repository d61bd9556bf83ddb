import Quarry
import Testing

@Suite("Dates as people write them")
struct DatePhraseTests {
    @Test("Absolute phrases keep the precision they give", arguments: [
        ("May 12, 2021", "2021-05-12"), ("12 May 2021", "2021-05-12"), ("Dec. 10, 1991", "1991-12-10"),
        ("Aug 8 2025", "2025-08-08"), ("January 2023", "2023-01"), ("Sept. 2020", "2020-09"), ("the 1920s", "1920s"),
        ("1992", "1992"), ("early 1988", "1988-01-01/1988-04-30"), ("the late 1990s", "1997-01-01/1999-12-31"),
        ("February to March 1988", "1988-02-01/1988-03-31"), ("from 2002 to 2020", "2002-01-01/2020-12-31"),
        ("between 1991 and 1994", "1991-01-01/1994-12-31"), ("2011-2020", "2011-01-01/2020-12-31"),
        ("the 12th of May 2021", "2021-05-12"), ("2021-05-12", "2021-05-12"),
    ])
    func absolute(_ text: String, _ expected: String) throws {
        let phrase = try #require(DatePhrase.parse(text))
        #expect(phrase.date.description == expected)
        #expect(phrase.basis == .explicit)
    }

    @Test("Relative phrases resolve against the anchor (Friday 8 August 2025)", arguments: [
        ("yesterday", "2025-08-07"), ("last night", "2025-08-07"), ("two days ago", "2025-08-06"),
        ("on Monday", "2025-08-04"), ("last Friday", "2025-08-01"), ("last week", "2025-07-28/2025-08-03"),
        ("earlier this month", "2025-08-01/2025-08-08"), ("last month", "2025-07"), ("last November", "2024-11"),
        ("a year ago", "2024"), ("three months ago", "2025-05"), ("next week", "2025-08-11/2025-08-17"),
        ("September 19", "2024-09-19"), ("July", "2025-07"), ("since 2020", "2020-01-01/2025-08-08"),
    ])
    func relative(_ text: String, _ expected: String) throws {
        let phrase = try #require(DatePhrase.parse(text, anchor: .day(2025, 8, 8)))
        #expect(phrase.date.description == expected)
    }

    @Test("The future looks forward")
    func future() {
        #expect(DatePhrase.parse("on Monday", anchor: .day(2025, 8, 8), future: true)?.date == .day(2025, 8, 11))
        #expect(DatePhrase.parse("September 19", anchor: .day(2025, 8, 8), future: true)?.date == .day(2025, 9, 19))
    }

    @Test("Against an anchor known only as an interval, the result covers every day it could mean")
    func intervalAnchor() throws {
        let anchor = try #require(QuarryDate(parsing: "2021-05-12/2021-10-31"))
        #expect(DatePhrase.parse("last year", anchor: anchor)?.date.description == "2020")
        #expect(DatePhrase.parse("yesterday", anchor: anchor)?.date.description == "2021-05-11/2021-10-30")
    }

    @Test("Not dates", arguments: ["", "may", "garbage", "May", "Section 907", "31 February 2021", "the other day", "2021-02-30", "1920s to", "yesterday"])
    func notDates(_ text: String) {
        #expect(DatePhrase.parse(text) == nil)
    }

    @Test("Quoted dates in queries read the same phrases")
    func quotedDates() throws {
        #expect(QuarryDate(text: "May 2021") == .month(2021, 5))
        #expect(QuarryDate(text: "2021-05") == .month(2021, 5))
        #expect(QuarryDate(text: "garbage") == nil)
    }
}
