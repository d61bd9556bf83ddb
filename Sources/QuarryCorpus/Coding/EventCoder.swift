import Foundation
import Quarry

/// Codes the events of one article's body text, sentence by sentence, as the field's rule coders
/// do: triggers from the lexicon, the actor and target from the sentence's parties (subject and
/// object, "by X" in the passive, possessives of nouns), factuality from negation, modality and
/// attribution, and the date from the sentence's time expressions resolved against the
/// publication.
struct EventCoder {
    let gazetteer: Gazetteer
    let lexicon: CodingLexicon

    /// Roles whose sentences are coded: the article's own text, not comments, captions or teasers.
    static let codedRoles: Set<ParagraphRole> = [.body, .heading, .subtitle]

    struct Output {
        var events: [Event]
        var actors: [Actor]
    }

    /// Codes an article and adds what it took to `statistics`.
    func code(_ article: ProcessedArticle, recording statistics: inout CodingStatistics) -> Output {
        let started = ContinuousClock.now
        let output = code(article)
        statistics.duration += ContinuousClock.now - started
        statistics.articles += 1
        statistics.sentences += article.sentences.count { Self.codedRoles.contains(article.paragraphs[$0.paragraph].role) }
        return output
    }

    func code(_ article: ProcessedArticle) -> Output {
        let doc = article.document
        let prefix = "x" + (doc.id.split(separator: "_").first.map(String.init) ?? doc.id)
        var finder = ActorPhraseFinder(gazetteer: gazetteer, lexicon: lexicon)
        let triggers = TriggerMatcher(lexicon: lexicon)
        let times = TimeExpressionFinder()
        var mentionsBySentence: [Int: [(actor: String, start: Int, end: Int)]] = [:]
        var placeMentions: [Int: [(place: String, start: Int, end: Int)]] = [:]
        for mention in article.mentions {
            let sentence = article.sentences[mention.sentence]
            let (start, end) = (mention.start - sentence.start, mention.end - sentence.start)
            if let actor = mention.actor {
                mentionsBySentence[mention.sentence, default: []].append((actor, start, end))
            } else if let place = mention.place {
                placeMentions[mention.sentence, default: []].append((place, start, end))
            }
        }
        // People are met before they act: a first pass learns every title's name and, where a
        // sentence gives it, the country, so that "Pashinyan said" finds him wherever he stands.
        var tokenized: [Int: (scalars: [Unicode.Scalar], tokens: [Token])] = [:]
        for sentence in article.sentences where Self.codedRoles.contains(article.paragraphs[sentence.paragraph].role) {
            let scalars = Array(sentence.text.unicodeScalars)
            let tokens = Token.split(scalars)
            tokenized[sentence.index] = (scalars, tokens)
            _ = finder.phrases(tokens, mentions: mentionsBySentence[sentence.index] ?? [], places: placeMentions[sentence.index] ?? [])
        }
        var events: [Event] = []
        var seen: Set<String> = []
        // "two days earlier" counts from the last day the story gave, at first its dateline's.
        var storyAnchor: QuarryDate? = doc.published?.precision == .day ? doc.published : nil
        // The year of the last date written out, in this paragraph or the one before.
        var narrativeYear: (year: Int, paragraph: Int)?
        var lastSubject: ActorPhrase?
        var lastSubjectSentence = -2
        var previousParagraph = -1
        var previousSentenceTimes: [FoundTime] = []
        for sentence in article.sentences {
            let paragraph = article.paragraphs[sentence.paragraph]
            guard Self.codedRoles.contains(paragraph.role), paragraph.duplicateOf == nil else { continue }
            if sentence.paragraph != previousParagraph {
                previousParagraph = sentence.paragraph
                previousSentenceTimes = []
            }
            guard let (scalars, tokens) = tokenized[sentence.index] else { continue }
            let phrases = finder.phrases(tokens, mentions: mentionsBySentence[sentence.index] ?? [], places: placeMentions[sentence.index] ?? [])
            let year = narrativeYear.flatMap { sentence.paragraph - $0.paragraph <= 1 ? $0.year : nil }
            let found = times.find(tokens, published: doc.published, storyAnchor: storyAnchor, narrativeYear: year)
            var inPhrase = [Bool](repeating: false, count: tokens.count)
            for p in phrases { for k in p.tokens { inPhrase[k] = true } }
            let matches = triggers.matches(tokens, skip: { inPhrase[$0] })
            // A pronoun reaches back one sentence, no further.
            if lastSubjectSentence != sentence.index - 1 { lastSubject = nil }
            let clauses = Clauses(tokens)
            var complementUntil = -1
            var complementFrom = Int.max
            var sentenceKeys: Set<String> = []
            for match in matches {
                let at = match.tokens.lowerBound
                // The act an accusation, a demand or a refusal is about ("accused X of violating",
                // "urged X to withdraw") is not an event of its own.
                if at <= complementUntil, match.trigger.partOfSpeech == .verb,
                   (max(0, at - 3)..<at).contains(where: { ["to", "of"].contains(tokens[$0].lower) }) {
                    continue
                }
                let isComplement = at <= complementUntil && at >= complementFrom
                if Self.speechActs.contains(match.trigger.type) {
                    complementUntil = min(clauses.end(of: at), match.tokens.upperBound + 14)
                    complementFrom = match.tokens.upperBound
                }
                // A condition ("if Azerbaijan attacked…") is not an act, nor is a reciprocal one
                // whose parties the text does not name ("accused each other").
                if Self.isInCondition(tokens, at) || Self.isReciprocal(tokens, after: match.tokens.upperBound) { continue }
                // "Armenia's internationally recognized territory", "its widely documented
                // restriction": a participle used as an adjective.
                if match.trigger.partOfSpeech == .verb, at > 1, tokens[at - 1].lower.hasSuffix("ly"),
                   TriggerMatcher.determiners.contains(tokens[at - 2].lower) { continue }
                // "while denying", "by endorsing", "of Turkey occupying": a gerund, not a report.
                if match.trigger.partOfSpeech == .verb, tokens[at].lower.hasSuffix("ing"), Self.gerundContext(tokens, at) { continue }
                if isBackground(match, tokens) || isModifier(match, tokens) || Self.isInfinitive(match, tokens) { continue }
                // A capitalised word inside a sentence is a name ("the Second Karabakh War"), never a verb.
                if at > 0, tokens[at].isCapitalized, match.trigger.partOfSpeech == .verb || MonthNames.number(tokens[at].lower) != nil { continue }
                let parties = assign(match, tokens: tokens, phrases: phrases, clauses: clauses, lastSubject: lastSubject)
                if Self.tracing {
                    let words = tokens[match.tokens].map(\.text).joined(separator: " ")
                    let actors = parties.actors.map { "\($0.detail)→\($0.countedAs)" }.joined(separator: ", ")
                    print("trace \(doc.id) s\(sentence.index) [\(words)] \(match.trigger.type.rawValue)/\(match.trigger.partOfSpeech) actors: \(actors.isEmpty ? "none" : actors) (\(parties.rule)) target: \(parties.target?.countedAs ?? "-")")
                }
                guard !parties.actors.isEmpty else { continue }
                // "met Aliyev" but not "met the terms"; "entered Shusha" but not "entered talks".
                if match.trigger.needsParty {
                    let end = min(tokens.count, match.tokens.upperBound + 3)
                    let party = parties.target.map { $0.tokens.lowerBound < end } ?? false
                    let place = (match.tokens.upperBound..<end).contains { k in
                        (placeMentions[sentence.index] ?? []).contains { $0.start >= tokens[k].start && $0.start < tokens[k].end }
                    }
                    if !party && !place { continue }
                }
                var factuality = Self.factuality(tokens, before: at, clauses: clauses)
                // "warned that it would oppose…": what a threat or a demand says would happen is
                // its content, not another act.
                if isComplement, factuality == .hypothetical,
                   (max(0, at - 8)..<at).contains(where: { tokens[$0].lower == "that" }) { continue }
                var type = match.trigger.type
                var mode = match.trigger.mode
                // PLOVER: refusing to meet ("will not engage in talks") or to agree ("would not
                // accept") is a rejection; a meeting that did not happen is only a negated one.
                if factuality == .negated, type == .consult || type == .agree && Self.refuses(tokens, before: at) {
                    mode = type == .consult ? "meet" : mode
                    type = .reject
                    factuality = .asserted
                }
                // "captured Shusha" is a seizure, "captured six soldiers" an abduction.
                if let switched = lexicon.onPeople[match.trigger.lemma],
                   parties.rule == "by" ? parties.target.map({ isPeople($0, tokens) }) ?? false : objectIsPeople(tokens, after: match.tokens.upperBound, phrases: phrases) {
                    type = switched.type
                    mode = switched.mode
                }
                // "pogroms in Sumgait (February 1988), Kirovabad (November 1988)…": an act per date.
                let listed = found.filter { $0.tokens.lowerBound > at && $0.tokens.lowerBound <= clauses.end(of: at) && $0.tokens.lowerBound > 0 && tokens[$0.tokens.lowerBound - 1].text == "(" }
                let dates = listed.count >= 2
                    ? listed.map { (date: $0.date, text: $0.basis == .explicit ? nil : $0.text, basis: $0.basis) }
                    : [Self.date(for: at, found, previous: previousSentenceTimes, published: doc.published, tokens: tokens,
                                  isTrigger: { lexicon.triggers[$0] != nil })]
                // "Pashinyan and Aliyev signed": each is the other's counterpart.
                let mutual: Set<EventType> = [.agree, .consult, .cooperate]
                let pair = parties.actors.count == 2 && mutual.contains(type) && parties.actors[0].countedAs != parties.actors[1].countedAs
                for date in dates {
                for (n, actor) in parties.actors.enumerated() {
                    let target = pair ? parties.actors[1 - n] : parties.target.flatMap { $0.countedAs == actor.countedAs ? nil : $0 }
                    // One event per party (as named), type and date in a sentence: "opened fire …,
                    // killing one" is one act; Glaspie's and Jeffrey's green lights are two.
                    guard sentenceKeys.insert("\(actor.actor)|\(type.rawValue)|\(date.date)").inserted else { continue }
                    let articleKey = "\(actor.countedAs)|\(type.rawValue)|\(target?.countedAs ?? "")|\(match.trigger.lemma)|\(date.date)"
                    guard seen.insert(articleKey).inserted else { continue }
                    let trigger = scalars[tokens[match.tokens.lowerBound].start..<tokens[match.tokens.upperBound - 1].end]
                    let n = events.count + 1
                    events.append(Event(
                        id: "\(prefix)-\(n < 10 ? "0" : "")\(n)", doc: doc.id, sentence: sentence.index,
                        evidence: sentence.text, trigger: String(String.UnicodeScalarView(trigger)),
                        summary: "\(actor.countedAs) \(match.trigger.lemma)\(target.map { " → \($0.countedAs)" } ?? "")",
                        type: type, mode: mode, actor: actor.countedAs, target: target?.countedAs,
                        actorDetail: actor.detail, targetDetail: target?.detail,
                        actorRole: roleTitle(actor.actor, on: date.date), date: date.date, dateText: date.text,
                        dateBasis: date.basis, place: nil, fatalities: nil, factuality: factuality, contexts: [],
                        source: "extracted",
                        triggerStart: tokens[match.tokens.lowerBound].start, triggerEnd: tokens[match.tokens.upperBound - 1].end))
                }
                }
                if let subject = parties.actors.first, parties.fromSubject, parties.rule != "pronoun" {
                    lastSubject = subject
                    lastSubjectSentence = sentence.index
                }
            }
            if let subject = phrases.last(where: { clauses.isSubject($0, tokens, phrases) }) {
                lastSubject = subject
                lastSubjectSentence = sentence.index
            }
            if let last = found.last(where: { $0.date.precision == .day }) { storyAnchor = last.date }
            if let last = found.last(where: { $0.basis == .explicit }) {
                narrativeYear = (CivilCalendar.civil(last.date.end).year, sentence.paragraph)
            }
            previousSentenceTimes = found
        }
        return Output(events: events, actors: finder.extracted)
    }

