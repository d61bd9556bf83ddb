import Quarry

/// A time expression found in a sentence, resolved to an interval.
struct FoundTime {
    /// Token positions of the phrase, end exclusive.
    var tokens: Range<Int>
    var date: QuarryDate
    /// explicit or relative (to the publication), or inferred (anchored to the story's last date).
    var basis: DateBasis
    /// The phrase as written.
    var text: String
}

/// Finds the time expressions of a sentence, as HeidelTime does: the longest window of tokens
/// that `DatePhrase` reads, starting at each word that can begin one.
struct TimeExpressionFinder {
    /// Tokens that end a window: a phrase never runs across them.
    private static let stops: Set<String> = [".", ";", ":", "(", ")", "\"", "“", "”", "?", "!"]
    /// Words that mark the future, so that "on Monday" and "in March" look forward.
    private static let futureMarkers: Set<String> = ["will", "would", "shall", "plans", "plan", "planned", "scheduled", "next", "expected", "due"]

    /// `storyAnchor` is the last day the story gave ("two days earlier" counts from it);
    /// `narrativeYear` the year of the last date written out nearby ("8 November", "that
    /// October" and "that year" take it).
    func find(_ tokens: [Token], published: QuarryDate?, storyAnchor: QuarryDate?, narrativeYear: Int? = nil) -> [FoundTime] {
        var found: [FoundTime] = []
        // A phrase looks forward when a future marker comes shortly before it ("talks will
        // resume on Monday"), not when one follows ("warned on Sunday that it would…").
        func future(at i: Int) -> Bool {
            (max(0, i - 6)..<i).contains { Self.futureMarkers.contains(tokens[$0].lower) }
        }
        var sentenceYear = narrativeYear
        var i = 0
        while i < tokens.count {
            let word = tokens[i].lower
            guard DatePhrase.canStart(word) || Self.narrative(word) else { i += 1; continue }
            // "the", "in", "a", "from"… begin a date only when a date word follows them.
            if Self.leaders.contains(word) {
                guard i + 1 < tokens.count, Self.dateWord(tokens[i + 1].lower) || Self.leaders.contains(tokens[i + 1].lower) && i + 2 < tokens.count && Self.dateWord(tokens[i + 2].lower)
                else { i += 1; continue }
            }
            var best: FoundTime?
            var words: [String] = []
            var j = i
            while j < tokens.count, j - i < 7 {
                let t = tokens[j]
                let abbreviation = t.text == "." && j > i && MonthNames.number(tokens[j - 1].lower) != nil
                if Self.stops.contains(t.text) && !abbreviation { break }
                if t.text != "," && t.text != "." { words.append(t.lower) }
                j += 1
                if t.isWord, let time = resolve(words, tokens: tokens, range: i..<j, published: published, storyAnchor: storyAnchor,
                                                narrativeYear: sentenceYear, future: future(at: i)) {
                    best = time
                }
                // A window grows only while the next word can continue a date.
                if j < tokens.count, !Self.dateWord(tokens[j].lower), !Self.continuations.contains(tokens[j].lower), tokens[j].text != "," && tokens[j].text != "." { break }
            }
            if let best {
                found.append(best)
                // Later year-less dates of the sentence take this one's year.
                if best.basis == .explicit, let y = best.date.year { sentenceYear = y }
                i = best.tokens.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    private func resolve(_ words: [String], tokens: [Token], range: Range<Int>, published: QuarryDate?,
                         storyAnchor: QuarryDate?, narrativeYear: Int?, future: Bool) -> FoundTime? {
        let first = tokens[range.lowerBound]
        // "May" is a month only when written with its capital and beside a number.
        if first.lower == "may" && (first.text != "May" || range.count == 1) { return nil }
        // A bare number is a year only when it reads as one: four digits, not an amount.
        if range.count == 1, first.lower.allSatisfy(\.isNumber) {
            if range.lowerBound > 0, ["$", "section", "resolution", "article", "no", "number", "act"].contains(tokens[range.lowerBound - 1].lower) { return nil }
            if range.upperBound < tokens.count, ["%", "percent", "people", "troops", "soldiers", "km", "miles", "million", "billion"].contains(tokens[range.upperBound].lower) { return nil }
        }
        if ["on", "in", "the", "a", "an", "from", "between", "since", "that"].contains(words.first ?? "") && words.count == 1 { return nil }
        // A date without a year inside a story told in another year takes the story's year:
        // "On 8 November" after "On 27 September 2020", "that October", "May that year".
        if let year = narrativeYear {
            let bare = words.filter { !["on", "in", "that", "of", "the", "year"].contains($0) }
            let isBare = !bare.isEmpty && bare.count <= 2 && bare.contains { MonthNames.number($0) != nil }
                && bare.allSatisfy { MonthNames.number($0) != nil || $0.count <= 4 && $0.first?.isNumber == true && Int($0.filter(\.isNumber)).map { $0 <= 31 } == true }
            if isBare, words.first != "this", let date = DatePhrase.parse(words: bare + [String(year)], anchor: nil, future: false)?.date {
                return FoundTime(tokens: range, date: date, basis: .inferred, text: tokens.text(range))
            }
            if words == ["that", "year"] || words == ["the", "same", "year"] {
                return FoundTime(tokens: range, date: .year(year), basis: .inferred, text: tokens.text(range))
            }
        }
        if let phrase = DatePhrase.parse(words: words, anchor: published, future: future) {
            let basis: DateBasis = phrase.basis == .explicit ? .explicit : .relative
            return FoundTime(tokens: range, date: phrase.date, basis: basis, text: tokens.text(range))
        }
        // "a year later", "two days earlier", "the next day": from the last date the story gave.
        if let storyAnchor {
            var shift = words
            switch words {
            case ["the", "next", "day"], ["the", "following", "day"], ["a", "day", "later"]: shift = ["one", "day", "later"]
            case ["the", "previous", "day"], ["the", "day", "before"]: shift = ["one", "day", "earlier"]
            case ["the", "next", "week"], ["the", "following", "week"]: shift = ["one", "week", "later"]
            case ["the", "following", "year"], ["the", "next", "year"]: shift = ["one", "year", "later"]
            default: break
            }
            // "came two days after [Azerbaijani forces attacked]": inside a sentence, the act after
            // "after" is the earlier one; "Two days after the talks, …" opens a later one.
            if shift.count == 3, ["after", "before"].contains(shift[2]), range.lowerBound > 0, range.upperBound < tokens.count,
               tokens[range.upperBound].text != "," {
                shift[2] = shift[2] == "after" ? "earlier" : "later"
            }
            if shift.count == 3, ["later", "earlier", "after", "before"].contains(shift[2]), let shifted = Self.shift(storyAnchor, shift) {
                return FoundTime(tokens: range, date: shifted, basis: .inferred, text: tokens.text(range))
            }
        }
        return nil
    }

    private static func narrative(_ word: String) -> Bool { word == "a" || word == "an" || word == "that" }

    /// Words that begin a date phrase only before a date word.
    private static let leaders: Set<String> = ["the", "in", "on", "a", "an", "from", "between", "since", "this", "last", "next", "earlier", "later", "that"]
    /// Words that may carry a date phrase on.
    private static let continuations: Set<String> = [
        "to", "and", "-", "–", "—", "through", "until", "of", "ago", "later", "earlier", "after", "before", "day", "days", "week",
        "weeks", "month", "months", "year", "years", "morning", "afternoon", "evening", "night", "this", "last", "next", "the",
        "early", "mid", "late", "'s", "that", "following", "previous", "same",
    ]

    /// A number, a month, a weekday, a decade or a word of time.
    private static func dateWord(_ word: String) -> Bool {
        if let first = word.utf8.first, first >= 0x30 && first <= 0x39 { return true }
        if MonthNames.number(word) != nil || DatePhrase.canStart(word) && !leaders.contains(word) { return true }
        return ["week", "month", "year", "night", "morning", "afternoon", "evening", "day", "days", "weeks", "months", "years",
                "next", "following", "previous", "same"].contains(word)
    }

    private static let numbers = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                                  "eight": 8, "nine": 9, "ten": 10, "several": 3]

    private static func shift(_ anchor: QuarryDate, _ words: [String]) -> QuarryDate? {
        guard let n = numbers[words[0]] ?? Int(words[0]) else { return nil }
        let sign = words[2] == "later" || words[2] == "after" ? 1 : -1
        switch words[1] {
        case "day", "days":
            return QuarryDate(start: anchor.start + sign * n, end: anchor.end + sign * n, precision: anchor.precision == .day ? .day : .range)
        case "week", "weeks":
            return QuarryDate(start: anchor.start + sign * 7 * n, end: anchor.end + sign * 7 * n, precision: .range)
        case "month", "months":
            let first = CivilCalendar.civil(anchor.start)
            let total = first.year * 12 + (first.month - 1) + sign * n
            return .month(total / 12, total % 12 + 1)
        case "year", "years":
            return .year(CivilCalendar.civil(anchor.start).year + sign * n)
        default:
            return nil
        }
    }
}
