import Quarry

/// The curated layer of one article: metadata the page does not state plainly, the events coded
/// from it, and the candidates the curator left out.
struct ArticleAnnotations {
    var file: String
    var document: String
    var outlet: String?
    var author: String?
    /// Whether the file sets `author` at all (a curated null means: the page names none).
    var setsAuthor: Bool
    var published: String?
    var publishedBasis: String?
    var publishedNote: String?
    var events: [EventRecord]
    var rejected: [RejectedRecord]

    /// An event as the curator wrote it, still to be checked against the document.
    struct EventRecord {
        var record: YAMLRecord
        var evidence: String
        var summary: String
        var type: String
        var mode: String?
        var actor: String
        var target: String?
        var date: String
        var dateBasis: String?
        var place: String?
        var fatalities: Int?
        var factuality: String?
        var contexts: [String]
    }

    struct RejectedRecord {
        var record: YAMLRecord
        var evidence: String
        var reason: String
    }

    static let eventKeys: Set<String> = [
        "evidence", "summary", "type", "mode", "actor", "target", "date", "date_basis", "place",
        "fatalities", "factuality", "context", "note",
    ]

    static func load(_ text: String, file: String) -> (ArticleAnnotations?, [CorpusProblem]) {
        var problems: [CorpusProblem] = []
        let root: YAMLRecord
        do { root = try YAMLRecord.parse(text, file: file) } catch { return (nil, [error]) }
        root.unknownKeys(["document", "outlet", "author", "published", "published_basis", "published_note",
                          "events", "rejected", "note"], problems: &problems)
        guard let document = root.required("document", problems: &problems) else { return (nil, problems) }
        var events: [EventRecord] = []
        for record in root.records("events", problems: &problems) {
            record.unknownKeys(eventKeys, problems: &problems)
            guard let evidence = record.required("evidence", problems: &problems),
                  let summary = record.required("summary", problems: &problems),
                  let type = record.required("type", problems: &problems),
                  let actor = record.required("actor", problems: &problems),
                  let date = record.required("date", problems: &problems)
            else { continue }
            events.append(EventRecord(
                record: record, evidence: evidence, summary: summary, type: type,
                mode: record.string("mode", problems: &problems), actor: actor,
                target: record.string("target", problems: &problems), date: date,
                dateBasis: record.string("date_basis", problems: &problems),
                place: record.string("place", problems: &problems),
                fatalities: record.int("fatalities", problems: &problems),
                factuality: record.string("factuality", problems: &problems),
                contexts: record.strings("context", problems: &problems)))
        }
        var rejected: [RejectedRecord] = []
        for record in root.records("rejected", problems: &problems) {
            record.unknownKeys(["evidence", "reason"], problems: &problems)
            guard let evidence = record.required("evidence", problems: &problems),
                  let reason = record.required("reason", problems: &problems)
            else { continue }
            rejected.append(RejectedRecord(record: record, evidence: evidence, reason: reason))
        }
        let annotations = ArticleAnnotations(
            file: file, document: document, outlet: root.string("outlet", problems: &problems),
            author: root.string("author", problems: &problems), setsAuthor: root.node("author") != nil,
            published: root.string("published", problems: &problems),
            publishedBasis: root.string("published_basis", problems: &problems),
            publishedNote: root.string("published_note", problems: &problems),
            events: events, rejected: rejected)
        return (annotations, problems)
    }
}
