import Quarry

extension Corpus {
    /// The corpus as Quarry collections: documents, paragraphs, sentences, comments, actors,
    /// roles, places, mentions, events, extracted events, quotes and rejected candidates, linked for navigation
    /// (`doc.title`, `actor.kind`, an actor's `events`, a document's `mentions`).
    public func collections() -> [Table] {
        eagerCollections() + [eventsTable(name: "extracted_events", extractedEvents)]
    }

    /// Every collection but `extracted_events`, whose coding may still be deferred.
    func eagerCollections() -> [Table] {
        [documentsTable(), paragraphsTable(), sentencesTable(), commentsTable(), actorsTable(), rolesTable(),
         placesTable(), mentionsTable(), eventsTable(name: "events", events), quotesTable(), rejectedTable()]
    }

    private func text(_ s: String?) -> Value { Self.text(s) }
    private func int(_ i: Int?) -> Value { Self.int(i) }
    private func date(_ d: QuarryDate?) -> Value { d.map { .date($0) } ?? .null }
    private static func text(_ s: String?) -> Value { s.map { .string($0) } ?? .null }
    private static func int(_ i: Int?) -> Value { i.map { .int($0) } ?? .null }

    func documentsTable() -> Table {
        let schema = Schema([
            Field("id", .string, "the file stem"), Field("title", .string), Field("subtitle", .string),
            Field("author", .string, "null where the page names none"), Field("outlet", .string),
            Field("published", .date, "publication date, at its precision"),
            Field("published_basis", .string, "explicit, inferred or curated"), Field("published_note", .string),
            Field("year", .int), Field("words", .int, "words of body text"), Field("text", .string, "clean body text"),
            Field("file", .string),
            Field("paragraphs", .references("paragraphs", via: "doc")),
            Field("sentences", .references("sentences", via: "article_doc"), "sentences of the article's own text"),
            Field("events", .references("events", via: "doc")),
            Field("mentions", .references("mentions", via: "article_doc"), "mentions in the article's own text"),
            Field("quotes", .references("quotes", via: "article_doc"), "quotes in the article's own text"),
            Field("comments", .references("comments", via: "doc")),
            Field("all_sentences", .references("sentences", via: "doc"), "captions and comments too"),
            Field("all_mentions", .references("mentions", via: "doc"), "in captions and comments too"),
        ])
        let rows: [[Value]] = documents.map { d in
            [.string(d.id), text(d.title), text(d.subtitle), text(d.author), text(d.outlet), date(d.published),
             text(d.publishedBasis), text(d.publishedNote), int(d.year), .int(d.words), .string(d.text), .string(d.file),
             .null, .null, .null, .null, .null, .null, .null, .null]
        }
        return Table(name: "documents", schema: schema, rows: rows, key: "id")
    }

    func paragraphsTable() -> Table {
        let schema = Schema([
            Field("doc", .reference("documents")), Field("index", .int),
            Field("role", .string, "headline, subtitle, byline, heading, body, pullquote, caption, comment, comment_header, teaser, boilerplate, duplicate"),
            Field("text", .string), Field("duplicate_of", .int, "the paragraph this one repeats"),
            Field("start", .int), Field("end", .int),
        ])
        return Table(name: "paragraphs", schema: schema, rows: paragraphs.map { p in
            [.string(p.doc), .int(p.index), .string(p.role.rawValue), .string(p.text), int(p.duplicateOf), .int(p.start), .int(p.end)]
        })
    }

    func sentencesTable() -> Table {
        let schema = Schema([
            Field("doc", .reference("documents")), Field("paragraph", .int), Field("index", .int), Field("text", .string),
            Field("role", .string, "its paragraph's: headline, subtitle, heading, body, byline, caption or comment"),
            Field("article_doc", .reference("documents"), "the document, when the text is the article's own; else null"),
            Field("start", .int, "offset in the raw page"), Field("end", .int),
        ])
        return Table(name: "sentences", schema: schema, rows: sentences.map { s in
            [.string(s.doc), .int(s.paragraph), .int(s.index), .string(s.text), .string(s.role.rawValue),
             s.role.isArticleText ? .string(s.doc) : .null, .int(s.start), .int(s.end)]
        })
    }

