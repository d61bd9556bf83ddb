import Foundation
import Quarry

/// Where a sentence's clauses begin and end: at semicolons, dashes and the conjunctions that
/// open a new clause with a subject of its own.
struct Clauses {
    private var starts: [Int] = [0]
    private let count: Int

    static let openers: Set<String> = ["while", "whereas", "although", "though", "but", "because", "since", "after", "before", "when", "as", "despite"]
    static let prepositions: Set<String> = [
        "of", "in", "to", "against", "on", "with", "for", "from", "over", "into", "at", "by", "near", "about", "than",
        "toward", "towards", "between", "among", "under", "within", "across", "through", "like", "including", "despite",
    ]

    init(_ tokens: [Token]) {
        count = tokens.count
        for (i, t) in tokens.enumerated() where i > 0 {
            if t.text == ";" || t.text == "—" || t.text == "–" || t.text == ":" { starts.append(i + 1) }
            else if Self.openers.contains(t.lower) && tokens[i - 1].text == "," { starts.append(i) }
        }
    }

    func start(of i: Int) -> Int { starts.last { $0 <= i } ?? 0 }
    func end(of i: Int) -> Int { (starts.first { $0 > i } ?? count) - 1 }

    /// A party at the head of its clause or after a comma, not the object of a preposition (nor
    /// coordinated with one: "the prospect of Azerbaijan and Turkey").
    func isSubject(_ phrase: ActorPhrase, _ tokens: [Token], _ phrases: [ActorPhrase] = []) -> Bool {
        let k = phrase.tokens.lowerBound
        guard !phrase.possessive else { return false }
        var p = k - 1
        while p >= 0, ["the", "a", "an"].contains(tokens[p].lower) { p -= 1 }
        if p >= 1, ["and", "or"].contains(tokens[p].lower), let previous = phrases.first(where: { $0.tokens.upperBound == p }) {
            return isSubject(previous, tokens, phrases)
        }
        // "of Nagorno-Karabakh's Armenian population": the phrase is its owner's.
        if p >= 1, tokens[p].isPossessive, let owner = phrases.first(where: { $0.tokens.upperBound == p }) {
            var q = owner.tokens.lowerBound - 1
            while q >= 0, ["the", "a", "an"].contains(tokens[q].lower) { q -= 1 }
            return q < 0 || !Self.prepositions.contains(tokens[q].lower)
        }
        return p < 0 || !Self.prepositions.contains(tokens[p].lower)
    }
}

extension EventCoder {
    struct Parties {
        var actors: [ActorPhrase]
        var target: ActorPhrase?
        /// Whether the actor was the clause's subject (and so the subject of what follows).
        var fromSubject: Bool
        /// Which rule found the actor, for tracing.
        var rule: String = "none"
    }

    /// Verbs whose object is a party, not their subject: "told Fox News", "urged Iran".
    static let objectVerbs: Set<String> = ["told", "tells", "tell", "asked", "asks", "urged", "urges", "informed", "warned", "called", "gave", "giving", "give", "gives", "sent", "allowed", "allowing", "helped", "forced", "persuaded", "saw", "see", "sees", "let"]

    /// Words a noun's modifiers never run across: verbs' helpers, conjunctions, prepositions.
    func isModifierStop(_ word: String) -> Bool {
        TriggerMatcher.verbContext.contains(word) || Clauses.prepositions.contains(word)
            || ["the", "a", "an", "and", "or", "but", ",", "that"].contains(word)
    }

    /// Nouns through which a party acts in "by a decision of X".
    static let agencyNouns: Set<String> = ["decision", "order", "decree", "ruling", "resolution", "vote", "orders", "command"]

    static let beForms: Set<String> = ["was", "were", "is", "are", "be", "been", "being", "got", "get", "gets"]
    static let pronouns: Set<String> = ["it", "they", "he", "she", "its", "their", "his", "her"]