    /// Whether a party is people: a people, a force, or a phrase ending in a people noun.
    func isPeople(_ phrase: ActorPhrase, _ tokens: [Token]) -> Bool {
        let actor = gazetteer.actor(named: phrase.actor)
        return actor?.kind == .group || actor?.sector == "military" || lexicon.peopleNouns.contains(tokens[phrase.tokens.upperBound - 1].lower)
    }

    /// Whether a verb's object is people: a people noun, or a party that is people.
    func objectIsPeople(_ tokens: [Token], after k: Int, phrases: [ActorPhrase]) -> Bool {
        var j = k
        while j < min(tokens.count, k + 5) {
            if let phrase = phrases.first(where: { $0.tokens.lowerBound == j }) { return isPeople(phrase, tokens) }
            if lexicon.peopleNouns.contains(tokens[j].lower) { return true }
            if !tokens[j].isWord || Clauses.prepositions.contains(tokens[j].lower) { return false }
            j += 1
        }
        return false
    }

    /// "after the ceasefire", "during the war": an act the story refers back to by time, with no
    /// party of its own, is background rather than news.
    func isBackground(_ match: TriggerMatch, _ tokens: [Token]) -> Bool {
        guard match.trigger.partOfSpeech == .noun else { return false }
        var k = match.tokens.lowerBound - 1
        while k >= 0, tokens[k].isWord, !Self.temporal.contains(tokens[k].lower), match.tokens.lowerBound - k <= 4 {
            if tokens[k].isPossessive || ["its", "their", "his", "her"].contains(tokens[k].lower) { return false }
            k -= 1
        }
        if k >= 0, tokens[k].isPossessive { return false }
        return k >= 0 && Self.temporal.contains(tokens[k].lower)
    }