    func commentsTable() -> Table {
        let schema = Schema([
            Field("doc", .reference("documents")), Field("index", .int), Field("author", .string), Field("date", .date),
            Field("time", .string, "24-hour time, where the page gives one"), Field("text", .string),
        ])
        return Table(name: "comments", schema: schema, rows: comments.map { c in
            [.string(c.doc), .int(c.index), .string(c.author), date(c.date), text(c.time), .string(c.text)]
        })
    }

    func actorsTable() -> Table {
        let schema = Schema([
            Field("name", .string, "canonical name"), Field("kind", .string, "state, person, organization, group, region"),
            Field("country", .reference("actors"), "the state a person, body or force belongs to"),
            Field("part_of", .reference("actors"), "the organisation an organ belongs to"),
            Field("sector", .string), Field("aliases", .array(.string)),
            Field("counted_as", .reference("actors"), "the party events count this actor as"),
            Field("roles", .references("roles", via: "actor")), Field("events", .references("events", via: "actor")),
            Field("targeted", .references("events", via: "target")), Field("mentions", .references("mentions", via: "actor")),
            Field("quotes", .references("quotes", via: "speaker")),
            Field("source", .string, "gazetteer, or extracted for people the coder found after a title"),
        ])
        return Table(name: "actors", schema: schema, rows: actors.map { a in
            [.string(a.name), .string(a.kind.rawValue), text(a.country), text(a.partOf), text(a.sector),
             .array(a.aliases.map { .string($0) }), .string(a.countedAs), .null, .null, .null, .null, .null, .string(a.source)]
        }, key: "name")
    }

    func rolesTable() -> Table {
        let schema = Schema([
            Field("actor", .reference("actors")), Field("title", .string), Field("country", .reference("actors")),
            Field("sector", .string), Field("from", .date), Field("to", .date, "null while the role is held"),
        ])
        return Table(name: "roles", schema: schema, rows: roles.map { r in
            [.string(r.actor), .string(r.title), text(r.country), text(r.sector), date(r.from), date(r.to)]
        })
    }

    func placesTable() -> Table {
        let schema = Schema([
            Field("name", .string), Field("kind", .string), Field("country", .reference("actors")),
            Field("aliases", .array(.string)), Field("note", .string),
            Field("events", .references("events", via: "place")), Field("mentions", .references("mentions", via: "place")),
        ])
        return Table(name: "places", schema: schema, rows: places.map { p in
            [.string(p.name), .string(p.kind), text(p.country), .array(p.aliases.map { .string($0) }), text(p.note), .null, .null]
        }, key: "name")
    }

    func mentionsTable() -> Table {
        let schema = Schema([
            Field("actor", .reference("actors")), Field("place", .reference("places")), Field("doc", .reference("documents")),
            Field("sentence", .int), Field("text", .string, "as written"),
            Field("role", .string, "its sentence's: body, caption, comment…"),
            Field("article_doc", .reference("documents"), "the document, when the mention is in the article's own text"),
            Field("start", .int), Field("end", .int),
        ])
        let roles = sentenceRoles()
        return Table(name: "mentions", schema: schema, rows: mentions.map { m in
            let role = roles[SentenceKey(doc: m.doc, index: m.sentence)] ?? .body
            return [text(m.actor), text(m.place), .string(m.doc), .int(m.sentence), .string(m.text), .string(role.rawValue),
                    role.isArticleText ? .string(m.doc) : .null, .int(m.start), .int(m.end)]
        })
    }

    func eventsTable(name: String, _ events: [Event]) -> Table {
        Table(name: name, schema: Self.eventsSchema, rows: events.map(Self.eventRow), key: "id")
    }