    /// The actor and target of a trigger, by the rules of its part of speech.
    func assign(_ match: TriggerMatch, tokens: [Token], phrases: [ActorPhrase], clauses: Clauses, lastSubject: ActorPhrase?) -> Parties {
        let at = match.tokens.lowerBound
        let after = match.tokens.upperBound
        let clauseStart = clauses.start(of: at)
        let clauseEnd = clauses.end(of: at)
        let trigger = match.trigger

        func phrase(startingAt k: Int) -> ActorPhrase? {
            if let p = phrases.first(where: { $0.tokens.lowerBound == k }) { return p }
            var k = k
            while k < tokens.count, ["the", "a", "an"].contains(tokens[k].lower) { k += 1 }
            return phrases.first { $0.tokens.lowerBound == k }
        }
        /// A phrase and those coordinated with it: "the United States, European Union, and Russia".
        func coordinated(_ first: ActorPhrase) -> [ActorPhrase] {
            var list = [first]
            var k = first.tokens.upperBound
            while k < tokens.count {
                var j = k
                while j < tokens.count, [",", "and", "or", "as", "well"].contains(tokens[j].lower) { j += 1 }
                guard j > k, let next = phrase(startingAt: j) else { break }
                list.append(next)
                k = next.tokens.upperBound
            }
            return list
        }
        func firstAfter(_ k: Int, within limit: Int, excluding: String?) -> ActorPhrase? {
            phrases.first { $0.tokens.lowerBound >= k && $0.tokens.lowerBound <= min(clauseEnd, k + limit) && $0.countedAs != excluding }
        }
        func introduced(by words: Set<String>, within limit: Int) -> ActorPhrase? {
            var k = after
            while k < tokens.count, k <= min(clauseEnd, after + limit) {
                if words.contains(tokens[k].lower) {
                    if let p = phrase(startingAt: k + 1) { return p }
                    // "by a decision of the People's Commissariat", "by order of the president".
                    if words.contains("by"), let of = (k + 1..<min(tokens.count, k + 5)).first(where: { ["of", "from"].contains(tokens[$0].lower) }),
                       (k + 1..<of).allSatisfy({ Self.agencyNouns.contains(tokens[$0].lower) || ["a", "an", "the"].contains(tokens[$0].lower) }),
                       let p = phrase(startingAt: of + 1) {
                        return p
                    }
                }
                k += 1
            }
            return nil
        }
        /// The nearest party before `k` in the clause that is neither a preposition's nor a
        /// verb's object.
        func subject(before k: Int) -> ActorPhrase? {
            let candidates = phrases.filter { $0.tokens.upperBound <= k && $0.tokens.lowerBound >= clauseStart }
            // "urged Iran to begin talks", "led Russia to accuse": the party before "to" acts.
            if k >= 1, tokens[k - 1].lower == "to", let before = candidates.last, before.tokens.upperBound == k - 1, !before.possessive {
                return before
            }
            // "saw Azerbaijan target": a party right before the verb is its subject.
            if let adjacent = candidates.last, adjacent.tokens.upperBound == k, clauses.isSubject(adjacent, tokens, phrases) {
                return adjacent
            }
            return candidates.last { clauses.isSubject($0, tokens, phrases) && !isObject($0) }
        }
        /// "told Fox News", "urged Iran": a party right after a verb is its object.
        func isObject(_ phrase: ActorPhrase) -> Bool {
            var p = phrase.tokens.lowerBound - 1
            while p >= 0, ["the", "a", "an"].contains(tokens[p].lower) { p -= 1 }
            guard p >= 0 else { return false }
            let word = tokens[p].lower
            if Self.objectVerbs.contains(word) { return true }
            return lexicon.triggers[word]?.contains { $0.partOfSpeech == .verb && $0.words.count == 1 && !$0.inverse } ?? false
        }
        func subjectOrPronoun(before k: Int) -> ActorPhrase? {
            if let s = subject(before: k) { return s }
            // "He said", "It has attacked": a subject pronoun right before the verb (its helpers
            // and adverbs between) stands for the previous sentence's last subject.
            var p = k - 1
            while p >= clauseStart, TriggerMatcher.verbContext.contains(tokens[p].lower) && !Self.pronouns.contains(tokens[p].lower) || tokens[p].lower.hasSuffix("ly") { p -= 1 }
            guard p >= clauseStart, ["he", "she", "it", "they"].contains(tokens[p].lower) else { return nil }
            return lastSubject
        }

        // Inverse verbs: "Baku received drones from Israel".
        if trigger.inverse {
            guard let source = introduced(by: ["from"], within: 12) else { return Parties(actors: [], target: nil, fromSubject: false) }
            return Parties(actors: coordinated(source), target: subject(before: at), fromSubject: false, rule: "inverse")
        }
        let passive = trigger.partOfSpeech == .verb && trigger.isParticiple && at > 0
            && (max(clauseStart, at - 3)..<at).contains { Self.beForms.contains(tokens[$0].lower) }
        // "… by X": the passive's agent, and a noun's ("a violation by Azerbaijan").
        if passive || trigger.partOfSpeech == .noun || trigger.isParticiple && tokens[at].lower.hasSuffix("ed"),
           let agent = introduced(by: ["by"], within: passive ? 10 : trigger.partOfSpeech == .noun ? 0 : 1) {
            let patient = passive ? subject(before: at) : firstAfter(after, within: 8, excluding: agent.countedAs)
            return Parties(actors: coordinated(agent), target: patient?.tokens.lowerBound == agent.tokens.lowerBound ? nil : patient, fromSubject: false, rule: "by")
        }
        if passive { return Parties(actors: [], target: nil, fromSubject: false) }

        if trigger.partOfSpeech == .noun {
            let capitalized = at > 0 && tokens[at].isCapitalized
            // "Azerbaijan's offensive", "its embrace", "its widely documented restriction".
            var k = at - 1
            while k >= clauseStart, at - k <= 4 {
                if tokens[k].isPossessive, !trigger.needsLightVerb, let owner = phrases.first(where: { $0.tokens.upperBound == k }) {
                    return Parties(actors: [owner], target: firstAfter(after, within: 8, excluding: owner.countedAs), fromSubject: false, rule: "possessive")
                }
                guard tokens[k].isWord, !tokens[k].isCapitalized, !isModifierStop(tokens[k].lower) else { break }
                k -= 1
            }
            // "calls from the United States, European Union, and Russia".
            if after < tokens.count, tokens[after].lower == "from", !trigger.needsLightVerb, let source = phrase(startingAt: after + 1) {
                return Parties(actors: coordinated(source), target: firstAfter(source.tokens.upperBound, within: 10, excluding: source.countedAs), fromSubject: false, rule: "from")
            }
            // "Azerbaijan initiated the war", "Tehran has conducted exercises", "Israel was an arms supplier".
            if let light = lightVerb(before: at, tokens: tokens, from: clauseStart),
               !(light > 0 && tokens[light - 1].lower == "to" && !EventCoder.aspectual.contains(light > 1 ? tokens[light - 2].lower : "")),
               let actor = subjectOrPronoun(before: light) {
                return Parties(actors: coordinatedBackward(actor, phrases: phrases, tokens: tokens),
                               target: firstAfter(after, within: 8, excluding: actor.countedAs), fromSubject: true, rule: "light-verb")
            }
            if trigger.needsLightVerb { return Parties(actors: [], target: nil, fromSubject: false) }
            // "Turkish lobbying", "the Azerbaijani offensive": a party's adjective just before.
            if !capitalized, at > 0, let owner = phrases.first(where: { $0.tokens.upperBound == at }), !owner.possessive {
                return Parties(actors: [owner], target: firstAfter(after, within: 8, excluding: owner.countedAs), fromSubject: false, rule: "adjective")
            }
            return Parties(actors: [], target: nil, fromSubject: false)
        }

        // A verb: its subject, and the first party after it.
        guard let actor = subjectOrPronoun(before: at) else { return Parties(actors: [], target: nil, fromSubject: false) }
        return Parties(actors: coordinatedBackward(actor, phrases: phrases, tokens: tokens),
                       target: firstAfter(after, within: 10, excluding: actor.countedAs), fromSubject: true, rule: "subject")
    }

