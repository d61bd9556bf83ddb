import Testing
import Quarry

@Suite("Dates as intervals")
struct QuarryDateTests {
    @Test("Parsing and printing keep the precision", arguments: [
        ("2021-05-12", "2021-05-12", QuarryDate.Precision.day),
        ("2021-05", "2021-05", .month),
        ("2021", "2021", .year),
        ("1920s", "1920s", .decade),
        ("early 2000s", "2000-01-01/2003-12-31", .range),
        ("late 1990s", "1997-01-01/1999-12-31", .range),
        ("early 1988", "1988-01-01/1988-04-30", .range),
        ("2021-05-12/2021-10-31", "2021-05-12/2021-10-31", .range),
        ("2002/2020", "2002-01-01/2020-12-31", .range),
        ("2021-05-12T10:43:00Z", "2021-05-12T10:43:00Z", .second),
        ("2021-05-12 10:43", "2021-05-12T10:43:00Z", .second),
        ("2021-05-12T01:00:00+02:00", "2021-05-11T23:00:00Z", .second),
        ("2021-05-12T10:43:00.999-0130", "2021-05-12T12:13:00Z", .second),
    ])
    func roundTrip(_ text: String, _ printed: String, _ precision: QuarryDate.Precision) throws {
        let date = try #require(QuarryDate(parsing: text))
        #expect(date.description == printed)
        #expect(date.precision == precision)
    }

    @Test("Impossible or malformed dates are refused", arguments: ["2021-02-30", "2021-13", "21-05-01", "May 2021", "1925s", "2021/2019", "",
                                                                   "2021-05-12T24:00", "2021-05-12T10", "2021-05-12T10:43Q", "2021-05T10:43"])
    func invalid(_ text: String) {
        #expect(QuarryDate(parsing: text) == nil)
    }

    @Test("Parts of an interval are known only when the whole interval agrees")
    func parts() throws {
        let may = QuarryDate.month(2021, 5)
        #expect(may.year == 2021)
        #expect(may.month == 5)
        #expect(may.day == nil)
        let decade = QuarryDate.decade(1920)
        #expect(decade.year == nil)
        #expect(decade.decade == 1920)
        let leap = QuarryDate.month(2024, 2)
        #expect(leap.end - leap.start == 28)
    }

    @Test("An instant lies within its day, and compares with days and instants to the second")
    func instants() throws {
        let ops = ValueOperations()
        let morning = Value.date(try #require(QuarryDate(parsing: "2021-05-12T09:00:00Z")))
        let noon = Value.date(try #require(QuarryDate(parsing: "2021-05-12T12:00:00Z")))
        let day = Value.date(.day(2021, 5, 12))
        #expect(ops.equals(morning, day) == .bool(true))
        #expect(ops.compare(morning, .less, noon) == .bool(true))
        #expect(ops.compare(morning, .greater, day) == .bool(false))
        #expect(ops.compare(day, .less, noon) == .null)
        #expect(ops.sortsBefore(day, morning) && ops.sortsBefore(morning, noon))
        #expect(ops.arithmetic(.add, noon, .int(1)).description == "2021-05-13T12:00:00Z")
    }

    @Test("Day numbers round-trip through the civil calendar")
    func calendar() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            let c = CivilCalendar.civil(n)
            #expect(CivilCalendar.dayNumber(year: c.year, month: c.month, day: c.day) == n)
        }
        #expect(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.weekday(CivilCalendar.dayNumber(year: 2021, month: 5, day: 27)) == 3)  // a Thursday
    }
}
