/// Dates as people write them ("May 12, 2021", "12 May 2021", "Dec. 10, 1991", "January 2023",
/// "the 1920s", "early 1988", "February to March 1988", "from 2002 to 2020") and, given the date
/// a text was written, the phrases relative to it ("yesterday", "last week", "last November",
/// "two days ago", "on Monday", "earlier this month").
///
/// One parser serves quoted date strings in queries and the corpus's time expressions. Each
/// date keeps the precision the phrase gives: a month is all of that month.
///
/// ```swift
/// DatePhrase.parse("Aug. 8, 2025")?.date                          // 2025-08-08
/// DatePhrase.parse("last week", anchor: .day(2025, 8, 8))?.date   // 2025-07-28/2025-08-03
/// ```
public struct DatePhrase: Sendable, Hashable {
    /// How a phrase gave its date.
    public enum Basis: String, Sendable, Hashable {
        /// Written out in full ("May 12, 2021", "1992").
        case explicit
        /// Relative to the anchor ("two days ago"), or a day and month taking the anchor's year.
        case relative
    }

    /// The interval the phrase denotes.
    public var date: QuarryDate
    /// Whether the anchor was needed.
    public var basis: Basis

    /// Parses a whole phrase; nil when it is not a date. Without an anchor only absolute dates
    /// parse. `future` resolves a bare weekday or month forward instead of back.
    public static func parse(_ text: String, anchor: QuarryDate? = nil, future: Bool = false) -> DatePhrase? {
        var words: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch == " " || ch == "," || ch == "\t" || ch == "\n" {
                if !current.isEmpty { words.append(current); current = "" }
            } else if ch == "–" || ch == "—" {
                if !current.isEmpty { words.append(current); current = "" }
                words.append("-")
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { words.append(current) }
        return parse(words: words, anchor: anchor, future: future)
    }

    /// Parses lower-case words, without commas; the corpus calls this on windows of a sentence.
    public static func parse(words: [String], anchor: QuarryDate?, future: Bool) -> DatePhrase? {
        guard !words.isEmpty, words.count <= 8 else { return nil }
        if let range = parseRange(words, anchor: anchor, future: future) { return range }
        if let date = absolute(words) { return DatePhrase(date: date, basis: .explicit) }
        guard let anchor else { return nil }
        if let first = relative(words, day: anchor.start, future: future),
           let last = relative(words, day: anchor.end, future: future) {
            let date = first == last ? first : QuarryDate(start: first.start, end: last.end, precision: .range)
            return DatePhrase(date: date, basis: .relative)
        }
        return nil
    }

    /// Whether a phrase may begin with this lower-case word: a cheap test before trying windows.
    public static func canStart(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        if ("0"..."9").contains(first) { return true }
        return startWords.contains(word) || MonthNames.number(word) != nil || weekday(word) != nil
    }

    private static let startWords: Set<String> = [
        "the", "early", "mid", "late", "from", "between", "since", "yesterday", "today", "tonight", "last",
        "this", "next", "earlier", "later", "on", "a", "an", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "mid-", "in",
        "spring", "summer", "autumn", "fall", "winter",
    ]

    // MARK: Absolute dates

    private static func absolute(_ w: [String]) -> QuarryDate? {
        var w = w
        if w.first == "in" || w.first == "on" { w.removeFirst() }
        if w.first == "the" { w.removeFirst() }
        if w.count == 1, let iso = QuarryDate(parsing: w[0]), w[0].unicodeScalars.count >= 4 { return plausible(iso) }
        if w.count == 1, let year = year(w[0]) { return .year(year) }
        if w.count == 1, let decade = decade(w[0]) { return .decade(decade) }
        // "early 1988", "the late 1990s", "mid-2021"
        if w.count == 1, w[0].hasPrefix("mid-"), let date = absolute([String(w[0].dropFirst(4))]) {
            return QuarryDate(parsing: "mid \(date)")
        }
        if w.count == 2, ["early", "mid", "late"].contains(w[0]), let date = absolute([w[1]]) {
            return QuarryDate(parsing: "\(w[0]) \(date)")
        }
        if w.count == 2, let month = MonthNames.number(w[0]), let year = year(w[1]) { return .month(year, month) }
        // "summer 2023", "the spring of 1994": a season, at month precision.
        if w.count == 2 || w.count == 3 && w[1] == "of", let season = season(w[0]), let year = year(w[w.count - 1]) {
            return seasonDates(season, year)
        }
        if w.count == 3, let month = MonthNames.number(w[0]), let day = day(w[1]), let year = year(w[2]) {
            return validDay(year, month, day)
        }
        if w.count == 3, let day = day(w[0]), let month = MonthNames.number(w[1]), let year = year(w[2]) {
            return validDay(year, month, day)
        }
        // "the 12th of May 2021"
        if w.count == 4, let day = day(w[0]), w[1] == "of", let month = MonthNames.number(w[2]), let year = year(w[3]) {
            return validDay(year, month, day)
        }
        return nil
    }

    /// "February to March 1988", "from 2002 to 2020", "between 1991 and 1994", "2011-2020".
    private static func parseRange(_ words: [String], anchor: QuarryDate?, future: Bool) -> DatePhrase? {
        var w = words
        let opened = w.first == "from" || w.first == "between"
        if opened { w.removeFirst() }
        if w.count == 1, let dash = w[0].firstIndex(where: { $0 == "-" || $0 == "–" }), w[0].count == 9 {
            w = [String(w[0][..<dash]), "-", String(w[0][w[0].index(after: dash)...])]
        }
        guard let cut = w.firstIndex(where: { ["to", "-", "until", "through", "and"].contains($0) }), cut > 0, cut < w.count - 1
        else {
            if w.first == "since", w.count >= 2, let anchor, let from = absolute(Array(w.dropFirst())), from.start <= anchor.end {
                return DatePhrase(date: QuarryDate(start: from.start, end: anchor.end, precision: .range), basis: .relative)
            }
            return nil
        }
        if w[cut] == "and" && !(words.first == "between") { return nil }
        let right = Array(w[(cut + 1)...])
        guard let end = absolute(right) else { return nil }
        var left = Array(w[..<cut])
        var start = absolute(left)
        if start == nil, let endYear = end.year {
            // "February to March 1988": the first part takes the second's year.
            left.append(String(endYear))
            start = absolute(left)
        }
        guard let start, start.start <= end.end else { return nil }
        _ = anchor; _ = future
        return DatePhrase(date: QuarryDate(start: start.start, end: end.end, precision: .range), basis: .explicit)
    }

    // MARK: Relative dates

    private static func relative(_ w: [String], day: Int, future: Bool) -> QuarryDate? {
        let today = CivilCalendar.civil(day)
        func month(_ offset: Int) -> QuarryDate {
            let total = today.year * 12 + (today.month - 1) + offset
            return .month(total / 12, total % 12 + 1)
        }
        let monday = day - CivilCalendar.weekday(day)
        switch w {
        case ["today"], ["tonight"], ["this", "morning"], ["this", "afternoon"], ["this", "evening"]:
            return QuarryDate(start: day, end: day, precision: .day)
        case ["yesterday"], ["last", "night"], ["yesterday", "morning"], ["yesterday", "evening"]:
            return QuarryDate(start: day - 1, end: day - 1, precision: .day)
        case ["tomorrow"]:
            return QuarryDate(start: day + 1, end: day + 1, precision: .day)
        case ["this", "week"], ["earlier", "this", "week"]:
            return QuarryDate(start: monday, end: day, precision: .range)
        case ["last", "week"]:
            return QuarryDate(start: monday - 7, end: monday - 1, precision: .range)
        case ["next", "week"]:
            return QuarryDate(start: monday + 7, end: monday + 13, precision: .range)
        case ["this", "month"]:
            return month(0)
        case ["earlier", "this", "month"]:
            return QuarryDate(start: month(0).start, end: day, precision: .range)
        case ["later", "this", "month"]:
            return QuarryDate(start: day, end: month(0).end, precision: .range)
        case ["later", "this", "year"]:
            return QuarryDate(start: day, end: QuarryDate.year(today.year).end, precision: .range)
        case ["later", "this", "week"]:
            return QuarryDate(start: day, end: monday + 6, precision: .range)
        case ["last", "month"]:
            return month(-1)
        case ["next", "month"]:
            return month(1)
        case ["this", "year"]:
            return .year(today.year)
        case ["earlier", "this", "year"]:
            return QuarryDate(start: QuarryDate.year(today.year).start, end: day, precision: .range)
        case ["last", "year"]:
            return .year(today.year - 1)
        case ["next", "year"]:
            return .year(today.year + 1)
        default:
            break
        }
        var w = w
        if w.first == "on" || w.first == "in" { w.removeFirst() }
        // "two days ago", "a year ago"
        if w.count == 3, w[2] == "ago", let n = number(w[0]) {
            switch w[1] {
            case "day", "days": return QuarryDate(start: day - n, end: day - n, precision: .day)
            case "week", "weeks": return QuarryDate(start: monday - 7 * n, end: monday - 7 * n + 6, precision: .range)
            case "month", "months": return month(-n)
            case "year", "years": return .year(today.year - n)
            default: return nil
            }
        }
        // "this summer", "last winter", "next spring"
        if w.count == 2, ["this", "last", "next"].contains(w[0]), let season = season(w[1]) {
            let month = today.month
            // The season this one is in, by its first month (winter's is December).
            var year = today.year
            if w[0] == "this" {
                if season == 12 && month <= 2 { year -= 1 }
            } else if w[0] == "last" {
                year = season < month || season == 12 && month == 12 ? today.year : today.year - 1
                if season == 12 && month <= 2 { year -= 1 }
                if season <= month && month < season + 3 && season != 12 { year -= 1 }
            } else {
                year = season > month ? today.year : today.year + 1
            }
            return seasonDates(season, year)
        }
        // "last November", "next March"
        if w.count == 2, w[0] == "last" || w[0] == "next" || w[0] == "this", let m = MonthNames.number(w[1]) {
            if w[0] == "last" { return .month(m < today.month ? today.year : today.year - 1, m) }
            if w[0] == "next" { return .month(m > today.month ? today.year : today.year + 1, m) }
            return .month(today.year, m)
        }
        // "Monday", "last Monday", "next Friday"
        if let last = w.last, let weekday = weekday(last), w.count <= 2 {
            let current = CivilCalendar.weekday(day)
            if w.count == 2, w[0] == "next" || (w[0] != "last" && future) {
                let ahead = (weekday - current + 7) % 7
                return QuarryDate(start: day + (ahead == 0 ? 7 : ahead), end: day + (ahead == 0 ? 7 : ahead), precision: .day)
            }
            guard w.count == 1 || w[0] == "last" else { return nil }
            if future && w.count == 1 {
                let ahead = (weekday - current + 7) % 7
                return QuarryDate(start: day + ahead, end: day + ahead, precision: .day)
            }
            var back = (current - weekday + 7) % 7
            if back == 0 && w.count == 2 { back = 7 }  // "last Friday", said on a Friday
            return QuarryDate(start: day - back, end: day - back, precision: .day)
        }
        // A month alone or a day and month: the latest not after the anchor (or the next one,
        // when the text speaks of the future).
        if w.count == 1, w[0].count > 3, let m = MonthNames.number(w[0]) {
            if future { return .month(m >= today.month ? today.year : today.year + 1, m) }
            return .month(m <= today.month ? today.year : today.year - 1, m)
        }
        if w.count == 2, let (m, d) = monthAndDay(w[0], w[1]) {
            guard var date = validDay(today.year, m, d) else { return nil }
            if !future && date.start > day { date = validDay(today.year - 1, m, d) ?? date }
            if future && date.start < day { date = validDay(today.year + 1, m, d) ?? date }
            return date
        }
        return nil
    }

    /// The first month of a season (northern hemisphere): spring 3, summer 6, autumn 9, winter 12.
    private static func season(_ word: String) -> Int? {
        ["spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12][word]
    }

    private static func seasonDates(_ first: Int, _ year: Int) -> QuarryDate {
        let start = QuarryDate.month(year, first).start
        let last = first + 2 > 12 ? QuarryDate.month(year + 1, first + 2 - 12) : QuarryDate.month(year, first + 2)
        return QuarryDate(start: start, end: last.end, precision: .range)
    }

    private static func monthAndDay(_ a: String, _ b: String) -> (Int, Int)? {
        if let m = MonthNames.number(a), let d = day(b) { return (m, d) }
        if let d = day(a), let m = MonthNames.number(b) { return (m, d) }
        return nil
    }

    // MARK: Words

    private static func year(_ word: String) -> Int? {
        guard word.count == 4, word.allSatisfy(\.isASCIIDigit), let y = Int(word), (1000...2199).contains(y) else { return nil }
        return y
    }

    private static func decade(_ word: String) -> Int? {
        var w = Substring(word)
        if w.hasSuffix("'s") { w = w.dropLast(2) } else if w.hasSuffix("s") { w = w.dropLast() } else { return nil }
        guard let y = year(String(w)), y % 10 == 0 else { return nil }
        return y
    }

    private static func day(_ word: String) -> Int? {
        var w = Substring(word)
        for suffix in ["st", "nd", "rd", "th"] where w.hasSuffix(suffix) { w = w.dropLast(2) }
        guard (1...2).contains(w.count), w.allSatisfy(\.isASCIIDigit), let d = Int(w), (1...31).contains(d) else { return nil }
        return d
    }

    private static let numberNames = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                                      "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3]
    private static let weekdays = ["monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6]

    private static func number(_ word: String) -> Int? {
        if let n = Int(word), n >= 0, n < 1000 { return n }
        return numberNames[word]
    }

    static func weekday(_ word: String) -> Int? { weekdays[word] }

    private static func validDay(_ year: Int, _ month: Int, _ day: Int) -> QuarryDate? {
        guard day <= CivilCalendar.daysIn(year: year, month: month) else { return nil }
        return .day(year, month, day)
    }

    private static func plausible(_ date: QuarryDate) -> QuarryDate? {
        guard let y = date.year ?? QuarryDate(start: date.start, end: date.start, precision: .day).year, (1000...2199).contains(y) else { return nil }
        return date
    }
}

extension QuarryDate {
    /// A date written in any form Quarry reads: the literal forms of `init(parsing:)` and the
    /// absolute phrases of `DatePhrase` ("May 2021", "12 May 2021"). This is how a quoted string
    /// compared with a date is read.
    public init?(text: String) {
        if let date = QuarryDate(parsing: text) { self = date; return }
        guard let phrase = DatePhrase.parse(text) else { return nil }
        self = phrase.date
    }
}

/// English month names and their usual abbreviations ("Sept.", "Dec").
public enum MonthNames {
    private static let numbers: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        var map: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            map[name] = i + 1
            map[String(name.prefix(3))] = i + 1
            map[String(name.prefix(3)) + "."] = i + 1
        }
        map["sept"] = 9
        map["sept."] = 9
        return map
    }()

    /// The month's number (1–12) for a lower-case name or abbreviation, or nil.
    public static func number(_ word: String) -> Int? { numbers[word] ?? numbers[word.lowercased()] }
}