    /// A subject with the parties coordinated before it: "Azerbaijan and Turkey tried", "the
    /// US, Russia and France opposed".
    private func coordinatedBackward(_ last: ActorPhrase, phrases: [ActorPhrase], tokens: [Token]) -> [ActorPhrase] {
        var list = [last]
        // A pronoun's antecedent comes from an earlier sentence: nothing here is coordinated with it.
        guard phrases.contains(where: { $0.tokens == last.tokens && $0.actor == last.actor }) else { return list }
        var current = last
        while true {
            var k = current.tokens.lowerBound - 1
            while k >= 0, ["the", "a", "an"].contains(tokens[k].lower) { k -= 1 }
            // The last two are joined by "and" or "or"; those before by commas.
            let joined = k >= 1 && (["and", "or"].contains(tokens[k].lower) || (tokens[k].text == "," && list.count > 1))
            guard joined else { break }
            var j = k - 1
            if tokens[j].text == "," { j -= 1 }
            guard j >= 0, let previous = phrases.first(where: { $0.tokens.upperBound - 1 == j }), !previous.possessive else { break }
            list.insert(previous, at: 0)
            current = previous
        }
        return list
    }

    /// A light verb shortly before a noun trigger, with only its modifiers between them.
    private func lightVerb(before k: Int, tokens: [Token], from start: Int) -> Int? {
        var j = k - 1
        var steps = 0
        while j >= start, steps < 6 {
            for form in lexicon.lightVerbs[tokens[j].lower] ?? [] {
                let first = j - form.count + 1
                guard first >= start else { continue }
                if (0..<form.count).allSatisfy({ tokens[first + $0].lower == form[$0] }) { return first }
            }
            if [",", ";", "and", "that", "which", "who", "when", "where"].contains(tokens[j].lower) || Clauses.prepositions.contains(tokens[j].lower)
                || Clauses.openers.contains(tokens[j].lower) { return nil }
            j -= 1
            steps += 1
        }
        return nil
    }

