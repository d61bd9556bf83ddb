/// A date as written in a source: an interval of days with the precision it was given at, or an
/// instant (a day and a second of it, in UTC) when the source gave a time of day.
///
/// "May 2021" is not the first of May: it is every day from 2021-05-01 to 2021-05-31, and a
/// comparison that the whole interval cannot decide is unknown rather than guessed. An instant is
/// the one second it names, so `2021-05-12T10:00:00Z` is within the day 2021-05-12 and after
/// `2021-05-12T09:59:59Z`.
public struct QuarryDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How finely a date was stated.
    public enum Precision: String, Sendable, Hashable, CaseIterable {
        /// An instant: a day and a second of it, as timestamps in data are written.
        case second
        case day, month, year, decade, century
        /// An explicit interval, such as "2021-05-10/2021-11-09" or "early 2000s".
        case range
    }

    /// First day of the interval, as a day number (days since 1970-01-01).
    public let start: Int
    /// Last day of the interval, inclusive.
    public let end: Int
    /// The second of the day (0–86399, UTC) of an instant; -1 for every other precision.
    private let second: Int32
    /// How finely the date was stated.
    public let precision: Precision

    /// Creates an interval; `end` before `start` is swapped rather than trusted.
    public init(start: Int, end: Int, precision: Precision) {
        self.start = min(start, end)
        self.end = max(start, end)
        self.second = -1
        self.precision = precision == .second ? .day : precision
    }

    /// An instant: `secondOfDay` seconds (UTC) into the day `dayNumber`; seconds beyond a day
    /// carry into the next day, negative ones into the day before.
    public init(dayNumber: Int, secondOfDay: Int) {
        let day = dayNumber + Int((Double(secondOfDay) / 86_400).rounded(.down))
        self.start = day
        self.end = day
        self.second = Int32(secondOfDay - (day - dayNumber) * 86_400)
        self.precision = .second
    }

    /// The instant `seconds` seconds after 1970-01-01T00:00:00Z.
    public static func instant(secondsSince1970 seconds: Int) -> QuarryDate {
        QuarryDate(dayNumber: 0, secondOfDay: seconds)
    }

    /// The second of its day (UTC) when the date is an instant, else nil.
    public var timeOfDay: Int? { second >= 0 ? Int(second) : nil }

    /// The first second the date covers, counted from 1970-01-01T00:00:00Z.
    public var firstSecond: Int { start * 86_400 + (second >= 0 ? Int(second) : 0) }

    /// The last second the date covers, counted from 1970-01-01T00:00:00Z.
    public var lastSecond: Int { end * 86_400 + (second >= 0 ? Int(second) : 86_399) }

    /// A single day.
    public static func day(_ year: Int, _ month: Int, _ day: Int) -> QuarryDate {
        let n = CivilCalendar.dayNumber(year: year, month: month, day: day)
        return QuarryDate(start: n, end: n, precision: .day)
    }

    /// Every day of a month.
    public static func month(_ year: Int, _ month: Int) -> QuarryDate {
        QuarryDate(
            start: CivilCalendar.dayNumber(year: year, month: month, day: 1),
            end: CivilCalendar.dayNumber(year: year, month: month, day: CivilCalendar.daysIn(year: year, month: month)),
            precision: .month)
    }

    /// Every day of a year.
    public static func year(_ year: Int) -> QuarryDate {
        years(year, year, precision: .year)
    }

    /// Every day of the decade that starts with `firstYear` (1920 for the 1920s).
    public static func decade(_ firstYear: Int) -> QuarryDate {
        years(firstYear, firstYear + 9, precision: .decade)
    }

    /// Every day of the hundred years from `firstYear`.
    public static func century(_ firstYear: Int) -> QuarryDate {
        years(firstYear, firstYear + 99, precision: .century)
    }

    /// Every day from the first of January of `first` to the last of December of `last`.
    public static func years(_ first: Int, _ last: Int, precision: Precision = .range) -> QuarryDate {
        QuarryDate(
            start: CivilCalendar.dayNumber(year: first, month: 1, day: 1),
            end: CivilCalendar.dayNumber(year: last, month: 12, day: 31),
            precision: precision)
    }

    /// Day numbers beyond this many days from 1970 (about 2.7 million years) are out of range.
    public static let dayLimit = 1_000_000_000

    /// The interval moved by `days`, or nil when that leaves the calendar's range. A day moved
    /// is a day; any other interval moved is a range of its days (May 2021 moved by one day runs
    /// from 2 May to 1 June, which is no month), so that it prints what it holds.
    public func moved(by days: Int) -> QuarryDate? {
        guard abs(days) <= Self.dayLimit, abs(start + days) <= Self.dayLimit, abs(end + days) <= Self.dayLimit else { return nil }
        if days == 0 { return self }
        if let time = timeOfDay { return QuarryDate(dayNumber: start + days, secondOfDay: time) }
        return QuarryDate(start: start + days, end: end + days, precision: precision == .day ? .day : .range)
    }

    /// The year, when the whole interval lies in one year.
    public var year: Int? {
        let first = CivilCalendar.civil(start).year
        return first == CivilCalendar.civil(end).year ? first : nil
    }

    /// The month (1–12), when the whole interval lies in one month.
    public var month: Int? {
        let a = CivilCalendar.civil(start), b = CivilCalendar.civil(end)
        return a.year == b.year && a.month == b.month ? a.month : nil
    }

    /// The day of the month, when the interval is a single day.
    public var day: Int? {
        start == end ? CivilCalendar.civil(start).day : nil
    }

    /// The first year of the decade, when the whole interval lies in one decade.
    public var decade: Int? {
        let a = CivilCalendar.civil(start).year, b = CivilCalendar.civil(end).year
        let floorA = Int((Double(a) / 10).rounded(.down)) * 10
        return floorA == Int((Double(b) / 10).rounded(.down)) * 10 ? floorA : nil
    }

    /// Orders by first second, then last: the order `sort` uses for dates, so an instant sorts
    /// after the day that holds it starts and before that day's later instants.
    public static func < (lhs: QuarryDate, rhs: QuarryDate) -> Bool {
        (lhs.firstSecond, lhs.lastSecond) < (rhs.firstSecond, rhs.lastSecond)
    }

    /// The canonical text: `2021-05-12`, `2021-05`, `2021`, `1920s`, `1900s` for a century, and
    /// `2000-01-01/2003-12-31` (an ISO 8601 interval) for any other range, and
    /// `2021-05-12T10:43:00Z` for an instant.
    public var description: String {
        let a = CivilCalendar.civil(start)
        switch precision {
        case .second:
            let s = Int(second)
            return "\(Self.isoDay(start))T\(Self.pad(s / 3600, 2)):\(Self.pad(s / 60 % 60, 2)):\(Self.pad(s % 60, 2))Z"
        case .day: return Self.isoDay(start)
        case .month: return "\(Self.pad(a.year, 4))-\(Self.pad(a.month, 2))"
        case .year: return Self.pad(a.year, 4)
        case .decade, .century: return "\(Self.pad(a.year, 4))s"
        case .range: return "\(Self.isoDay(start))/\(Self.isoDay(end))"
        }
    }

    /// The ISO 8601 text of a day number.
    public static func isoDay(_ dayNumber: Int) -> String {
        let c = CivilCalendar.civil(dayNumber)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(abs(n))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return n < 0 ? "-" + padded : padded
    }
}
