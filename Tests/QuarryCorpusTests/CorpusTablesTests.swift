import Foundation
import Quarry
@testable import QuarryCorpus
import Testing

/// The corpus as Quarry collections: each table's schema and its rows come from one list of
/// columns, so a value can never stand under another field's name.
@Suite("The corpus as collections")
struct CorpusTablesTests {
    static let names = ["documents", "paragraphs", "sentences", "comments", "actors", "roles", "places", "mentions",
                        "events", "quotes", "rejected", "extracted_events"]

    @Test("Every corpus table's rows have one value per field of its schema")
    func rowsFitSchemas() throws {
        let tables = seedCorpus.corpusTables()
        #expect(tables.map(\.name) == Self.names)
        #expect(seedCorpus.collections().map(\.name) == Self.names)
        for table in tables {
            let width = table.schema.fields.count
            #expect(Set(table.schema.names).count == width, "\(table.name) names a field twice")
            for (i, row) in table.rows.enumerated() where row.count != width {
                Issue.record("\(table.name) row \(i) has \(row.count) values for \(width) fields")
            }
        }
        #expect(tables.first { $0.name == "events" }?.rows.count == seedCorpus.events.count)
        // extracted_events as the engine scans it, when a query first reads it.
        let scanned = try ExtractedEventsCollection(corpus: seedCorpus).scan(ScanRequest())
        #expect(!scanned.isEmpty)
        #expect(scanned.allSatisfy { $0.count == Corpus.eventsSchema.fields.count })
    }

    /// The value of a field, by name, in the collection the engine is given.
    static func cell(_ table: Table, _ row: Int, _ field: String) -> Value {
        guard let column = table.schema.index(of: field) else { return .string("no field \(field)") }
        return table.value(row: row, column: column)
    }

    static func text(_ s: String?) -> Value { s.map { .string($0) } ?? .null }
    static func int(_ i: Int?) -> Value { i.map { .int($0) } ?? .null }

    @Test("Named cells hold the model's values")
    func namedCells() throws {
        let collections = Dictionary(uniqueKeysWithValues: seedCorpus.collections().map { ($0.name, $0) })
        let documents = try #require(collections["documents"])
        #expect(Self.cell(documents, 0, "id") == .string("000_42def250d40f295c"))
        for (i, d) in seedCorpus.documents.enumerated() {
            #expect(Self.cell(documents, i, "title") == Self.text(d.title))
            #expect(Self.cell(documents, i, "published_basis") == Self.text(d.publishedBasis))
            #expect(Self.cell(documents, i, "year") == Self.int(d.year))
            #expect(Self.cell(documents, i, "words") == .int(d.words))
            #expect(Self.cell(documents, i, "file") == .string(d.file))
            #expect(Self.cell(documents, i, "events") == .null, "a reverse link stores nothing")
        }
        let events = try #require(collections["events"])
        #expect(!seedCorpus.events.isEmpty)
        for (i, e) in seedCorpus.events.enumerated() {
            #expect(Self.cell(events, i, "id") == .string(e.id))
            #expect(Self.cell(events, i, "summary") == .string(e.summary))
            #expect(Self.cell(events, i, "quad_class") == .int(e.type.quadClass))
            #expect(Self.cell(events, i, "actor_detail") == .string(e.actorDetail))
            #expect(Self.cell(events, i, "date_precision") == .string(e.date.precision.rawValue))
            #expect(Self.cell(events, i, "month") == Self.int(e.date.month))
            #expect(Self.cell(events, i, "fatalities") == Self.int(e.fatalities))
            #expect(Self.cell(events, i, "source") == .string(e.source))
            #expect(Self.cell(events, i, "trigger_end") == Self.int(e.triggerEnd))
        }
        let actors = try #require(collections["actors"])
        for (i, a) in seedCorpus.actors.enumerated() {
            #expect(Self.cell(actors, i, "kind") == .string(a.kind.rawValue))
            #expect(Self.cell(actors, i, "sector") == Self.text(a.sector))
            #expect(Self.cell(actors, i, "counted_as") == .string(a.countedAs))
            #expect(Self.cell(actors, i, "source") == .string(a.source))
        }
        let mentions = try #require(collections["mentions"])
        for (i, m) in seedCorpus.mentions.enumerated() {
            #expect(Self.cell(mentions, i, "place") == Self.text(m.place))
            #expect(Self.cell(mentions, i, "end") == .int(m.end))
            let article = Self.cell(mentions, i, "article_doc")
            #expect(article == .null || article == .string(m.doc))
        }
        let quotes = try #require(collections["quotes"])
        for (i, q) in seedCorpus.quotes.enumerated() {
            #expect(Self.cell(quotes, i, "speaker_detail") == Self.text(q.speakerDetail))
            #expect(Self.cell(quotes, i, "sentence") == .int(q.sentence))
        }
    }
}