    /// Whether an -ing form stands after a preposition or subordinator, directly or after its
    /// subject ("the prospect of Azerbaijan and Turkey occupying").
    static func gerundContext(_ tokens: [Token], _ at: Int) -> Bool {
        let stops: Set<String> = ["while", "by", "of", "from", "despite", "without", "for", "in", "after", "before", "since", "upon", "about", "against"]
        guard at > 0 else { return false }
        if stops.contains(tokens[at - 1].lower) { return true }
        var k = at - 1
        while k >= 0, k >= at - 6, tokens[k].isCapitalized || ["and", "the"].contains(tokens[k].lower) { k -= 1 }
        if k >= 0 && k < at - 1 && stops.contains(tokens[k].lower) { return true }
        // "from stoking enmity and mobilizing": coordinated with a gerund that is one.
        if at > 1, tokens[at - 1].lower == "and" || tokens[at - 1].text == "," {
            for j in stride(from: at - 2, through: max(1, at - 6), by: -1) where tokens[j].lower.hasSuffix("ing") {
                return stops.contains(tokens[j - 1].lower)
            }
        }
        return false
    }

    static let temporal: Set<String> = ["after", "before", "since", "during", "until", "following", "amid", "throughout", "preceding"]

    /// "offensive purposes", "transfer waivers", "threat perceptions": a trigger noun modifying
    /// another noun.
    func isModifier(_ match: TriggerMatch, _ tokens: [Token]) -> Bool {
        guard match.trigger.partOfSpeech == .noun, match.tokens.upperBound < tokens.count else { return false }
        let next = tokens[match.tokens.upperBound].lower
        if lexicon.headNouns.contains(next) { return true }
        // A plural common noun right after it is its head.
        if next.count > 3, next.hasSuffix("s"), !next.hasSuffix("ss"), !next.hasSuffix("ous"), tokens[match.tokens.upperBound].isWord,
           !tokens[match.tokens.upperBound].isCapitalized, !TriggerMatcher.verbContext.contains(next), !Clauses.prepositions.contains(next),
           !["has", "was", "is", "does", "remains", "continues", "seems", "appears", "as", "thus", "always", "perhaps", "whereas"].contains(next) {
            return true
        }
        return lexicon.triggers[next]?.contains { $0.partOfSpeech == .noun && $0.words.count == 1 } ?? false
    }

