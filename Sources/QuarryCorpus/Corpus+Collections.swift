import Quarry

/// One column of a corpus table: its field, and how each row's value is computed from the
/// model object. A table declares each column once, so its schema and its rows cannot disagree.
struct ColumnSpec<Row>: Sendable {
    let field: Field
    let value: @Sendable (Row) -> Value

    init(_ name: String, _ type: FieldType, _ summary: String = "", _ value: @escaping @Sendable (Row) -> Value) {
        field = Field(name, type, summary)
        self.value = value
    }

    /// The rows of `source` whose field `via` holds this row's key: for navigation, stored as null.
    static func link(_ name: String, _ source: String, via: String, _ summary: String = "") -> ColumnSpec {
        ColumnSpec(name, .references(source, via: via), summary) { _ in .null }
    }
}

/// The columns of a corpus table, in order, and its key.
struct TableSpec<Row>: Sendable {
    let columns: [ColumnSpec<Row>]
    let key: String?
    let schema: Schema

    init(key: String? = nil, _ columns: [ColumnSpec<Row>]) {
        self.columns = columns
        self.key = key
        schema = Schema(columns.map(\.field))
    }

    /// One row: each column's value, in schema order.
    func row(_ item: Row) -> [Value] { columns.map { $0.value(item) } }

    func table(_ name: String, _ items: [Row]) -> CorpusTable {
        CorpusTable(name: name, schema: schema, key: key, rows: items.map(row))
    }
}

/// A corpus table before it becomes a collection: its schema and the rows its columns computed.
struct CorpusTable {
    let name: String
    let schema: Schema
    let key: String?
    let rows: [[Value]]

    var table: Table { Table(name: name, schema: schema, rows: rows, key: key) }
}

private func text(_ s: String?) -> Value { s.map { .string($0) } ?? .null }
private func int(_ i: Int?) -> Value { i.map { .int($0) } ?? .null }
private func date(_ d: QuarryDate?) -> Value { d.map { .date($0) } ?? .null }
private func strings(_ items: [String]) -> Value { .array(items.map { .string($0) }) }

extension Corpus {
    /// The corpus as Quarry collections: documents, paragraphs, sentences, comments, actors,
    /// roles, places, mentions, events, extracted events, quotes and rejected candidates, linked for navigation
    /// (`doc.title`, `actor.kind`, an actor's `events`, a document's `mentions`).
    public func collections() -> [Table] {
        corpusTables().map(\.table)
    }

    /// Every collection's schema and rows, `extracted_events` last.
    func corpusTables() -> [CorpusTable] {
        eagerTables() + [Self.eventsSpec.table("extracted_events", extractedEvents)]
    }

    /// Every collection but `extracted_events`, whose coding may still be deferred.
    func eagerCollections() -> [Table] {
        eagerTables().map(\.table)
    }

    private func eagerTables() -> [CorpusTable] {
        let sentenceRole = sentenceRoles()
        return [
            Self.documentsSpec.table("documents", documents),
            Self.paragraphsSpec.table("paragraphs", paragraphs),
            Self.sentencesSpec.table("sentences", sentences),
            Self.commentsSpec.table("comments", comments),
            Self.actorsSpec.table("actors", actors),
            Self.rolesSpec.table("roles", roles),
            Self.placesSpec.table("places", places),
            Self.mentionsSpec.table("mentions", mentions.map { ($0, sentenceRole[SentenceKey(doc: $0.doc, index: $0.sentence)] ?? .body) }),
            Self.eventsSpec.table("events", events),
            Self.quotesSpec.table("quotes", quotes.map { ($0, sentenceRole[SentenceKey(doc: $0.doc, index: $0.sentence)] ?? .body) }),
            Self.rejectedSpec.table("rejected", rejected),
        ]
    }

    static let documentsSpec = TableSpec<Document>(key: "id", [
        ColumnSpec("id", .string, "the file stem") { .string($0.id) },
        ColumnSpec("title", .string) { text($0.title) },
        ColumnSpec("subtitle", .string) { text($0.subtitle) },
        ColumnSpec("author", .string, "null where the page names none") { text($0.author) },
        ColumnSpec("outlet", .string) { text($0.outlet) },
        ColumnSpec("published", .date, "publication date, at its precision") { date($0.published) },
        ColumnSpec("published_basis", .string, "explicit, inferred or curated") { text($0.publishedBasis) },
        ColumnSpec("published_note", .string) { text($0.publishedNote) },
        ColumnSpec("year", .int) { int($0.year) },
        ColumnSpec("words", .int, "words of body text") { .int($0.words) },
        ColumnSpec("text", .string, "clean body text") { .string($0.text) },
        ColumnSpec("file", .string) { .string($0.file) },
        .link("paragraphs", "paragraphs", via: "doc"),
        .link("sentences", "sentences", via: "article_doc", "sentences of the article's own text"),
        .link("events", "events", via: "doc"),
        .link("mentions", "mentions", via: "article_doc", "mentions in the article's own text"),
        .link("quotes", "quotes", via: "article_doc", "quotes in the article's own text"),
        .link("comments", "comments", via: "doc"),
        .link("all_sentences", "sentences", via: "doc", "captions and comments too"),
        .link("all_mentions", "mentions", via: "doc", "in captions and comments too"),
    ])

