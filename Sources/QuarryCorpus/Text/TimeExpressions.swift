import Foundation
import Quarry

/// Resolves time expressions written relative to a publication ("two days ago", "last night",
/// "last November", "earlier this month") against its date, the way TimeML anchors news text to
/// the document creation time.
///
/// When the publication date is itself an interval, the expression is resolved against its first
/// and last day and the result covers both: "last year" from a page of 2021 is 2020 whatever the
/// day, while "yesterday" from a page of May 2021 is somewhere in late April or May.
enum TimeExpressions {
    /// The interval an expression denotes, or nil when it is not one of the relative forms known.
    static func resolve(_ expression: String, publishedOn anchor: QuarryDate) -> QuarryDate? {
        guard let first = resolve(expression, day: anchor.start),
              let last = resolve(expression, day: anchor.end)
        else { return nil }
        if first == last { return first }
        return QuarryDate(start: first.start, end: last.end, precision: .range)
    }

    private static func resolve(_ expression: String, day: Int) -> QuarryDate? {
        let words = expression.lowercased().split(separator: " ").map(String.init)
        let today = CivilCalendar.civil(day)
        switch words {
        case ["today"], ["tonight"], ["this", "morning"], ["this", "afternoon"]:
            return QuarryDate(start: day, end: day, precision: .day)
        case ["yesterday"], ["last", "night"]:
            return QuarryDate(start: day - 1, end: day - 1, precision: .day)
        case ["this", "week"]:
            let monday = day - CivilCalendar.weekday(day)
            return QuarryDate(start: monday, end: day, precision: .range)
        case ["last", "week"]:
            let monday = day - CivilCalendar.weekday(day) - 7
            return QuarryDate(start: monday, end: monday + 6, precision: .range)
        case ["this", "month"], ["earlier", "this", "month"]:
            let month = QuarryDate.month(today.year, today.month)
            return words.count == 3 ? QuarryDate(start: month.start, end: day, precision: .range) : month
        case ["last", "month"]:
            return today.month == 1 ? .month(today.year - 1, 12) : .month(today.year, today.month - 1)
        case ["this", "year"], ["earlier", "this", "year"]:
            return .year(today.year)
        case ["last", "year"]:
            return .year(today.year - 1)
        default:
            break
        }
        if words.count == 3, words[2] == "ago", let n = number(words[0]) {
            switch words[1] {
            case "day", "days": return QuarryDate(start: day - n, end: day - n, precision: .day)
            case "week", "weeks":
                return QuarryDate(start: day - 7 * n - 6, end: day - 7 * n + 6, precision: .range)
            case "month", "months":
                let total = today.year * 12 + (today.month - 1) - n
                return .month(total / 12, total % 12 + 1)
            case "year", "years": return .year(today.year - n)
            default: return nil
            }
        }
        // "last November": the most recent November before the anchor's month.
        if words.count == 2, words[0] == "last", let month = MonthNames.number(words[1]) {
            return .month(month < today.month ? today.year : today.year - 1, month)
        }
        // A bare month in past tense: the latest such month not after the anchor.
        if words.count == 1, let month = MonthNames.number(words[0]), words[0].count > 3 {
            return .month(month <= today.month ? today.year : today.year - 1, month)
        }
        return nil
    }

    private static func number(_ word: String) -> Int? {
        if let n = Int(word) { return n }
        let names = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                     "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12]
        return names[word]
    }
}