    /// "to lift the sanctions", "ability to provide": an intention or a capacity, not an act;
    /// but "continued to stall", "began to call for" and "led Russia to accuse" report the act.
    static func isInfinitive(_ match: TriggerMatch, _ tokens: [Token]) -> Bool {
        let at = match.tokens.lowerBound
        guard match.trigger.partOfSpeech == .verb, !match.trigger.isParticiple, at > 0 else { return false }
        var to = at - 1
        if tokens[to].lower.hasSuffix("ly"), to > 0 { to -= 1 }
        guard tokens[to].lower == "to" else { return false }
        if to > 0, aspectual.contains(tokens[to - 1].lower) { return false }
        return !(max(0, to - 8)..<to).contains { causative.contains(tokens[$0].lower) }
    }

    /// Verbs whose infinitive is the act itself: "continued to stall", "began to call for".
    static let aspectual: Set<String> = ["continue", "continued", "continues", "began", "begin", "begins", "begun",
                                         "start", "started", "starts", "tried", "try", "tries", "attempted", "went", "resumed",
                                         "proceeded", "moved", "rushed", "refused", "voted", "decided", "agreed"]
    /// Verbs that make their object do the act: "led Russia to accuse".
    static let causative: Set<String> = ["led", "prompted", "forced", "pushed", "caused", "compelled", "drove", "spurred"]

    /// "will not", "would not", "won't", "refuses to": a refusal rather than a plain negation.
    static func refuses(_ tokens: [Token], before k: Int) -> Bool {
        (max(0, k - 4)..<k).contains { ["will", "would", "wo", "refuse", "refused", "refuses"].contains(tokens[$0].lower) }
    }

    static func isInCondition(_ tokens: [Token], _ at: Int) -> Bool {
        var k = at - 1
        while k >= 0 {
            let word = tokens[k].lower
            if word == "," || word == ";" { return false }
            if ["if", "unless", "until", "whether"].contains(word) { return true }
            k -= 1
        }
        return false
    }

    static func isReciprocal(_ tokens: [Token], after k: Int) -> Bool {
        let following = tokens[k..<min(tokens.count, k + 3)].map(\.lower).joined(separator: " ")
        return following.contains("each other") || following.contains("one another")
    }

    /// Set QUARRY_TRACE_CODER=1 to see each trigger's reading on standard output.
    static let tracing = getenv("QUARRY_TRACE_CODER") != nil

    /// Types whose trigger takes an act as its complement ("accused X of violating", "urged X to
    /// withdraw", "refused to attend").
    static let speechActs: Set<EventType> = [.accuse, .request, .reject, .threaten, .agree]

    private func roleTitle(_ name: String, on date: QuarryDate) -> String? {
        gazetteer.actor(named: name)?.roles.first { $0.isHeld(on: date) }?.title
    }

}