    static let paragraphsSpec = TableSpec<Paragraph>([
        ColumnSpec("doc", .reference("documents")) { .string($0.doc) },
        ColumnSpec("index", .int) { .int($0.index) },
        ColumnSpec("role", .string, "headline, subtitle, byline, heading, body, pullquote, caption, comment, comment_header, teaser, boilerplate, duplicate") {
            .string($0.role.rawValue)
        },
        ColumnSpec("text", .string) { .string($0.text) },
        ColumnSpec("duplicate_of", .int, "the paragraph this one repeats") { int($0.duplicateOf) },
        ColumnSpec("start", .int) { .int($0.start) },
        ColumnSpec("end", .int) { .int($0.end) },
    ])

    static let sentencesSpec = TableSpec<Sentence>([
        ColumnSpec("doc", .reference("documents")) { .string($0.doc) },
        ColumnSpec("paragraph", .int) { .int($0.paragraph) },
        ColumnSpec("index", .int) { .int($0.index) },
        ColumnSpec("text", .string) { .string($0.text) },
        ColumnSpec("role", .string, "its paragraph's: headline, subtitle, heading, body, byline, caption or comment") { .string($0.role.rawValue) },
        ColumnSpec("article_doc", .reference("documents"), "the document, when the text is the article's own; else null") {
            $0.role.isArticleText ? .string($0.doc) : .null
        },
        ColumnSpec("start", .int, "offset in the raw page") { .int($0.start) },
        ColumnSpec("end", .int) { .int($0.end) },
    ])

    static let commentsSpec = TableSpec<Comment>([
        ColumnSpec("doc", .reference("documents")) { .string($0.doc) },
        ColumnSpec("index", .int) { .int($0.index) },
        ColumnSpec("author", .string) { .string($0.author) },
        ColumnSpec("date", .date) { date($0.date) },
        ColumnSpec("time", .string, "24-hour time, where the page gives one") { text($0.time) },
        ColumnSpec("text", .string) { .string($0.text) },
    ])

    static let actorsSpec = TableSpec<Actor>(key: "name", [
        ColumnSpec("name", .string, "canonical name") { .string($0.name) },
        ColumnSpec("kind", .string, "state, person, organization, group, region") { .string($0.kind.rawValue) },
        ColumnSpec("country", .reference("actors"), "the state a person, body or force belongs to") { text($0.country) },
        ColumnSpec("part_of", .reference("actors"), "the organisation an organ belongs to") { text($0.partOf) },
        ColumnSpec("sector", .string) { text($0.sector) },
        ColumnSpec("aliases", .array(.string)) { strings($0.aliases) },
        ColumnSpec("counted_as", .reference("actors"), "the party events count this actor as") { .string($0.countedAs) },
        .link("roles", "roles", via: "actor"),
        .link("events", "events", via: "actor"),
        .link("targeted", "events", via: "target"),
        .link("mentions", "mentions", via: "actor"),
        .link("quotes", "quotes", via: "speaker"),
        ColumnSpec("source", .string, "gazetteer, or extracted for people the coder found after a title") { .string($0.source) },
    ])

    static let rolesSpec = TableSpec<ActorRole>([
        ColumnSpec("actor", .reference("actors")) { .string($0.actor) },
        ColumnSpec("title", .string) { .string($0.title) },
        ColumnSpec("country", .reference("actors")) { text($0.country) },
        ColumnSpec("sector", .string) { text($0.sector) },
        ColumnSpec("from", .date) { date($0.from) },
        ColumnSpec("to", .date, "null while the role is held") { date($0.to) },
    ])

    static let placesSpec = TableSpec<Place>(key: "name", [
        ColumnSpec("name", .string) { .string($0.name) },
        ColumnSpec("kind", .string) { .string($0.kind) },
        ColumnSpec("country", .reference("actors")) { text($0.country) },
        ColumnSpec("aliases", .array(.string)) { strings($0.aliases) },
        ColumnSpec("note", .string) { text($0.note) },
        .link("events", "events", via: "place"),
        .link("mentions", "mentions", via: "place"),
    ])

