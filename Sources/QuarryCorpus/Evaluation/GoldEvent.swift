import Foundation
import Quarry

/// An event a person coded, against which the automatic coder is measured.
public struct GoldEvent: Sendable, Hashable {
    /// The document's id.
    public var doc: String
    /// Words of one sentence that carry the event, as the gold cites them.
    public var evidence: String
    /// The party counted, as `Event.actor`.
    public var actor: String
    public var target: String?
    public var type: EventType
    public var date: QuarryDate?
    /// Whether the date was written in the text (explicit or relative): only those dates are
    /// scored, since an inferred or curated date is knowledge the text does not hold.
    public var dateIsScored: Bool

    /// The curated events of a corpus as gold.
    public init(curated event: Event) {
        doc = event.doc
        evidence = event.trigger
        actor = event.actor
        target = event.target
        type = event.type
        date = event.date
        dateIsScored = event.dateBasis == .explicit || event.dateBasis == .relative
    }

    public init(doc: String, evidence: String, actor: String, target: String?, type: EventType, date: QuarryDate?) {
        self.doc = doc
        self.evidence = evidence
        self.actor = actor
        self.target = target
        self.type = type
        self.date = date
        dateIsScored = date != nil
    }
}

/// A folder of gold files: one `<document id>.tsv` per article, tab-separated, with the header
/// `evidence	actor	target	type	date` and a line per event; `#` starts a comment, and a first
/// comment `# published: DATE` gives the article's publication date.
public struct GoldFolder: Sendable {
    public var events: [GoldEvent] = []
    /// Publication dates by document id.
    public var published: [String: QuarryDate] = [:]

    public static func load(directory: URL) throws(CorpusLoadError) -> GoldFolder {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            throw CorpusLoadError(problems: [CorpusProblem(file: directory.path, reason: "no such folder")])
        }
        var gold = GoldFolder()
        var problems: [CorpusProblem] = []
        for name in names.sorted() where name.hasSuffix(".tsv") {
            let doc = String(name.dropLast(4))
            guard let text = try? String(contentsOf: directory.appending(path: name), encoding: .utf8) else {
                problems.append(CorpusProblem(file: name, reason: "cannot be read as UTF-8 text"))
                continue
            }
            var header: [String]?
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = line.hasSuffix("\r") ? line.dropLast() : line
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                if line.hasPrefix("#") {
                    let comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
                    if comment.hasPrefix("published:") {
                        let value = comment.dropFirst("published:".count).trimmingCharacters(in: .whitespaces)
                        guard let date = QuarryDate(parsing: value) else {
                            problems.append(CorpusProblem(file: name, line: n + 1, reason: "'\(value)' is not a date"))
                            continue
                        }
                        gold.published[doc] = date
                    }
                    continue
                }
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let columns = header else {
                    header = cells.map { $0.lowercased() }
                    for needed in ["evidence", "actor", "type"] where !header!.contains(needed) {
                        problems.append(CorpusProblem(file: name, line: n + 1, reason: "the header has no '\(needed)' column (evidence, actor, target, type, date)"))
                    }
                    continue
                }
                func cell(_ column: String) -> String? {
                    guard let i = columns.firstIndex(of: column), i < cells.count, !cells[i].isEmpty else { return nil }
                    return cells[i]
                }
                guard cells.count == columns.count else {
                    problems.append(CorpusProblem(file: name, line: n + 1, reason: "\(cells.count) cells where the header has \(columns.count)"))
                    continue
                }
                guard let evidence = cell("evidence"), let actor = cell("actor"), let typeName = cell("type") else {
                    problems.append(CorpusProblem(file: name, line: n + 1, reason: "evidence, actor and type are required"))
                    continue
                }
                guard let type = EventType(rawValue: typeName.lowercased()) else {
                    problems.append(CorpusProblem(file: name, line: n + 1, reason: "'\(typeName)' is not a PLOVER type"))
                    continue
                }
                var date: QuarryDate?
                if let text = cell("date") {
                    date = QuarryDate(parsing: text)
                    if date == nil { problems.append(CorpusProblem(file: name, line: n + 1, reason: "'\(text)' is not a date")) }
                }
                gold.events.append(GoldEvent(doc: doc, evidence: evidence, actor: actor, target: cell("target"), type: type, date: date))
            }
        }
        guard problems.isEmpty else { throw CorpusLoadError(problems: problems) }
        return gold
    }
}
