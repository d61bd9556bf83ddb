/// A trigger found in a sentence.
struct TriggerMatch {
    /// Token positions of the trigger's words (a phrase may skip a few words: "raised the
    /// country's flag"), first to last, end exclusive.
    var tokens: Range<Int>
    var trigger: CodingLexicon.Trigger
}

/// Finds the lexicon's triggers in a sentence and decides, for a word that is both a verb and a
/// noun ("attack", "calls"), which one it is from the word before it.
struct TriggerMatcher {
    let lexicon: CodingLexicon

    /// Words after which a form reads as a noun: determiners, possessives, adjectives of degree.
    static let nounContext: Set<String> = [
        "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "'s", "'",
        "of", "any", "new", "further", "such", "no", "every", "each", "more", "recent", "military", "surprise",
        "full-scale", "large-scale", "ongoing", "repeated", "renewed", "latest", "first", "second", "deadly",
        "alleged", "brutal", "massive", "major", "joint", "fresh", "for", "in", "on", "after", "against", "with",
        "by", "from", "despite", "amid", "during", "over", "to",
    ]
    /// Words after which a form reads as a verb: auxiliaries, pronouns, "to".
    static let verbContext: Set<String> = [
        "to", "has", "have", "had", "will", "would", "could", "might", "may", "can", "must", "should", "did", "does",
        "do", "not", "n't", "never", "also", "was", "were", "is", "are", "be", "been", "being", "it", "they", "he",
        "she", "we", "who", "which", "that", "and", "repeatedly", "reportedly", "allegedly", "formally", "explicitly",
        "again", "then", "later", "already", "recently", "jointly", "effectively", "essentially",
    ]

    static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "'s", "this", "these", "those", "our"]

    /// A determiner or possessive just before, or before one or two modifiers ("its key regional allies").
    static func determinerBefore(_ tokens: [Token], _ i: Int, skip: (Int) -> Bool) -> Bool {
        var k = i - 1
        while k >= 0, i - k <= 3 {
            if determiners.contains(tokens[k].lower) { return true }
            guard tokens[k].isWord, !skip(k), !verbContext.contains(tokens[k].lower), !tokens[k].lower.hasSuffix("ly"),
                  !tokens[k].lower.hasSuffix("s") || i - k == 1 && tokens[k].lower.hasSuffix("ss")
            else { return false }
            k -= 1
        }
        return false
    }

    func matches(_ tokens: [Token], skip: (Int) -> Bool) -> [TriggerMatch] {
        var found: [TriggerMatch] = []
        var consumed = Set<Int>()
        var i = 0
        while i < tokens.count {
            guard !skip(i), !consumed.contains(i), let candidates = lexicon.triggers[tokens[i].lower] else { i += 1; continue }
            var best: [TriggerMatch] = []
            for trigger in candidates {
                guard let range = match(trigger, tokens, at: i, skip: skip) else { continue }
                if let current = best.first, current.trigger.words.count > trigger.words.count { continue }
                if let current = best.first, current.trigger.words.count < trigger.words.count { best = [] }
                best.append(TriggerMatch(tokens: range, trigger: trigger))
            }
            // After a determiner or a possessive only a noun can follow ("its calls for").
            if i > 0, Self.determiners.contains(tokens[i - 1].lower), !best.contains(where: { $0.trigger.partOfSpeech == .noun }) {
                best = []
            }
            // "the main power broker": after a determiner and its modifiers, a noun or nothing;
            // but "a cease-fire mediated by Russia" is a participle after its noun.
            let participle = tokens[i].lower.hasSuffix("ed")
            if participle ? (i > 0 && Self.determiners.contains(tokens[i - 1].lower)) : Self.determinerBefore(tokens, i, skip: skip) {
                let nouns = best.filter { $0.trigger.partOfSpeech == .noun }
                if nouns.isEmpty {
                    let single = candidates.filter { $0.partOfSpeech == .noun && $0.words.count == 1 }
                    best = single.map { TriggerMatch(tokens: i..<(i + 1), trigger: $0) }
                } else {
                    best = nouns
                }
            }
            guard !best.isEmpty else { i += 1; continue }
            let chosen = choose(best, tokens, at: i)
            found.append(chosen)
            // A phrase's words are taken; the words its gap skipped may still carry triggers.
            var k = i
            for word in chosen.trigger.words {
                while k < chosen.tokens.upperBound, tokens[k].lower != word { k += 1 }
                consumed.insert(k)
                k += 1
            }
            i += 1
        }
        return found
    }

    /// A phrase's later words may be up to five tokens away when it is a verb phrase.
    private func match(_ trigger: CodingLexicon.Trigger, _ tokens: [Token], at i: Int, skip: (Int) -> Bool) -> Range<Int>? {
        var k = i + 1
        for word in trigger.words.dropFirst() {
            let limit = trigger.partOfSpeech == .verb ? min(tokens.count, k + 5) : min(tokens.count, k + 1)
            var found: Int?
            var j = k
            while j < limit {
                if tokens[j].lower == word { found = j; break }
                if [".", ";", ",", ":"].contains(tokens[j].text) { break }
                j += 1
            }
            guard let at = found else { return nil }
            k = at + 1
        }
        return i..<k
    }

    /// Among equally long readings, the noun after a determiner or adjective and the verb after
    /// an auxiliary or a subject.
    private func choose(_ options: [TriggerMatch], _ tokens: [Token], at i: Int) -> TriggerMatch {
        guard options.count > 1 else { return options[0] }
        let previous = i > 0 ? tokens[i - 1].lower : ""
        let beforePrevious = i > 1 ? tokens[i - 2].lower : ""
        let next = i + 1 < tokens.count ? tokens[i + 1].lower : ""
        let wantsNoun = Self.nounContext.contains(previous) && previous != "to"
            || (i > 0 && tokens[i - 1].isCapitalized && !Self.verbContext.contains(previous))
            // "a sharp rebuke", "their new offensive": a determiner and an adjective.
            || (["a", "an", "the", "its", "their", "his", "her", "'s"].contains(beforePrevious) && !Self.verbContext.contains(previous) && !previous.hasSuffix("ly"))
            // "calls from", "rebuke of": verbs are seldom followed by these.
            || (["of", "from"].contains(next) && !Self.verbContext.contains(previous))
        let preferred = options.first { ($0.trigger.partOfSpeech == .noun) == wantsNoun }
        return preferred ?? options[0]
    }
}