    /// A mention with the role of the sentence it is in.
    static let mentionsSpec = TableSpec<(mention: Mention, role: ParagraphRole)>([
        ColumnSpec("actor", .reference("actors")) { text($0.mention.actor) },
        ColumnSpec("place", .reference("places")) { text($0.mention.place) },
        ColumnSpec("doc", .reference("documents")) { .string($0.mention.doc) },
        ColumnSpec("sentence", .int) { .int($0.mention.sentence) },
        ColumnSpec("text", .string, "as written") { .string($0.mention.text) },
        ColumnSpec("role", .string, "its sentence's: body, caption, comment…") { .string($0.role.rawValue) },
        ColumnSpec("article_doc", .reference("documents"), "the document, when the mention is in the article's own text") {
            $0.role.isArticleText ? .string($0.mention.doc) : .null
        },
        ColumnSpec("start", .int) { .int($0.mention.start) },
        ColumnSpec("end", .int) { .int($0.mention.end) },
    ])

    /// `events` and `extracted_events`.
    static let eventsSpec = TableSpec<Event>(key: "id", [
        ColumnSpec("id", .string) { .string($0.id) },
        ColumnSpec("doc", .reference("documents")) { .string($0.doc) },
        ColumnSpec("sentence", .int) { .int($0.sentence) },
        ColumnSpec("evidence", .string, "the sentence, verbatim") { .string($0.evidence) },
        ColumnSpec("trigger", .string, "the words that carry the event") { .string($0.trigger) },
        ColumnSpec("summary", .string) { .string($0.summary) },
        ColumnSpec("type", .string, "a PLOVER type") { .string($0.type.rawValue) },
        ColumnSpec("mode", .string) { text($0.mode) },
        ColumnSpec("quad_class", .int, "1 verbal cooperation … 4 material conflict") { .int($0.type.quadClass) },
        ColumnSpec("actor", .reference("actors"), "the party counted") { .string($0.actor) },
        ColumnSpec("target", .reference("actors")) { text($0.target) },
        ColumnSpec("actor_detail", .string, "the actor as named") { .string($0.actorDetail) },
        ColumnSpec("target_detail", .string) { text($0.targetDetail) },
        ColumnSpec("actor_role", .string, "the role the named actor held on the date") { text($0.actorRole) },
        ColumnSpec("date", .date, "an interval at its precision") { .date($0.date) },
        ColumnSpec("date_precision", .string) { .string($0.date.precision.rawValue) },
        ColumnSpec("year", .int) { int($0.date.year) },
        ColumnSpec("month", .int) { int($0.date.month) },
        ColumnSpec("day", .int) { int($0.date.day) },
        ColumnSpec("decade", .int) { int($0.date.decade) },
        ColumnSpec("date_basis", .string, "explicit, relative, inferred or curated") { .string($0.dateBasis.rawValue) },
        ColumnSpec("date_text", .string) { text($0.dateText) },
        ColumnSpec("place", .reference("places")) { text($0.place) },
        ColumnSpec("fatalities", .int) { int($0.fatalities) },
        ColumnSpec("factuality", .string, "asserted, reported, claimed, hypothetical or negated") { .string($0.factuality.rawValue) },
        ColumnSpec("contexts", .array(.string)) { strings($0.contexts) },
        ColumnSpec("source", .string, "curated or extracted") { .string($0.source) },
        ColumnSpec("trigger_start", .int, "where the trigger starts in the evidence (extracted events)") { int($0.triggerStart) },
        ColumnSpec("trigger_end", .int) { int($0.triggerEnd) },
    ])

    static var eventsSchema: Schema { eventsSpec.schema }

    /// A quote with the role of the sentence it is in.
    static let quotesSpec = TableSpec<(quote: Quote, role: ParagraphRole)>([
        ColumnSpec("speaker", .reference("actors"), "the speaker, counted as a party") { text($0.quote.speaker) },
        ColumnSpec("speaker_detail", .string) { text($0.quote.speakerDetail) },
        ColumnSpec("text", .string) { .string($0.quote.text) },
        ColumnSpec("doc", .reference("documents")) { .string($0.quote.doc) },
        ColumnSpec("sentence", .int) { .int($0.quote.sentence) },
        ColumnSpec("date", .date) { date($0.quote.date) },
        ColumnSpec("role", .string, "its sentence's: body, caption, comment…") { .string($0.role.rawValue) },
        ColumnSpec("article_doc", .reference("documents"), "the document, when the quote is in the article's own text") {
            $0.role.isArticleText ? .string($0.quote.doc) : .null
        },
    ])

    static let rejectedSpec = TableSpec<RejectedCandidate>([
        ColumnSpec("doc", .reference("documents")) { .string($0.doc) },
        ColumnSpec("evidence", .string) { .string($0.evidence) },
        ColumnSpec("reason", .string) { .string($0.reason) },
    ])

    private struct SentenceKey: Hashable { let doc: String; let index: Int }

    /// Each sentence's role, by document and position.
    private func sentenceRoles() -> [SentenceKey: ParagraphRole] {
        Dictionary(sentences.map { (SentenceKey(doc: $0.doc, index: $0.index), $0.role) }, uniquingKeysWith: { first, _ in first })
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
        corpus.extractedEvents.map(Corpus.eventsSpec.row)
    }
}
