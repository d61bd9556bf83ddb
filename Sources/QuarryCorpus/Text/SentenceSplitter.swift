/// Splits a paragraph into sentences the way news text needs: not after "U.S." before a name,
/// "Dec." before a day, an initial ("Robert M. Cutler"), a title ("Sen.", "Dr."), nor inside a
/// quotation that runs over several sentences.
struct SentenceSplitter {
    /// A quotation longer than this is taken to be unbalanced, and splitting resumes inside it.
    var longestQuote = 600

    /// The sentences of `range` in `text`, as trimmed ranges.
    func split(_ text: ScalarText, _ range: Range<Int>) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = range.lowerBound
        var quoteDepth = 0
        var quoteOpenedAt = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let c = text[i]
            switch c {
            case "\u{201C}": quoteDepth += 1; quoteOpenedAt = i
            case "\u{201D}": quoteDepth = max(0, quoteDepth - 1)
            case "\"":
                if quoteDepth > 0 { quoteDepth -= 1 } else { quoteDepth = 1; quoteOpenedAt = i }
            default: break
            }
            guard c == "." || c == "!" || c == "?" || c == "\u{2026}" else { i += 1; continue }
            // Take the whole run of terminal marks and closing quotes or brackets.
            var end = i + 1
            while end < range.upperBound, ".!?\u{2026}".unicodeScalars.contains(text[end]) { end += 1 }
            var depthAfter = quoteDepth
            while end < range.upperBound, Self.closers.contains(text[end]) {
                if text[end] == "\u{201D}" || text[end] == "\"" { depthAfter = max(0, depthAfter - 1) }
                end += 1
            }
            let insideQuote = depthAfter > 0 && i - quoteOpenedAt < longestQuote
            if !insideQuote, isBoundary(text, mark: i, after: end, limit: range.upperBound) {
                sentences.append(text.trimmed(start..<end))
                start = end
                quoteDepth = 0
            } else {
                quoteDepth = depthAfter
            }
            i = end
        }
        let rest = text.trimmed(start..<range.upperBound)
        if !rest.isEmpty { sentences.append(rest) }
        return sentences.filter { !$0.isEmpty }
    }

    private func isBoundary(_ text: ScalarText, mark: Int, after end: Int, limit: Int) -> Bool {
        // A boundary needs white space, then a capital, a digit or an opening quote or bracket.
        guard end < limit, text[end].isSpace else { return end >= limit }
        var next = end
        while next < limit, text[next].isSpace { next += 1 }
        guard next < limit else { return true }
        let first = text[next]
        guard first.isUppercase || first.isDigit || Self.openers.contains(first) else { return false }
        guard text[mark] == "." else { return true }

        let word = wordBefore(text, mark)
        let nextWord = wordAt(text, next)
        let bare = word.replacingOccurrences(".", "")
        if bare.count == 1, bare.first!.isUppercase { return false }  // an initial: "M. Cutler"
        if word.contains(".") {  // an initialism: "U.S. law", "U.N. Security Council"
            return Self.sentenceStarters.contains(nextWord)
        }
        let lower = word.lowercased()
        if Self.titles.contains(lower) { return false }
        if Self.monthAbbreviations.contains(lower), first.isDigit { return false }
        return true
    }

    /// The token that ends at `mark` (exclusive), back to white space or an opening bracket.
    private func wordBefore(_ text: ScalarText, _ mark: Int) -> String {
        var s = mark
        while s > 0, !text[s - 1].isSpace, text[s - 1] != "(" { s -= 1 }
        return text.string(s..<mark)
    }

    private func wordAt(_ text: ScalarText, _ start: Int) -> String {
        var e = start
        while e < text.count, text[e].isLetter { e += 1 }
        return text.string(start..<e)
    }

    static let closers: Set<Unicode.Scalar> = ["\"", "\u{201D}", "\u{2019}", "'", ")", "]"]
    static let openers: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{2018}", "'", "(", "["]
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "dr", "sen", "rep", "gen", "col", "lt", "sgt", "gov", "pres", "prof",
        "st", "no", "vs", "rev", "hon", "amb", "adm", "capt", "maj", "cmdr", "fig", "mt",
    ]
    static let monthAbbreviations: Set<String> = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    /// Words that open sentences and rarely follow an initialism inside one.
    static let sentenceStarters: Set<String> = [
        "The", "This", "That", "These", "Those", "It", "Its", "A", "An", "In", "But", "And", "He",
        "She", "They", "We", "I", "However", "Yet", "So", "If", "When", "While", "As", "Meanwhile",
        "There", "After", "Before", "On", "At", "For", "Such", "Still", "Now", "Then", "Moreover",
    ]
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
