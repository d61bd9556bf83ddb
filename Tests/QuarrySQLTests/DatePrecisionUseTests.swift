import Quarry
@testable import QuarrySQL
import QuarryTestSupport
import Testing

/// Which dates a query reads only as bounds, so that their precision column is left unread.
struct DatePrecisionUseTests {
    static func boundsOnly(_ query: String) throws -> Set<String> {
        let plan = try #require(try Fixtures.engine.compile(query).logicalPlans.last?.plan)
        return DatePrecisionUse.boundsOnly(plan)
    }

    @Test("Compared, sorted by or taken apart, a date is read as its bounds only", arguments: [
        "trips | sort start desc | head 2 | select id",
        "trips where start >= @2021 and not (start == @2021-05) | select id",
        "trips | select id, y = year(start), d = decade(start)",
        "trips where start < @2021 | summarize n = count() by traveler",
    ])
    func boundsOnly(query: String) throws {
        #expect(try Self.boundsOnly(query) == ["start"])
    }

    @Test("Shown, grouped by, folded, kept with the rows or read in a way not known, it is read whole", arguments: [
        "trips | sort start desc | head 2",
        "trips | sort start | select id, start",
        "trips | select id, s = start",
        "trips | summarize n = count() by start",
        "trips | summarize first = min(start)",
        "trips | count start",
        "trips where precision(start) == \"day\" | select id",
        "trips where string(start) == \"2021\" | select id",
        "trips | unique start | select id",
        "trips | select id, start = start(start)",
    ])
    func readWhole(query: String) throws {
        #expect(try Self.boundsOnly(query).isEmpty)
    }
}