    /// Negated, hypothetical, reported, claimed or asserted, from the words before the trigger.
    static func factuality(_ tokens: [Token], before k: Int, clauses: Clauses) -> Factuality {
        let start = max(clauses.start(of: k), k - 5)
        let window = tokens[start..<k].map(\.lower)
        if window.contains(where: { ["not", "n't", "never", "neither", "nor", "without", "no"].contains($0) }) { return .negated }
        // "May" inside a sentence is the month, not the modal.
        let clause = tokens[clauses.start(of: k)..<k].enumerated().map { $0.element.text == "May" && $0.offset + clauses.start(of: k) > 0 ? "" : $0.element.lower }
        if clause.contains(where: { ["would", "could", "might", "may", "will", "should", "shall", "can", "if", "unless", "must"].contains($0) }) {
            return .hypothetical
        }
        let sentence = tokens.map(\.lower)
        if sentence.contains(where: { ["allegedly", "purportedly"].contains($0) }) || clause.contains(where: { ["claimed", "claims", "alleged", "alleges"].contains($0) }) {
            return .claimed
        }
        if sentence.contains("reportedly") || zip(sentence, sentence.dropFirst()).contains(where: { $0 == "according" && $1 == "to" })
            || clause.contains(where: { ["said", "says", "told", "stated", "reported", "announced", "claimed"].contains($0) }) {
            return .reported
        }
        return .asserted
    }

    /// The date of an event: the time expression of its clause nearest the trigger, else the
    /// previous sentence's last, else the publication (inferred: it happened by then).
    static func date(for k: Int, _ found: [FoundTime], previous: [FoundTime], published: QuarryDate?, tokens: [Token] = [],
                     isTrigger: (String) -> Bool = { _ in false }) -> (date: QuarryDate, text: String?, basis: DateBasis) {
        // A year that modifies a noun dates that noun: "a reference to the 1990 declaration" says
        // nothing of when the reference was made; "Saddam's 1990 invasion" dates an act, and
        // whatever is done to it.
        let usable = found.filter { time in
            let year = time.tokens.upperBound - 1
            guard !tokens.isEmpty, time.date.precision == .year, year > 0, year + 1 < tokens.count else { return true }
            let before = tokens[year - 1], after = tokens[year + 1]
            let modifier = (TriggerMatcher.determiners.contains(before.lower) || before.isPossessive) && after.isWord && !after.isCapitalized
            return !modifier || isTrigger(after.lower)
        }
        if let nearest = usable.min(by: { distance($0, k) < distance($1, k) }) {
            return (nearest.date, nearest.basis == .explicit ? nil : nearest.text, nearest.basis)
        }
        if let last = previous.last {
            return (last.date, last.text, last.basis == .explicit ? .inferred : last.basis)
        }
        if let published { return (published, nil, .inferred) }
        return (QuarryDate(start: -QuarryDate.dayLimit, end: QuarryDate.dayLimit, precision: .range), nil, .inferred)
    }

    private static func distance(_ time: FoundTime, _ k: Int) -> Int {
        // A date after the trigger usually belongs to it ("attacked on May 12"); before it, less often.
        time.tokens.lowerBound >= k ? time.tokens.lowerBound - k : 2 * (k - time.tokens.upperBound) + 1
    }
}
