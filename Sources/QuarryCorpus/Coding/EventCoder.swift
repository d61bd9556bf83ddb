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

    func code(_ article: ProcessedArticle) -> Output {
        let doc = article.document
        let prefix = "x" + (doc.id.split(separator: "_").first.map(String.init) ?? doc.id)
        var finder = ActorPhraseFinder(gazetteer: gazetteer, lexicon: lexicon)
        let triggers = TriggerMatcher(lexicon: lexicon)
        let times = TimeExpressionFinder()
        var mentionsBySentence: [Int: [(actor: String, start: Int, end: Int)]] = [:]
        for mention in article.mentions {
            guard let actor = mention.actor else { continue }
            let sentence = article.sentences[mention.sentence]
            mentionsBySentence[mention.sentence, default: []].append((actor, mention.start - sentence.start, mention.end - sentence.start))
        }
        var events: [Event] = []
        var seen: Set<String> = []
        var storyAnchor: QuarryDate?
        var lastSubject: ActorPhrase?
        var paragraphCountries: [Int: String] = [:]
        var previousParagraph = -1
        var previousSentenceTimes: [FoundTime] = []
        for sentence in article.sentences {
            let paragraph = article.paragraphs[sentence.paragraph]
            guard Self.codedRoles.contains(paragraph.role), paragraph.duplicateOf == nil else { continue }
            if sentence.paragraph != previousParagraph {
                previousParagraph = sentence.paragraph
                previousSentenceTimes = []
                lastSubject = nil
            }
            let scalars = Array(sentence.text.unicodeScalars)
            let tokens = Token.split(scalars)
            let country = paragraphCountries[sentence.paragraph] ?? dominantCountry(article, paragraph: sentence.paragraph)
            paragraphCountries[sentence.paragraph] = country
            let phrases = finder.phrases(tokens, mentions: mentionsBySentence[sentence.index] ?? [], paragraphCountry: country)
            let found = times.find(tokens, published: doc.published, storyAnchor: storyAnchor)
            var inPhrase = [Bool](repeating: false, count: tokens.count)
            for p in phrases { for k in p.tokens { inPhrase[k] = true } }
            let matches = triggers.matches(tokens, skip: { inPhrase[$0] })
            let clauses = Clauses(tokens)
            var complementUntil = -1
            var sentenceKeys: Set<String> = []
            for match in matches {
                let at = match.tokens.lowerBound
                // The act an accusation, a demand or a refusal is about is not an event of its own.
                if at <= complementUntil { continue }
                if Self.speechActs.contains(match.trigger.type) {
                    complementUntil = clauses.end(of: at)
                }
                let parties = assign(match, tokens: tokens, phrases: phrases, clauses: clauses, lastSubject: lastSubject)
                guard !parties.actors.isEmpty else { continue }
                let factuality = Self.factuality(tokens, before: at, clauses: clauses)
                let date = Self.date(for: at, found, previous: previousSentenceTimes, published: doc.published)
                for actor in parties.actors {
                    let target = parties.target.flatMap { $0.countedAs == actor.countedAs ? nil : $0 }
                    let key = "\(actor.countedAs)|\(match.trigger.type.rawValue)"
                    guard sentenceKeys.insert(key).inserted else { continue }
                    let articleKey = "\(key)|\(target?.countedAs ?? "")|\(match.trigger.lemma)|\(date.date)"
                    guard seen.insert(articleKey).inserted else { continue }
                    let trigger = scalars[tokens[match.tokens.lowerBound].start..<tokens[match.tokens.upperBound - 1].end]
                    let n = events.count + 1
                    events.append(Event(
                        id: "\(prefix)-\(n < 10 ? "0" : "")\(n)", doc: doc.id, sentence: sentence.index,
                        evidence: sentence.text, trigger: String(String.UnicodeScalarView(trigger)),
                        summary: "\(actor.countedAs) \(match.trigger.lemma)\(target.map { " → \($0.countedAs)" } ?? "")",
                        type: match.trigger.type, mode: match.trigger.mode, actor: actor.countedAs, target: target?.countedAs,
                        actorDetail: actor.detail, targetDetail: target?.detail,
                        actorRole: roleTitle(actor.actor, on: date.date), date: date.date, dateText: date.text,
                        dateBasis: date.basis, place: nil, fatalities: nil, factuality: factuality, contexts: [],
                        source: "extracted",
                        triggerStart: tokens[match.tokens.lowerBound].start, triggerEnd: tokens[match.tokens.upperBound - 1].end))
                }
                if let subject = parties.actors.first, parties.fromSubject { lastSubject = subject }
            }
            if let subject = phrases.first(where: { clauses.isSubject($0, tokens) }) { lastSubject = subject }
            if let last = found.last(where: { $0.basis != .inferred || storyAnchor != nil }) { storyAnchor = last.date }
            previousSentenceTimes = found
        }
        return Output(events: events, actors: finder.extracted)
    }

    /// Types whose trigger takes an act as its complement ("accused X of violating", "urged X to
    /// withdraw", "refused to attend").
    static let speechActs: Set<EventType> = [.accuse, .request, .reject, .threaten, .agree]

    private func roleTitle(_ name: String, on date: QuarryDate) -> String? {
        gazetteer.actor(named: name)?.roles.first { $0.isHeld(on: date) }?.title
    }

    /// The state the paragraph names most, for titles and names that come without one.
    private func dominantCountry(_ article: ProcessedArticle, paragraph: Int) -> String? {
        var counts: [String: Int] = [:]
        for mention in article.mentions {
            guard article.sentences[mention.sentence].paragraph == paragraph, let name = mention.actor,
                  let actor = gazetteer.actor(named: name), actor.kind == .state
            else { continue }
            counts[actor.name, default: 0] += 1
        }
        let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        guard let top = ranked.first else { return nil }
        if ranked.count > 1 && ranked[1].value == top.value { return nil }
        return top.key
    }
}
