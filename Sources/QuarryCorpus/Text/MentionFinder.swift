/// Finds the gazetteer's actors and places in sentences: canonical names, aliases, demonyms,
/// capitals standing for their governments, and possessives ("Azerbaijan’s", "Baku's").
///
/// Matching is by whole words, case-sensitive (these are proper names), longest alias first. A
/// name that is both a capital and a government ("Baku") is a place after "in", "at", "near" or
/// "from the city of", and the government otherwise.
struct MentionFinder {
    private struct Entry {
        /// The alias's scalars, with typeset apostrophes and no-break spaces made plain.
        let alias: [Unicode.Scalar]
        let tokenCount: Int
        let actor: String?
        let place: String?
    }

    /// Aliases by a hash of their first word, longest first; a match is confirmed scalar by
    /// scalar, so a collision costs a comparison, never a wrong mention.
    private var byFirstToken: [UInt64: [Entry]] = [:]

    init(actors: [Actor], places: [Place]) {
        func add(_ alias: String, actor: String?, place: String?) {
            let tokens = Self.tokens(alias)
            guard let first = tokens.first else { return }
            let entry = Entry(alias: Self.normalized(Array(alias.unicodeScalars)), tokenCount: tokens.count,
                              actor: actor, place: place)
            let scalars = Array(first.text.unicodeScalars)
            byFirstToken[Self.hash(scalars, 0..<scalars.count), default: []].append(entry)
        }
        for actor in actors {
            for alias in [actor.name] + actor.aliases { add(alias, actor: actor.name, place: nil) }
        }
        for place in places {
            for alias in [place.name] + place.aliases { add(alias, actor: nil, place: place.name) }
        }
        for key in byFirstToken.keys {
            byFirstToken[key]!.sort { $0.tokenCount > $1.tokenCount }
        }
    }

    /// The mentions in one sentence; offsets count scalars in the whole page.
    func mentions(in page: ScalarText, sentence range: Range<Int>, doc: String, sentenceIndex: Int) -> [Mention] {
        let tokens = Self.tokens(page.scalars, range)
        var found: [Mention] = []
        var i = 0
        next: while i < tokens.count {
            guard let candidates = byFirstToken[Self.hash(page.scalars, tokens[i].start..<tokens[i].end)] else {
                i += 1
                continue
            }
            let locative = i > 0 && Self.locativeWords.contains(page.string(tokens[i - 1].start..<tokens[i - 1].end))
            var best: (entry: Entry, count: Int)?
            for entry in candidates where i + entry.tokenCount <= tokens.count {
                if let best, best.count > entry.tokenCount { break }
                let span = tokens[i].start..<tokens[i + entry.tokenCount - 1].end
                guard Self.matches(page.scalars, span, entry.alias) else { continue }
                // Among equally long matches, a place after "in", "at"..., otherwise an actor.
                if best == nil || (locative ? entry.place != nil : entry.actor != nil) && (locative ? best!.entry.place == nil : best!.entry.actor == nil) {
                    best = (entry, entry.tokenCount)
                }
            }
            guard let (entry, count) = best else { i += 1; continue next }
            let span = tokens[i].start..<tokens[i + count - 1].end
            found.append(Mention(actor: entry.actor, place: entry.place, doc: doc, sentence: sentenceIndex,
                                 text: page.string(span), start: span.lowerBound, end: span.upperBound))
            i += count
        }
        return found
    }

    /// FNV-1a over the scalars, with typeset apostrophes made plain as in the aliases.
    private static func hash(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range {
            h = (h ^ UInt64(normalized(scalars[i]).value)) &* 0x100_0000_01b3
        }
        return h
    }

    private static func matches(_ scalars: [Unicode.Scalar], _ span: Range<Int>, _ alias: [Unicode.Scalar]) -> Bool {
        guard span.count == alias.count else { return false }
        for (k, i) in span.enumerated() where normalized(scalars[i]) != alias[k] { return false }
        return true
    }

    private static func normalized(_ s: Unicode.Scalar) -> Unicode.Scalar {
        s == "\u{2019}" ? "'" : s == "\u{00A0}" ? " " : s
    }

    private static func normalized(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        scalars.map { normalized($0) }
    }

    struct Token {
        let text: String
        /// Scalar offsets within the string tokenised.
        let start: Int
        let end: Int
    }

    /// Words split at spaces, punctuation and hyphens; a possessive "’s" is left off; an
    /// initialism keeps its dots ("U.S.").
    static func tokens(_ text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        return tokens(scalars, 0..<scalars.count).map { token in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[token.start..<token.end])
            return Token(text: String(view), start: token.start, end: token.end)
        }
    }

    /// Word ranges of `scalars[range]` (offsets into `scalars`).
    static func tokens(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> [(start: Int, end: Int)] {
        var result: [(start: Int, end: Int)] = []
        var i = range.lowerBound
        func isWordScalar(_ s: Unicode.Scalar) -> Bool { s.isWordPart && s != "-" && s != "'" && s != "\u{2019}" }
        while i < range.upperBound {
            guard isWordScalar(scalars[i]) else { i += 1; continue }
            var j = i
            while j < range.upperBound {
                if isWordScalar(scalars[j]) { j += 1; continue }
                // The dots of an initialism (U.S., U.N.) and an apostrophe inside a word (d'Ivoire).
                let next = j + 1 < range.upperBound ? scalars[j + 1] : " "
                if scalars[j] == ".", scalars[j - 1].isUppercase, j - 1 == i || scalars[j - 2] == "." {
                    j += 1; continue
                }
                if scalars[j].isApostrophe, next.isLetter,
                   !(next == "s" && !(j + 2 < range.upperBound && scalars[j + 2].isLetter)) {
                    j += 1; continue
                }
                break
            }
            result.append((i, j))
            i = j
        }
        return result
    }

    static let locativeWords: Set<String> = ["in", "In", "at", "near", "outside", "to", "across"]
}