    static let eventsSchema = Schema([
            Field("id", .string), Field("doc", .reference("documents")), Field("sentence", .int),
            Field("evidence", .string, "the sentence, verbatim"), Field("trigger", .string, "the words that carry the event"),
            Field("summary", .string), Field("type", .string, "a PLOVER type"), Field("mode", .string),
            Field("quad_class", .int, "1 verbal cooperation … 4 material conflict"),
            Field("actor", .reference("actors"), "the party counted"), Field("target", .reference("actors")),
            Field("actor_detail", .string, "the actor as named"), Field("target_detail", .string),
            Field("actor_role", .string, "the role the named actor held on the date"),
            Field("date", .date, "an interval at its precision"), Field("date_precision", .string),
            Field("year", .int), Field("month", .int), Field("day", .int), Field("decade", .int),
            Field("date_basis", .string, "explicit, relative, inferred or curated"), Field("date_text", .string),
            Field("place", .reference("places")), Field("fatalities", .int),
            Field("factuality", .string, "asserted, reported, claimed, hypothetical or negated"),
            Field("contexts", .array(.string)), Field("source", .string, "curated or extracted"),
            Field("trigger_start", .int, "where the trigger starts in the evidence (extracted events)"),
            Field("trigger_end", .int),
        ])

    static func eventRow(_ e: Event) -> [Value] {
        [.string(e.id), .string(e.doc), .int(e.sentence), .string(e.evidence), .string(e.trigger), .string(e.summary),
             .string(e.type.rawValue), text(e.mode), .int(e.type.quadClass), .string(e.actor), text(e.target),
             .string(e.actorDetail), text(e.targetDetail), text(e.actorRole), .date(e.date), .string(e.date.precision.rawValue),
             int(e.date.year), int(e.date.month), int(e.date.day), int(e.date.decade), .string(e.dateBasis.rawValue),
             text(e.dateText), text(e.place), int(e.fatalities), .string(e.factuality.rawValue),
             .array(e.contexts.map { .string($0) }), .string(e.source), int(e.triggerStart), int(e.triggerEnd)]
    }

    func quotesTable() -> Table {
        let schema = Schema([
            Field("speaker", .reference("actors"), "the speaker, counted as a party"), Field("speaker_detail", .string),
            Field("text", .string), Field("doc", .reference("documents")), Field("sentence", .int), Field("date", .date),
            Field("role", .string, "its sentence's: body, caption, comment…"),
            Field("article_doc", .reference("documents"), "the document, when the quote is in the article's own text"),
        ])
        let roles = sentenceRoles()
        return Table(name: "quotes", schema: schema, rows: quotes.map { q in
            let role = roles[SentenceKey(doc: q.doc, index: q.sentence)] ?? .body
            return [text(q.speaker), text(q.speakerDetail), .string(q.text), .string(q.doc), .int(q.sentence), date(q.date),
                    .string(role.rawValue), role.isArticleText ? .string(q.doc) : .null]
        })
    }

    private struct SentenceKey: Hashable { let doc: String; let index: Int }

    /// Each sentence's role, by document and position.
    private func sentenceRoles() -> [SentenceKey: ParagraphRole] {
        Dictionary(sentences.map { (SentenceKey(doc: $0.doc, index: $0.index), $0.role) }, uniquingKeysWith: { first, _ in first })
    }

    func rejectedTable() -> Table {
        let schema = Schema([Field("doc", .reference("documents")), Field("evidence", .string), Field("reason", .string)])
        return Table(name: "rejected", schema: schema, rows: rejected.map { [.string($0.doc), .string($0.evidence), .string($0.reason)] })
    }
}

extension Engine {
    /// An engine over a corpus: `Engine(corpus: try .seeds)`.
    public init(corpus: Corpus, functions: FunctionRegistry = .standard, limits: Limits = .standard,
                caseSensitive: Bool = false) {
        self.init(collections: corpus.eagerCollections(), functions: functions, limits: limits, caseSensitive: caseSensitive)
        self = adding(ExtractedEventsCollection(corpus: corpus))
    }
}

/// `extracted_events` as a collection scanned when a query reads it, so that the coding of
/// articles with curated events waits until then.
struct ExtractedEventsCollection: QuarryCollection {
    let corpus: Corpus
    var name: String { "extracted_events" }
    var schema: Schema { Corpus.eventsSchema }
    var key: String? { "id" }

    func scan(_ request: ScanRequest) throws -> [[Value]] {
        corpus.extractedEvents.map(Corpus.eventRow)
    }
}
