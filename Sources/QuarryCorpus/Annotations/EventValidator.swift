import Quarry

/// Checks an article's curated events against its text and the gazetteer, and builds them.
///
/// Evidence must stand verbatim in one sentence of the article's own text (not a teaser, a
/// comment or a repeated copy); actors, targets and places must be in the gazetteer; types,
/// modes of factuality and date bases must be known; a relative date needs a publication date.
struct EventValidator {
    let gazetteer: Gazetteer
    let article: ProcessedArticle
    let annotations: ArticleAnnotations
    /// The page with plain spaces, searched for citations.
    private let plainPage: ScalarText

    init(gazetteer: Gazetteer, article: ProcessedArticle, annotations: ArticleAnnotations) {
        self.gazetteer = gazetteer
        self.article = article
        self.annotations = annotations
        plainPage = article.page.plainSpaces()
    }

    func events(problems: inout [CorpusProblem]) -> [Event] {
        let prefix = article.document.id.split(separator: "_").first.map(String.init) ?? article.document.id
        var events: [Event] = []
        for (n, item) in annotations.events.enumerated() {
            let before = problems.count
            let record = item.record
            let sentence = locate(item.evidence, record: record, problems: &problems)
            let type = EventType(rawValue: item.type)
            if type == nil {
                problems.append(record.problem("unknown event type '\(item.type)'\(hint(item.type, EventType.allCases.map(\.rawValue)))", at: record.node("type")))
            }
            let actor = gazetteer.actor(named: item.actor)
            if actor == nil {
                problems.append(record.problem("actor '\(item.actor)' is not in the gazetteer", at: record.node("actor")))
            }
            let target = item.target.flatMap { gazetteer.actor(named: $0) }
            if let name = item.target, target == nil {
                problems.append(record.problem("target '\(name)' is not in the gazetteer", at: record.node("target")))
            }
            let place = item.place.flatMap { gazetteer.place(named: $0) }
            if let name = item.place, place == nil {
                problems.append(record.problem("place '\(name)' is not in the gazetteer's places", at: record.node("place")))
            }
            let factuality = Factuality(rawValue: item.factuality ?? "asserted")
            if factuality == nil {
                problems.append(record.problem("unknown factuality '\(item.factuality!)'\(hint(item.factuality!, Factuality.allCases.map(\.rawValue)))", at: record.node("factuality")))
            }
            let dated = date(item, record: record, problems: &problems)
            guard problems.count == before, let sentence, let type, let actor, let factuality, let dated else { continue }
            events.append(Event(
                id: "\(prefix)-\(n + 1 < 10 ? "0" : "")\(n + 1)", doc: article.document.id,
                sentence: sentence.index, evidence: sentence.text, trigger: item.evidence,
                summary: item.summary, type: type, mode: item.mode, actor: actor.countedAs,
                target: target?.countedAs, actorDetail: item.actor, targetDetail: item.target,
                actorRole: actor.roles.first { $0.isHeld(on: dated.date) }?.title,
                date: dated.date, dateText: dated.text, dateBasis: dated.basis, place: place?.name,
                fatalities: item.fatalities, factuality: factuality, contexts: item.contexts, source: "curated"))
        }
        return events
    }

    func rejected(problems: inout [CorpusProblem]) -> [RejectedCandidate] {
        annotations.rejected.compactMap { item in
            guard locate(item.evidence, record: item.record, problems: &problems) != nil else { return nil }
            return RejectedCandidate(doc: article.document.id, evidence: item.evidence, reason: item.reason)
        }
    }

    /// The sentence of the article's own text that holds `evidence` verbatim (any kind of space
    /// matching any other).
    private func locate(_ evidence: String, record: YAMLRecord, problems: inout [CorpusProblem]) -> Sentence? {
        let needle = Array(ScalarText(evidence).plainSpaces().scalars)
        var from = 0
        var foundOutsideArticle: ParagraphRole?
        var spansSentences = false
        while let range = plainPage.firstRange(of: needle, from: from) {
            from = range.lowerBound + 1
            if let sentence = article.sentences.first(where: { $0.start <= range.lowerBound && range.upperBound <= $0.end }) {
                let paragraph = article.paragraphs[sentence.paragraph]
                if paragraph.role.isArticleText { return sentence }
                foundOutsideArticle = paragraph.role
            } else if let paragraph = article.paragraphs.first(where: { $0.start <= range.lowerBound && range.upperBound <= $0.end }) {
                if paragraph.role.isArticleText && paragraph.duplicateOf == nil { spansSentences = true }
                else { foundOutsideArticle = paragraph.duplicateOf == nil ? paragraph.role : foundOutsideArticle }
            }
        }
        let reason: String
        if spansSentences {
            reason = "evidence runs across more than one sentence; cite one sentence"
        } else if let role = foundOutsideArticle {
            reason = "evidence stands in a \(role.rawValue) paragraph, not in the article's own text"
        } else {
            reason = "evidence not found in \(article.document.file): \"\(evidence.prefix(60))\(evidence.count > 60 ? "…" : "")\""
        }
        problems.append(record.problem(reason, at: record.node("evidence")))
        return nil
    }

    private func date(_ item: ArticleAnnotations.EventRecord, record: YAMLRecord, problems: inout [CorpusProblem])
        -> (date: QuarryDate, text: String?, basis: DateBasis)? {
        var basis: DateBasis?
        if let text = item.dateBasis {
            basis = DateBasis(rawValue: text)
            if basis == nil {
                problems.append(record.problem("unknown date basis '\(text)'\(hint(text, DateBasis.allCases.map(\.rawValue)))", at: record.node("date_basis")))
                return nil
            }
        }
        if let date = QuarryDate(parsing: item.date) {
            return (date, nil, basis ?? .explicit)
        }
        guard let published = article.document.published else {
            problems.append(record.problem("'\(item.date)' is relative, but the document has no publication date to resolve it against", at: record.node("date")))
            return nil
        }
        guard let date = TimeExpressions.resolve(item.date, publishedOn: published) else {
            problems.append(record.problem("'\(item.date)' is neither a date (2021-05-12, 2021-05, 2021, 1920s, early 2000s, A/B) nor a relative time expression", at: record.node("date")))
            return nil
        }
        return (date, item.date, basis ?? .relative)
    }

    private func hint(_ word: String, _ options: [String]) -> String {
        guard let best = options.min(by: { editDistance($0, word) < editDistance($1, word) }),
              editDistance(best, word) <= 3
        else { return " (one of \(options.joined(separator: ", ")))" }
        return "; did you mean '\(best)'?"
    }
}
